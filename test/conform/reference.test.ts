// The `reference` check against the kernel's own header: the shipped iommufd module's header
// and linux-libc-dev 7.2's linux/iommufd.h compiled side by side on every ABI, and a planted
// copy of the kernel's header whose differences must each be named.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ABIS, getAbi } from "../../src/abi/abis.js";
import { runConform } from "../../src/conform/run.js";
import { describeFinding } from "../../src/conform/types.js";
import { loadDefinitions } from "../../src/load/load.js";
import { corpusHeaders } from "../../src/util/corpus.js";
import { ROOT } from "./helpers.js";

const loaded = loadDefinitions([join(ROOT, "uapi-defs/iommufd.ts")]);
const KERNEL = join(corpusHeaders("7.2"), "linux/iommufd.h");

const run = (abis: readonly string[], reference?: string[]) =>
  runConform(loaded.model, loaded.primary, ROOT, {
    checks: ["reference"],
    abis: abis.map((a) => getAbi(a as never)),
    fuzz: 0,
    seed: 1n,
    ...(reference ? { reference } : {}),
  });

describe("conform reference", () => {
  it("the generated iommufd.h equals linux-libc-dev 7.2's on every ABI (the corpus by default)", async () => {
    const report = await run(ABIS.map((a) => a.name));
    expect(report.findings.map(describeFinding)).toEqual([]);
    expect(report.cells.map((c) => `${c.abi} ${c.status}`)).toEqual(
      ABIS.map((a) => `${a.name} pass`),
    );
    // 37 structs with 173 members, 22 enums, 77 enumerators and 22 macros.
    expect(report.cells[0]!.detail).toBe("541 values against linux/iommufd.h");
  });

  it("names every planted difference: values per ABI, missing and extra items once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-reference-"));
    mkdirSync(join(dir, "linux"));
    const planted = join(dir, "linux/iommufd.h");
    const edits: [string, string][] = [
      ["IOMMUFD_CMD_OPTION = 0x87", "IOMMUFD_CMD_OPTION = 0x97"],
      ["\t__u32 out_fault_fd;\n", ""],
      [
        "#define IOMMUFD_TYPE (';')",
        "#define IOMMUFD_TYPE (';')\n#define IOMMUFD_NAME \"iommufd\"",
      ],
      ["\t__aligned_u64 start;\n\t__aligned_u64 last;", "\t__u32 start;\n\t__u64 last;"],
    ];
    let text = readFileSync(KERNEL, "utf8");
    for (const [from, to] of edits) {
      expect(text).toContain(from);
      text = text.replace(from, to);
    }
    writeFileSync(planted, text);
    const report = await run(["x86_64", "i386"], [planted]);
    expect(report.cells.map((c) => c.status)).toEqual(["fail", "fail"]);
    expect(report.findings.map(describeFinding).sort()).toEqual([
      "every ABI: iommu_fault_alloc: member iommu_fault_alloc.out_fault_fd is not in the reference",
      "every ABI: macro IOMMUFD_NAME is missing from the generated header",
      "i386: IOMMUFD_CMD_OPTION: the enumerator's value differs from the reference (expected 0x97, actual 0x87)",
      "i386: IOMMU_OPTION: the macro's value differs from the reference (expected 0x3b97, actual 0x3b87)",
      "i386: iommu_fault_alloc: sizeof: sizeof differs from the reference (expected 12, actual 16)",
      "i386: iommu_iova_range: alignof: alignof differs from the reference (expected 4, actual 8)",
      "i386: iommu_iova_range: offsetof(last): offsetof differs from the reference (expected 4, actual 8)",
      "i386: iommu_iova_range: sizeof(start): sizeof differs from the reference (expected 4, actual 8)",
      "i386: iommu_iova_range: sizeof: sizeof differs from the reference (expected 12, actual 16)",
      "x86_64: IOMMUFD_CMD_OPTION: the enumerator's value differs from the reference (expected 0x97, actual 0x87)",
      "x86_64: IOMMU_OPTION: the macro's value differs from the reference (expected 0x3b97, actual 0x3b87)",
      "x86_64: iommu_fault_alloc: sizeof: sizeof differs from the reference (expected 12, actual 16)",
      "x86_64: iommu_iova_range: sizeof(start): sizeof differs from the reference (expected 4, actual 8)",
    ]);
  });
});
