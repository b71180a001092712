/**
 * What a C header adds to the engine's inputs: scalars that are other types on some ABIs, and
 * records declared otherwise on some ABIs. ABIs that share a layout class must not share a
 * layout when the model says they differ (x32 has 32-bit `long` but a 64-bit
 * `__kernel_long_t`, like no other ILP32 ABI), and the runtime refuses what it cannot encode.
 */
import { describe, expect, it } from "vitest";
import { ABIS } from "../../src/abi/abis.js";
import { Layouts } from "../../src/layout/layouts.js";
import { deepFreeze, type Field, type Model, type StructItem } from "../../src/model/ir.js";
import { defineStruct, field, scalar } from "../../src/runtime/index.js";

const f = (name: string, type: Field["type"], extra: Partial<Field> = {}): Field => ({
  name,
  type,
  doc: undefined,
  loc: undefined,
  dir: "in",
  reserved: false,
  userPtr: false,
  flags: undefined,
  values: undefined,
  ...extra,
});

function model(items: StructItem[]): Model {
  return deepFreeze({
    modules: [
      { file: "/m.h", name: "m", doc: undefined, spdx: "", includes: [], loc: undefined, items },
    ],
    items: new Map(items.map((i) => [i.name, i])),
  });
}

const struct = (name: string, fields: Field[], extra: Partial<StructItem> = {}): StructItem => ({
  kind: "struct",
  name,
  module: "/m.h",
  doc: undefined,
  loc: undefined,
  fields,
  extensible: undefined,
  arrays: [],
  hardware: false,
  ...extra,
});

describe("per-ABI types and records in the layout side table", () => {
  it("keeps x32 apart from the other ILP32 ABIs for __kernel_long_t", () => {
    const s = struct("mq_attr", [
      f("mq_flags", { kind: "scalar", name: "long", byAbi: { x32: "long long" } }),
      f("mq_maxmsg", { kind: "scalar", name: "long", byAbi: { x32: "long long" } }),
    ]);
    const layouts = new Layouts(model([s]));
    const sizes = Object.fromEntries(ABIS.map((a) => [a.name, layouts.of(s, a).size]));
    expect(sizes.x32).toBe(16);
    expect(sizes.riscv32).toBe(8);
    expect(sizes.i386).toBe(8);
    expect(sizes.x86_64).toBe(16);
    // Each ABI's own engine agrees with the shared table.
    for (const a of ABIS)
      expect(layouts.engine(a).structLayout("mq_attr").size).toBe(sizes[a.name]);
  });

  it("lays each ABI out with its variant of a record", () => {
    // iphdr's first byte: ihl then version on little-endian ABIs, the other way round on big-endian.
    const le = [
      f("ihl", { kind: "scalar", name: "__u8" }, { bitWidth: 4 }),
      f("version", { kind: "scalar", name: "__u8" }, { bitWidth: 4 }),
    ];
    const be = [le[1]!, le[0]!];
    const bigEndian = ABIS.filter((a) => a.endian === "big").map((a) => a.name);
    const s = struct("iphdr", le, { variants: [{ abis: bigEndian, fields: be }] });
    const layouts = new Layouts(model([s]));
    for (const a of ABIS) {
      const l = layouts.of(s, a);
      const ihl = l.fields.find((x) => x.name === "ihl")!;
      expect([a.name, ihl.bitOffset]).toEqual([a.name, a.endian === "big" ? 4 : 0]);
    }
  });

  it("the runtime refuses a bitfield rather than encoding it wrong", () => {
    const codec = defineStruct({
      name: "bits",
      kind: "struct",
      fields: [field("a", scalar("__u8"), { bitWidth: 3 }), field("b", scalar("__u8"))],
    });
    expect(codec.size("x86_64")).toBe(2);
    expect(() => codec.encode({ a: 1, b: 2 } as never, "x86_64")).toThrow(/bitfield/);
  });
});
