// Definitions that used to crash the loader (exit 70) or pass it and give C that does not
// compile (issue 15): each is now a diagnostic at its position, or works.
import { describe, expect, it } from "vitest";
import { DSL, loadText, loadTextWith, where } from "./helpers.js";

const one = (body: string) => where(loadText({ "t.ts": DSL + body }));
const codes = (body: string) => loadText({ "t.ts": DSL + body }).diagnostics.map((d) => d.code);

describe("bounded evaluation", () => {
  it("refuses bit operations on fractions and shifts past 53 bits, at the expression", () => {
    expect(one("export const A = ~1.5;\nexport const B = 1 << 1073741824;\n")).toEqual([
      "defs/unsupported@2:19: bit operations need non-negative integers below 2^53",
      "defs/unsupported@3:18: the result does not fit 53 bits; definitions hold integers up to 2^53",
    ]);
  });

  it("refuses 782 nested parentheses before the parser recurses on them", () => {
    const r = one(`export const A = ${"(".repeat(782)}1${")".repeat(782)};\n`);
    expect(r).toEqual(["defs/limit@2:118: brackets nest more than 100 levels deep here"]);
  });

  it("refuses deep arrays, objects, and runs of prefix operators the same way", () => {
    expect(one(`export const A = ${"[".repeat(3000)}${"]".repeat(3000)};\n`)[0]).toMatch(
      /^defs\/limit@2:118:/,
    );
    expect(one(`export const A = { a: ${"{ a: ".repeat(500)}1${" }".repeat(500)} };\n`)[0]).toMatch(
      /^defs\/limit@2:/,
    );
    expect(one(`export const A = ${"- ".repeat(5000)}1;\n`)[0]).toMatch(
      /prefix operators in a row/,
    );
  });

  it("evaluates a 2,344-term sum without deep recursion", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `export const N = ${Array(2344).fill("1").join(" + ")};\nexport const E = enumeration({ members: { X: N } });\n`,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.model.items.get("E")).toMatchObject({ members: [{ name: "X", value: 2344 }] });
  });

  it("spreads a 125,000-element array, and refuses values that double past the limits", () => {
    const big = `export const A = [${Array.from({ length: 125_000 }, (_, i) => i).join(",")}];\nexport const B = [...A];\n`;
    expect(loadText({ "t.ts": DSL + big }).diagnostics).toEqual([]);
    const strings = `export const s0 = "xy";\n${Array.from({ length: 30 }, (_, i) => `export const s${i + 1} = s${i} + s${i};`).join("\n")}\n`;
    expect(one(strings)).toEqual([
      "defs/limit@21:20: this string would be 1048576 characters long, over the limit of 1000000",
    ]);
    const arrays = `export const a0 = [1];\n${Array.from({ length: 30 }, (_, i) => `export const a${i + 1} = [...a${i}, ...a${i}];`).join("\n")}\n`;
    expect(one(arrays)[0]).toMatch(/^defs\/limit@22:\d+: this array would have 1048576 elements/);
  });

  it("refuses nesting of anonymous unions, arrays and structs deeper than the value bound", () => {
    // Nested in the syntax: refused by the scan before parsing.
    let u = '{ type: "__u8" }';
    for (let i = 0; i < 90; i++) u = `anonymousUnion({ members: { a${i}: ${u} } })`;
    // Split over constants so the syntax is shallow: the values still nest, and are refused.
    const chain = Array.from(
      { length: 250 },
      (_, i) => `export const t${i + 1} = array(t${i}, 1);`,
    ).join("\n");
    expect(
      codes(
        `export const t0 = "__u8";\n${chain}\nexport const s = struct({ fields: { x: { type: t250 } } });\n`,
      ),
    ).toContain("defs/limit");
    expect(codes(`export const s = struct({ fields: { x: ${u} } });\n`)).toContain("defs/limit");
  });

  it("reports a chain of constants that refer down 3,000 levels without a crash", () => {
    const text = `${Array.from({ length: 3000 }, (_, i) => `export const k${i} = k${i + 1} + 1;`).join("\n")}\nexport const k3000 = 1;\n`;
    const r = loadText({ "t.ts": DSL + text });
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(["defs/limit"]));
    expect(r.diagnostics.every((d) => d.loc)).toBe(true);
  });
});

describe("names and text that become C", () => {
  it("refuses __proto__ as a field, enumerator or flag name instead of losing it", () => {
    const r = one(
      'export const s = struct({ fields: { __proto__: { type: "__u8" }, b: { type: "__u8" } } });\n' +
        "export const e = enumeration({ members: { __proto__: 1 } });\n" +
        "export const f = flagSet({ bits: { __proto__: 1 } });\n",
    );
    expect(
      r.filter((d) => /__proto__. cannot be a name/.test(d)).map((d) => d.split(":")[0]),
    ).toEqual(["defs/invalid@2", "defs/invalid@3", "defs/invalid@4"]);
  });

  it("checks enumerators, flag bits, commands, bit fields and macro prefixes as C identifiers", () => {
    const r = one(
      'export const e = enumeration({ members: { "A B": 1, int: 2 } });\n' +
        'export const f = flagSet({ bits: { "0F": 1 } });\n' +
        'export const q = commandSet({ macroPrefix: "Q-X", wordType: "__le64", words: 1, opcode: bits(0, 7, 0), commands: { "1CMD": { opcode: 1, fields: { "a.b": bits(0, 9, 8) } } } });\n',
    );
    expect(r).toEqual([
      "defs/invalid@2:43: `A B` is not a C identifier",
      "defs/invalid@2:53: `int` is a C or C++ keyword; the header would not compile",
      "defs/invalid@3:36: `0F` is not a C identifier",
      "defs/invalid@4:44: `Q-X` is not a C identifier",
      "defs/invalid@4:116: `1CMD` is not a C identifier",
      "defs/invalid@4:147: `a.b` is not a C identifier",
    ]);
  });

  it("refuses empty enums and flag sets, which C rejects", () => {
    expect(
      one(
        "export const e = enumeration({ members: {} });\nexport const f = flagSet({ bits: {} });\n",
      ),
    ).toEqual([
      "defs/invalid@2:41: `members` is empty; a C enum needs at least one member",
      "defs/invalid@3:34: `bits` is empty; a C enum needs at least one member",
    ]);
  });

  it("refuses header names, includes and SPDX lines that would break out of the C", () => {
    expect(
      one(
        'export const h = header({ name: "a/b", spdx: "MIT */ int x; /*", includes: ["linux/types.h>\\n#include <x.h"] });\n',
      ),
    ).toEqual([
      "defs/invalid@2:33: a header name is lower-case letters, digits and `_`",
      'defs/invalid@2:46: "MIT */ int x; /*" is not an SPDX licence expression',
      'defs/invalid@2:76: "linux/types.h>\\n#include <x.h" is not a header path such as "linux/types.h"',
    ]);
  });

  it("refuses a member name C sees twice through an anonymous union, and an ioctl named like an enumerator", () => {
    const r = one(
      'export const s = struct({ fields: { a: { type: "__u8" }, u: anonymousUnion({ members: { a: { type: "__u8" } } }) } });\n' +
        'export const T = constant({ value: char("x") });\nexport const N = enumeration({ members: { X: 1 } });\n' +
        'export const X = ioctl({ type: T, nr: "X", dir: "none" });\n',
    );
    expect(r).toEqual([
      "defs/duplicate@5:14: `X` is defined twice",
      "defs/duplicate@2:89: `a` is already a member of this struct (members of an anonymous union are members of the struct in C)",
    ]);
  });

  it("refuses arrays and structs larger than a 32-bit ABI can declare (sizes stay exact)", () => {
    const r = one(
      'export const a = struct({ fields: { x: { type: array("__u8", 1152921504606846976) } } });\n' +
        'export const b = struct({ fields: { x: { type: array(array("__u64", 65536), 65536) } } });\n',
    );
    expect(r).toEqual([
      "defs/limit@2:48: an array length is at most 2147483647, the largest object every 32-bit ABI can declare",
      "defs/limit@3:14: struct b can be larger than 2147483647 bytes, the largest object every 32-bit ABI can declare",
    ]);
  });
});

describe("modules", () => {
  it("loads a file named twice once", () => {
    const text = DSL + 'export const s = struct({ fields: { a: { type: "__u8" } } });\n';
    const r = loadText({ "t.ts": text });
    expect(r.primary).toHaveLength(1);
  });

  it("refuses two modules that would write the same header", () => {
    const a =
      DSL +
      'export const h = header({ name: "same" });\nexport const x = struct({ fields: { a: { type: "__u8" } } });\n';
    const b =
      DSL +
      'export const h = header({ name: "same" });\nexport const y = struct({ fields: { a: { type: "__u8" } } });\n';
    expect(where(loadText({ "a.ts": a, "b.ts": b }))).toEqual([
      "defs/duplicate@2:18: a.ts and b.ts both generate linux/same.h",
    ]);
  });

  it("reports an import that cannot be read at the import, not at line 1 column 1", () => {
    const r = loadTextWith(
      {
        "a.ts":
          DSL +
          'import { x } from "./missing.js";\nexport const s = struct({ fields: { a: { type: x } } });\n',
      },
      {},
    );
    expect(where(r)).toEqual([
      "defs/unsupported@2:10: cannot load ./missing.js: cannot read /virtual/missing.ts",
    ]);
  });
});
