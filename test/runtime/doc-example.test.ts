// The VMM example of docs/runtime.md, run as written against the generated out/ts/iommufd.ts
// (test/package/pack.test.ts runs it again against the installed package, compiled strictly).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";

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

describe("docs/runtime.md", () => {
  it("runs the VMM request example as written", async () => {
    // Inside the checkout (tmp/ is ignored by git), so `uapi-gen/runtime` resolves to it.
    mkdirSync(resolve("tmp"), { recursive: true });
    const dir = mkdtempSync(join(resolve("tmp"), "doc-example-"));
    const file = join(dir, "example.ts");
    const generated = resolve("out/ts/iommufd.ts");
    writeFileSync(
      file,
      runtimeDocExample().replace('"./out/ts/iommufd.js"', JSON.stringify(generated)),
    );
    const lines: string[] = [];
    const log = vi
      .spyOn(console, "log")
      .mockImplementation((m: unknown) => void lines.push(String(m)));
    try {
      await import(file);
    } finally {
      log.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(lines).toEqual(RUNTIME_DOC_OUTPUT);
  });
});
