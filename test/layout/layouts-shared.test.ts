// The layout table lays a struct out once per layout class of ABIs and renames the copies:
// every ABI must still get exactly what its own engine computes.
import { describe, expect, it } from "vitest";
import { ABIS } from "../../src/abi/abis.js";
import { definitionFiles } from "../../src/cli/defs-files.js";
import { LayoutEngine } from "../../src/layout/layout.js";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";
import type { StructItem } from "../../src/model/ir.js";

const loaded = loadDefinitions(definitionFiles([], process.cwd()));
const structs = [...loaded.model.items.values()].filter(
  (i): i is StructItem => i.kind === "struct" || i.kind === "union",
);
const resolve = (name: string) => {
  const item = loaded.model.items.get(name);
  return item && (item.kind === "struct" || item.kind === "union") ? item : undefined;
};

describe("Layouts shared between the ABIs of a layout class", () => {
  it("gives every ABI what an engine of its own computes", () => {
    const layouts = new Layouts(loaded.model);
    expect(structs.length).toBeGreaterThan(10);
    for (const abi of ABIS) {
      const own = new LayoutEngine(abi, resolve);
      for (const s of structs) {
        expect(layouts.of(s, abi)).toEqual(own.structLayout(s.name));
        expect(layouts.of(s.name, abi.name)).toBe(layouts.of(s, abi));
      }
    }
  });

  it("lists the layouts of every ABI in the table's order, once per struct", () => {
    const layouts = new Layouts(loaded.model);
    for (const s of structs) {
      const all = layouts.everywhere(s);
      expect(all.map((l) => l.abi)).toEqual(ABIS.map((a) => a.name));
      expect(layouts.everywhere(s.name)).toBe(all);
    }
  });

  it("lays an ABI that is not in the table out on its own", () => {
    const layouts = new Layouts(loaded.model);
    const variant = { ...ABIS[0]!, name: "x86_64-packed32", align: { ...ABIS[0]!.align, i32: 1 } };
    const own = new LayoutEngine(variant, resolve);
    for (const s of structs) expect(layouts.of(s, variant)).toEqual(own.structLayout(s.name));
    expect(
      structs.some((s) => layouts.of(s, variant).align !== layouts.of(s, ABIS[0]!).align),
    ).toBe(true);
  });
});
