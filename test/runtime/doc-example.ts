// The VMM example of docs/runtime.md and what it prints, for the tests that run it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The example between the markers of docs/runtime.md. */
export function runtimeDocExample(): string {
  const doc = readFileSync(resolve("docs/runtime.md"), "utf8");
  const m = /<!-- example: vmm-request -->\s*```ts\n([\s\S]*?)```\s*<!-- end example -->/.exec(doc);
  if (!m) throw new Error("docs/runtime.md: the vmm-request example is missing");
  return m[1]!;
}

/** What the example prints. */
export const RUNTIME_DOC_OUTPUT = [
  "request: 32 bytes, size 32, data_type 0",
  "entries: 2 of 24 bytes, 48 in all",
  "decoded: 2 iommu_hwpt_vtd_s1_invalidate, hwpt 7",
  "iommu_hwpt_vtd_s1_invalidate.flags: bits 0x2 are not flags of iommu_hwpt_vtd_s1_invalidate_flags (valid: 0x1)",
  "zero: size 32",
];
