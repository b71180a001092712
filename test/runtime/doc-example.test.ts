// The VMM example of docs/runtime.md, run as written against the generated out/ts/iommufd.ts
// (test/package/pack.test.ts runs it again against the installed package, compiled strictly).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { RUNTIME_DOC_OUTPUT, runtimeDocExample } from "./doc-example.js";

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
