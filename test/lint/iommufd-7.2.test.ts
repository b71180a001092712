/**
 * Linux 7.2's linux/iommufd.h, linted as `uapi-gen lint` does: no error, and exactly the
 * warnings that are true of the kernel's header. Each is listed with why.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { lintHeaders, type Finding, type HeaderFindings } from "../../src/corpus/lint-tree.js";
import { treeOf } from "../../src/corpus/tree.js";
import { corpusHeaders } from "../../src/util/corpus.js";

describe("uapi-gen lint of Linux 7.2 linux/iommufd.h", () => {
  const header = join(corpusHeaders("7.2"), "linux/iommufd.h");
  let findings: readonly Finding[] = [];
  beforeAll(async () => {
    [{ findings }] = (await lintHeaders([header], treeOf("7.2").sysroot)) as [HeaderFindings];
  }, 120_000);
  const bySeverity = (severity: string) =>
    findings
      .filter((f) => f.severity === severity)
      .map((f) => `${f.at!.slice(header.length + 1)} ${f.code}: ${f.message}`);

  it("has no error", () => {
    expect(bySeverity("error")).toEqual([]);
  });

  it("warns only where it is true", () => {
    const warnings = bySeverity("warning");
    // The anonymous enum of command numbers has no comment at all (the DOC: section above it
    // is about the ioctl format, not about the enum).
    expect(warnings.filter((w) => w.includes("`IOMMUFD_CMD_"))).toEqual([
      "38:2 require-docs: enum member `IOMMUFD_CMD_BASE` has no documentation",
      "39:2 require-docs: enum member `IOMMUFD_CMD_DESTROY` has no documentation",
      "40:2 require-docs: enum member `IOMMUFD_CMD_IOAS_ALLOC` has no documentation",
      "41:2 require-docs: enum member `IOMMUFD_CMD_IOAS_ALLOW_IOVAS` has no documentation",
      "42:2 require-docs: enum member `IOMMUFD_CMD_IOAS_COPY` has no documentation",
      "43:2 require-docs: enum member `IOMMUFD_CMD_IOAS_IOVA_RANGES` has no documentation",
      "44:2 require-docs: enum member `IOMMUFD_CMD_IOAS_MAP` has no documentation",
      "45:2 require-docs: enum member `IOMMUFD_CMD_IOAS_UNMAP` has no documentation",
      "46:2 require-docs: enum member `IOMMUFD_CMD_OPTION` has no documentation",
      "47:2 require-docs: enum member `IOMMUFD_CMD_VFIO_IOAS` has no documentation",
      "48:2 require-docs: enum member `IOMMUFD_CMD_HWPT_ALLOC` has no documentation",
      "49:2 require-docs: enum member `IOMMUFD_CMD_GET_HW_INFO` has no documentation",
      "50:2 require-docs: enum member `IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING` has no documentation",
      "51:2 require-docs: enum member `IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP` has no documentation",
      "52:2 require-docs: enum member `IOMMUFD_CMD_HWPT_INVALIDATE` has no documentation",
      "53:2 require-docs: enum member `IOMMUFD_CMD_FAULT_QUEUE_ALLOC` has no documentation",
      "54:2 require-docs: enum member `IOMMUFD_CMD_IOAS_MAP_FILE` has no documentation",
      "55:2 require-docs: enum member `IOMMUFD_CMD_VIOMMU_ALLOC` has no documentation",
      "56:2 require-docs: enum member `IOMMUFD_CMD_VDEVICE_ALLOC` has no documentation",
      "57:2 require-docs: enum member `IOMMUFD_CMD_IOAS_CHANGE_PROCESS` has no documentation",
      "58:2 require-docs: enum member `IOMMUFD_CMD_VEVENTQ_ALLOC` has no documentation",
      "59:2 require-docs: enum member `IOMMUFD_CMD_HW_QUEUE_ALLOC` has no documentation",
    ]);
    expect(warnings.filter((w) => !w.includes("`IOMMUFD_CMD_"))).toEqual([
      // No ioctl IOMMU_IOVA_RANGE exists: the struct is an element of IOMMU_IOAS_IOVA_RANGES.
      "92:2 import/kernel-doc: the kernel-doc title of `struct iommu_iova_range` names ioctl(IOMMU_IOVA_RANGE), which is not defined",
      // Written as kernel-doc, opened with /*: the kernel's documentation never shows it.
      "777:2 import/kernel-doc: the comment documenting `enum iommufd_hwpt_set_dirty_tracking_flags` is written as kernel-doc but opens with `/*`, so kernel-doc skips it",
      // The ioctl is IOMMU_IOAS_CHANGE_PROCESS; VFIO_IOAS_CHANGE_PROCESS is not defined anywhere.
      "1151:2 import/kernel-doc: the kernel-doc title of `struct iommu_ioas_change_process` names ioctl(VFIO_IOAS_CHANGE_PROCESS), which is not defined",
      // #define IOMMUFD_TYPE has no comment.
      "10:9 require-docs: constant `IOMMUFD_TYPE` has no documentation",
      // struct iommu_option's title ("iommu option multiplexer") names no ioctl, unlike its siblings.
      "351:9 require-docs: ioctl `IOMMU_OPTION` has no documentation",
      // Its kernel-doc title has no short description (`enum iommufd_hw_capabilities` alone).
      "706:6 require-docs: enum `iommufd_hw_capabilities` has no documentation",
      // Its struct's title names ioctl(VFIO_IOAS_CHANGE_PROCESS) instead (see line 1151).
      "1168:9 require-docs: ioctl `IOMMU_IOAS_CHANGE_PROCESS` has no documentation",
    ]);
  });

  it("says what it could not judge", () => {
    expect(bySeverity("info")).toEqual([
      "73:9 ioctl-direction: C cannot say which fields the kernel writes: the direction of 19 ioctl(s) of this header not checked, from `IOMMU_DESTROY`",
      "86:8 flags-declare-valid-bits: C cannot say which bits a flags field accepts: 19 flags field(s) of this header not checked, from `iommu_ioas_alloc.flags`",
      "947:16 array-descriptor-contract: C cannot describe an array passed by pointer: 1 pointer and count pair(s) of this header not checked, from `iommu_hwpt_invalidate.data_uptr`",
    ]);
  });
});
