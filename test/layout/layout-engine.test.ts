// The layout engine against the facts measured with real compilers in
// docs/conform.md (gcc and clang per target, and qemu-user at run time).
import { describe, expect, it } from "vitest";
import { ABIS, getAbi, type AbiName } from "../../src/abi/abis.js";
import {
  LayoutEngine,
  scalarLayout,
  type ShapeStruct,
  type ShapeType,
} from "../../src/layout/layout.js";
import type { ScalarName } from "../../src/abi/kernel-types.js";

const s = (name: ScalarName): ShapeType => ({ kind: "scalar", name });
const struct = (name: string, fields: [string, ShapeType][]): ShapeStruct => ({
  name,
  kind: "struct",
  fields: fields.map(([n, type]) => ({ name: n, type })),
});

// struct tc_demo { __u32 size; __u32 id; __aligned_u64 ptr; __u32 a; __u32 b; __u64 plain; __u16 c; };
const tcDemo = struct("tc_demo", [
  ["size", s("__u32")],
  ["id", s("__u32")],
  ["ptr", s("__aligned_u64")],
  ["a", s("__u32")],
  ["b", s("__u32")],
  ["plain", s("__u64")],
  ["c", s("__u16")],
]);
// struct tc_probe { __u32 a; __u64 plain; __u16 c; };
const tcProbe = struct("tc_probe", [
  ["a", s("__u32")],
  ["plain", s("__u64")],
  ["c", s("__u16")],
]);
const charThen = (t: ScalarName) =>
  struct(`char_${t}`, [
    ["c", s("__u8")],
    ["x", s(t)],
  ]);
const shapes = new Map(
  [tcDemo, tcProbe, charThen("__u64"), charThen("__u32"), charThen("__u16")].map((x) => [
    x.name,
    x,
  ]),
);
const engine = (abi: AbiName) => new LayoutEngine(getAbi(abi), (n) => shapes.get(n));
const offsetOf = (abi: AbiName, st: string, field: string) =>
  engine(abi)
    .structLayout(st)
    .fields.find((f) => f.name === field)!.offset;

describe("layout engine against toolchain.md", () => {
  // Columns: _Alignof(u64), sizeof tc_probe, offsetof tc_probe.plain (§1 table and the gcc-only notes).
  const facts: Record<AbiName, [number, number, number]> = {
    x86_64: [8, 24, 8],
    i386: [4, 16, 4],
    x32: [8, 24, 8],
    aarch64: [8, 24, 8],
    arm: [8, 24, 8],
    riscv64: [8, 24, 8],
    riscv32: [8, 24, 8],
    powerpc64le: [8, 24, 8],
    powerpc64: [8, 24, 8],
    powerpc: [8, 24, 8],
    s390x: [8, 24, 8],
    mips: [8, 24, 8],
    mips64el: [8, 24, 8],
    m68k: [2, 14, 4],
    sparc64: [8, 24, 8],
    loongarch64: [8, 24, 8],
    sh4: [4, 16, 4],
    alpha: [8, 24, 8],
    hppa: [8, 24, 8],
  };

  it("covers every ABI of the table", () => {
    expect(Object.keys(facts).sort()).toEqual(ABIS.map((a) => a.name).sort());
  });

  for (const [abi, [alignU64, probeSize, probePlain]] of Object.entries(facts) as [
    AbiName,
    [number, number, number],
  ][]) {
    it(`${abi}: u64 alignment, tc_probe and tc_demo`, () => {
      expect(scalarLayout("__u64", getAbi(abi)).align).toBe(alignU64);
      const probe = engine(abi).structLayout("tc_probe");
      expect(probe.size).toBe(probeSize);
      expect(offsetOf(abi, "tc_probe", "plain")).toBe(probePlain);
      const demo = engine(abi).structLayout("tc_demo");
      expect(demo.size).toBe(40);
      expect(demo.align).toBe(8);
      expect(offsetOf(abi, "tc_demo", "plain")).toBe(24);
    });
  }

  it("m68k aligns u16, u32 and u64 to 2 (gcc and qemu-m68k)", () => {
    expect(offsetOf("m68k", "char___u64", "x")).toBe(2);
    expect(offsetOf("m68k", "char___u32", "x")).toBe(2);
    expect(offsetOf("m68k", "char___u16", "x")).toBe(2);
    expect(engine("m68k").structLayout("char___u64").size).toBe(10);
    // tc_probe on m68k: no hole and no tail padding (pahole shows it "packed").
    const probe = engine("m68k").structLayout("tc_probe");
    expect(probe.holes).toEqual([]);
    expect(probe.tailPadding).toBe(0);
  });

  it("reports holes and tail padding like pahole on x86_64", () => {
    const probe = engine("x86_64").structLayout("tc_probe");
    expect(probe.holes).toEqual([{ offset: 4, size: 4, after: "a", before: "plain" }]);
    expect(probe.tailPadding).toBe(6);
    expect(engine("x86_64").structLayout("tc_demo").tailPadding).toBe(6);
  });

  it("i386 has no hole in tc_probe but 4-aligns the plain u64", () => {
    const probe = engine("i386").structLayout("tc_probe");
    expect(probe.holes).toEqual([]);
    expect(probe.tailPadding).toBe(2);
  });

  it("__aligned_u64 is 8-aligned on every ABI", () => {
    for (const abi of ABIS) expect(scalarLayout("__aligned_u64", abi).align).toBe(8);
  });

  it("native long and pointers follow the ABI's data model", () => {
    expect(scalarLayout("long", getAbi("x86_64")).size).toBe(8);
    expect(scalarLayout("long", getAbi("x32")).size).toBe(4);
    expect(scalarLayout("void *", getAbi("i386")).size).toBe(4);
    expect(scalarLayout("void *", getAbi("m68k")).align).toBe(2);
  });

  it("lays out unions, arrays and nested structs", () => {
    const shapes2 = new Map<string, ShapeStruct>([
      [
        "inner",
        struct("inner", [
          ["a", s("__u8")],
          ["b", s("__u32")],
        ]),
      ],
      [
        "outer",
        struct("outer", [
          ["x", s("__u8")],
          ["in", { kind: "named", name: "inner" }],
          ["arr", { kind: "array", element: s("__u16"), length: 3 }],
          [
            "u",
            {
              kind: "anonUnion",
              members: [
                { name: "p", type: s("__u8") },
                { name: "q", type: s("__aligned_u64") },
              ],
            },
          ],
        ]),
      ],
      [
        "un",
        {
          name: "un",
          kind: "union",
          fields: [
            { name: "a", type: s("__u8") },
            { name: "b", type: { kind: "array", element: s("__u8"), length: 5 } },
          ],
        },
      ],
    ]);
    const e = new LayoutEngine(getAbi("x86_64"), (n) => shapes2.get(n));
    const outer = e.structLayout("outer");
    expect(outer.fields.map((f) => [f.name, f.offset, f.size])).toEqual([
      ["x", 0, 1],
      ["in", 4, 8],
      ["arr", 12, 6],
      ["u", 24, 8],
    ]);
    expect(outer.fields[3]!.members!.map((m) => [m.name, m.offset])).toEqual([
      ["p", 24],
      ["q", 24],
    ]);
    expect(outer.holes).toEqual([
      { offset: 1, size: 3, after: "x", before: "in" },
      { offset: 18, size: 6, after: "arr", before: "u" },
    ]);
    expect(outer.size).toBe(32);
    const un = e.structLayout("un");
    expect([un.size, un.align, un.tailPadding]).toEqual([5, 1, 0]);
  });

  it("rejects a struct that contains itself instead of looping", () => {
    const loop = new Map([["self", struct("self", [["me", { kind: "named", name: "self" }]])]]);
    expect(() =>
      new LayoutEngine(getAbi("x86_64"), (n) => loop.get(n)).structLayout("self"),
    ).toThrow(/contains itself/);
  });
});
