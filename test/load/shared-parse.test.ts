// Loads in one process share the parse of byte-identical texts (src/load/load.ts): each file
// must still be named by its own path, in the model and in diagnostics alike.
import { describe, expect, it } from "vitest";
import { loadDefinitions } from "../../src/load/load.js";
import { DSL } from "./helpers.js";

const GOOD =
  DSL + `export const s = struct({ doc: "S.", fields: { a: { type: "__u32", doc: "A." } } });\n`;
const BAD = DSL + `export const s = struct({ fields: { a: { type: "__u33", doc: "A." } } });\n`;

function load(files: Record<string, string>) {
  return loadDefinitions(Object.keys(files), { readFile: (f) => files[f] });
}

describe("shared parses", () => {
  it("names each file by its own path when two files have the same text", () => {
    const first = load({ "/old/@HEAD/a.ts": GOOD });
    const second = load({
      "/new/a.ts": GOOD,
      "/new/b.ts": GOOD.replace("export const s", "export const t"),
    });
    expect(first.model.items.get("s")!.loc!.file).toBe("/old/@HEAD/a.ts");
    expect(second.model.items.get("s")!.loc!.file).toBe("/new/a.ts");
    expect(second.model.items.get("t")!.loc!.file).toBe("/new/b.ts");
    expect(second.model.items.get("s")!.loc!.range).toEqual(first.model.items.get("s")!.loc!.range);
    expect(second.sourceMap.sourceFile("/new/a.ts")!.fileName).toBe("/new/a.ts");
    expect(second.sourceMap.sourceFile("/new/a.ts")!.text).toBe(GOOD);
  });

  it("reports the same error in each of two identical files at that file's path", () => {
    const r = load({ "/x/one.ts": BAD, "/y/two.ts": BAD.replace("const s", "const t") });
    const again = load({ "/z/three.ts": BAD });
    const files = [...r.diagnostics, ...again.diagnostics].map((d) => d.loc?.file);
    expect(files).toEqual(["/x/one.ts", "/y/two.ts", "/z/three.ts"]);
    expect(new Set([...r.diagnostics, ...again.diagnostics].map((d) => d.message)).size).toBe(1);
  });
});
