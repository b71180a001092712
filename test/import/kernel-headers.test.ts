/**
 * The C front end on the kernel's own headers (linux-libc-dev 7.2 from the corpus), for the
 * faults it used to have: each reads one header as `uapi-gen lint` and `import` do, on a few
 * ABIs that differ where the header does (i386, m68k and sh4 align 64-bit integers below 8;
 * m68k is read and judged with its gcc; powerpc encodes ioctls otherwise).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { importHeaders, type ImportResult } from "../../src/import/import.js";
import { ioctlNumber } from "../../src/layout/ioctl-size.js";
import { Layouts } from "../../src/layout/layouts.js";
import {
  exactValue,
  type EnumItem,
  type IoctlItem,
  type Item,
  type StructItem,
} from "../../src/model/ir.js";
import { corpusHeaders, hasCorpusHeaders } from "../../src/util/corpus.js";

const HEADERS = [
  "iommufd.h",
  "seccomp.h",
  "perf_event.h",
  "rseq.h",
  "taskstats.h",
  "mqueue.h",
  "ipc.h",
  "fuse.h",
  "rkisp1-config.h",
  "keyctl.h",
];
const ABIS = ["x86_64", "i386", "m68k", "powerpc"].map((n) => getAbi(n as never));
const imported = new Map<string, ImportResult>();

const found = (h: string, name: string, kind: Item["kind"]): Item => {
  const i = imported.get(h)!.model.items.get(name);
  expect(i?.kind, `${name} in ${h}`).toBe(kind);
  return i!;
};
const struct = (h: string, name: string) => found(h, name, "struct") as StructItem;
const ioctl = (h: string, name: string) => found(h, name, "ioctl") as IoctlItem;
const member = (h: string, name: string) =>
  imported
    .get(h)!
    .primary[0]!.items.filter((i): i is EnumItem => i.kind === "enum")
    .flatMap((e) => e.members)
    .find((m) => m.name === name)!;

describe.skipIf(!hasCorpusHeaders("7.2"))("kernel headers, read exactly", () => {
  beforeAll(async () => {
    const root = corpusHeaders("7.2");
    const results = await importHeaders(
      HEADERS.map((h) => join(root, "linux", h)),
      { sysroot: root, abis: ABIS },
    );
    HEADERS.forEach((h, i) => imported.set(h, results[i]!));
  }, 120_000);

  it("reads every header without an error", () => {
    for (const [h, r] of imported)
      expect(
        r.diagnostics.filter((d) => d.severity === "error").map((d) => d.message),
        h,
      ).toEqual([]);
  });

  it("takes enumerator values from the compiler, also under implicit casts", () => {
    // `(1U << 0)` used to be read as its position, 0.
    expect(member("iommufd.h", "IOMMU_VEVENTQ_FLAG_LOST_EVENTS").value).toBe(1);
    expect(member("iommufd.h", "IOMMU_VEVENTQ_FLAG_LOST_EVENTS").implicit).toBeUndefined();
    // `(__u64)-2048`: exact past 2^53.
    expect(exactValue(member("perf_event.h", "PERF_CONTEXT_GUEST"))).toBe(2n ** 64n - 2048n);
    expect(exactValue(member("perf_event.h", "PERF_CONTEXT_MAX"))).toBe(2n ** 64n - 4095n);
  });

  it("keeps __aligned_le64 arrays 8-aligned on i386 and m68k", () => {
    const s = struct("iommufd.h", "iommu_hwpt_arm_smmuv3");
    expect(s.fields.find((f) => f.name === "ste")!.type).toEqual({
      kind: "array",
      element: { kind: "scalar", name: "__aligned_le64" },
      length: 2,
    });
    const layouts = new Layouts(imported.get("iommufd.h")!.model);
    for (const abi of ["i386", "m68k"]) expect(layouts.of(s, abi).align).toBe(8);
  });

  it("models aligned(N) records and members (struct rseq, struct taskstats)", () => {
    const rseq = struct("rseq.h", "rseq");
    expect(rseq.align).toBe(32);
    expect(rseq.unmodelledLayout).toBeUndefined();
    const cs = struct("rseq.h", "rseq_cs");
    expect(cs.align).toBe(32); // aligned(4 * sizeof(__u64)), computed by the compiler
    const ts = struct("taskstats.h", "taskstats");
    expect(ts.fields.find((f) => f.name === "cpu_count")!.type).toEqual({
      kind: "scalar",
      name: "__aligned_u64",
    });
    const layouts = new Layouts(imported.get("rseq.h")!.model);
    expect(layouts.of(rseq, "m68k").size % 32).toBe(0);
  });

  it("reads ioctls through wrapper macros, with scalar argument sizes", () => {
    const valid = ioctl("seccomp.h", "SECCOMP_IOCTL_NOTIF_ID_VALID");
    expect([valid.dir, valid.type.value, valid.nr.value]).toEqual(["write", 0x21, 2]);
    expect(valid.argType).toEqual({ kind: "scalar", name: "__u64" });
    const layouts = new Layouts(imported.get("seccomp.h")!.model);
    // _IOW('!', 2, __u64): 8 bytes encoded, as the kernel's own value on each family.
    expect(ioctlNumber(valid, layouts, getAbi("x86_64")).toString(16)).toBe("40082102");
    expect(ioctlNumber(valid, layouts, getAbi("powerpc")).toString(16)).toBe("80082102");
    expect(ioctl("seccomp.h", "SECCOMP_IOCTL_NOTIF_RECV").arg).toBe("seccomp_notif");
  });

  it("resolves the architecture's typedefs per ABI", () => {
    // __kernel_mode_t is unsigned short on i386 and m68k, unsigned int elsewhere.
    const perm = struct("ipc.h", "ipc_perm");
    const mode = perm.fields.find((f) => f.name === "mode")!;
    expect(mode.cType).toBe("__kernel_mode_t");
    expect(mode.type).toEqual({
      kind: "scalar",
      name: "unsigned int",
      byAbi: { i386: "unsigned short", m68k: "unsigned short" },
    });
    // __kernel_long_t: long on every ABI read here (x32, where it is long long, is not).
    const attr = struct("mqueue.h", "mq_attr");
    expect(attr.fields[0]!.type).toEqual({ kind: "scalar", name: "long" });
    const layouts = new Layouts(imported.get("ipc.h")!.model);
    expect(layouts.of(perm, "m68k").size).not.toBe(layouts.of(perm, "x86_64").size);
  });

  it("names anonymous members by position, never by line", () => {
    const names = (s: StructItem) => s.fields.map((f) => f.name);
    const info = struct("iommufd.h", "iommu_hw_info");
    expect(names(info).filter((n) => n.startsWith("("))).toEqual([
      "(anonymous union after data_uptr)",
    ]);
    for (const r of imported.values())
      for (const i of r.model.items.values()) expect(i.name).not.toMatch(/\.h:\d+/);
  });

  it("takes a gcc ABI's sizes from its own compiler, not from the stand-in clang target", () => {
    // ((uint32_t)(-1)) beside a macro using PAGE_SIZE, which gcc blames on the header's line.
    const uidgid = found("fuse.h", "FUSE_INVALID_UIDGID", "constant");
    expect(uidgid.abis).toBeUndefined();
    // __u8 data[RKISP1_EXT_PARAMS_MAX_SIZE], a sum of sizeofs: 4528 bytes on m68k, not 4536.
    const cfg = struct("rkisp1-config.h", "rkisp1_ext_params_cfg");
    const layouts = new Layouts(imported.get("rkisp1-config.h")!.model);
    expect(layouts.of(cfg, "m68k").size).toBe(4536);
    expect(layouts.of(cfg, "x86_64").size).toBe(4544);
  });

  it("keeps a member named with a C++ keyword (keyctl.h `private`) and the include guard", async () => {
    const { writeDefinitions } = await import("../../src/import/write-defs.js");
    const r = imported.get("keyctl.h")!;
    const text = await writeDefinitions(r.primary[0]!, r.model);
    expect(text).toContain('guard: "_LINUX_KEYCTL_H"');
    expect(text).toContain("cOnly: true");
  });
});
