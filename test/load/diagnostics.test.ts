// A syntax or type error in a definitions file is a diagnostic at its exact position.
import { describe, expect, it } from "vitest";
import { DSL, loadText, loadTextWith, where } from "./helpers.js";

describe("loader diagnostics", () => {
  it("reports a syntax error at its position and does not evaluate the module", () => {
    const r = loadText({
      "bad.ts": DSL + 'export const s = struct({ fields: { a: { type: "__u32" } }\n',
    });
    expect(where(r)).toEqual(["defs/syntax@3:1: '}' expected."]);
    expect(r.model.items.size).toBe(0);
  });

  it("reports an unknown kernel type at the type's value", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `export const s = struct({\n  fields: {\n    a: { type: "__u33", doc: "x" },\n  },\n});\n`,
    });
    expect(where(r)).toEqual(["defs/invalid@4:16: unknown type `__u33`"]);
    expect(r.diagnostics[0]!.hint).toMatch(/__u8, __s8/);
  });

  it("reports a misspelt property with the properties it expected", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `export const s = struct({\n  fields: { a: { type: "__u32", resreved: true } },\n});\n`,
    });
    expect(where(r)).toEqual(["defs/invalid@3:33: unknown property `resreved`"]);
    expect(r.diagnostics[0]!.hint).toContain("reserved");
    expect(r.diagnostics[0]!.path).toBe("s.fields.a.resreved");
  });

  it("reports a value of the wrong kind", () => {
    const r = loadText({
      "t.ts":
        DSL + `export const s = struct({ fields: { a: { type: "__u32", reserved: "yes" } } });\n`,
    });
    expect(where(r)).toEqual(["defs/invalid@2:67: `reserved` must be true or false"]);
  });

  it("rejects code that would have to run, at the construct", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `const f = () => 4;\nexport const s = struct({ fields: { a: { type: "__u32" } } });\nfunction g() {}\n`,
    });
    expect(where(r)).toEqual([
      "defs/unsupported@4:1: a definitions module holds only imports and `const` declarations, not a function declaration",
      "defs/unsupported@2:11: an arrow function is not allowed in a definitions module",
    ]);
  });

  it("rejects calls to anything but the builders, and undefined names", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `export const a = Math.max(1, 2);\nexport const b = struct({ fields: { x: { type: nope } } });\n`,
    });
    expect(where(r)).toEqual([
      "defs/unsupported@2:18: `Math` is not defined in this module",
      "defs/unsupported@3:48: `nope` is not defined in this module",
    ]);
  });

  it("reports an ioctl number that names nothing", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `export const T = constant({ value: char("x") });\nexport const IOC = ioctl({ type: T, nr: "NOPE", dir: "none" });\n`,
    });
    expect(where(r)).toEqual(["defs/unresolved@3:41: `NOPE` is not an enum member or constant"]);
  });

  it("reports a missing argument of a sized ioctl and a bad array descriptor", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `export const T = constant({ value: 1 });\nexport const E = enumeration({ members: { N: 2 } });\n` +
        `export const IOC = ioctl({ type: T, nr: "N", dir: "readwrite" });\n` +
        `export const s = struct({ fields: { p: { type: "__aligned_u64" } }, arrays: [{ pointer: "p", entryLen: "len", count: "p" }] });\n`,
    });
    expect(where(r)).toEqual([
      "defs/invalid@5:104: no field `len` in this struct",
      "defs/invalid@4:14: a `readwrite` ioctl encodes its argument's size: give `arg`",
    ]);
  });

  it("reports duplicate C names across modules and enum members defined twice", () => {
    const r = loadText({
      "a.ts":
        DSL +
        `export const s = struct({ fields: { x: { type: "__u8" } } });\nexport const E = enumeration({ members: { DUP: 1 } });\n`,
      "b.ts":
        DSL +
        `export const s = struct({ fields: { y: { type: "__u8" } } });\nexport const F = enumeration({ members: { DUP: 2 } });\n`,
    });
    expect(where(r)).toEqual([
      "defs/duplicate@2:14: `s` is declared in two modules",
      "defs/duplicate@3:43: `DUP` is defined twice",
    ]);
  });

  it("reports an unreadable file instead of throwing", () => {
    const r = loadText({});
    expect(r.diagnostics).toEqual([]);
    const missing = loadText({ "x.ts": undefined as unknown as string });
    expect(where(missing)).toEqual(["defs/io@1:1: cannot read /virtual/x.ts"]);
  });

  it("evaluates arithmetic, spreads, shorthand and imports between modules", () => {
    const r = loadText({
      "base.ts":
        DSL +
        `export const T = constant({ value: char(";") });\nexport const inner = struct({ fields: { a: { type: "__u32" } } });\n`,
      "top.ts":
        DSL +
        `import { T, inner } from "./base.js";\n` +
        `const common = { doc: "shared" };\n` +
        `export const E = enumeration({ members: { BASE: 0x80, NEXT: 0x80 + (1 << 2) | 1 } });\n` +
        `export const s = struct({ fields: { i: { type: inner, ...common }, arr: { type: array("__u16", 2 * 3) } } });\n` +
        `export const IOC = ioctl({ type: T, nr: "NEXT", dir: "read", arg: s });\n`,
    });
    expect(r.diagnostics).toEqual([]);
    const e = r.model.items.get("E");
    expect(e?.kind === "enum" && e.members.map((m) => m.value)).toEqual([0x80, 0x85]);
    const s = r.model.items.get("s");
    expect(s?.kind === "struct" && s.fields.map((f) => [f.name, f.doc, f.type.kind])).toEqual([
      ["i", "shared", "named"],
      ["arr", undefined, "array"],
    ]);
    const ioc = r.model.items.get("IOC");
    expect(ioc?.kind === "ioctl" && [ioc.type, ioc.nr, ioc.arg]).toEqual([
      { name: "T", value: 0x3b },
      { name: "NEXT", value: 0x85 },
      "s",
    ]);
  });

  it("resolves an import from a module that is listed later or not at all", () => {
    const base = DSL + `export const T = constant({ value: 7 });\n`;
    const top =
      DSL +
      `import { T } from "./base.js";\nexport const E = enumeration({ members: { N: 1 } });\nexport const IOC = ioctl({ type: T, nr: "N", dir: "none" });\n`;
    const cases: Record<string, string>[] = [{ "top.ts": top, "base.ts": base }, { "top.ts": top }];
    for (const files of cases) {
      const r = loadTextWith(files, { "base.ts": base });
      expect(r.diagnostics).toEqual([]);
      expect(r.primary.map((m) => m.name)).toEqual(
        Object.keys(files).map((f) => f.replace(".ts", "")),
      );
      expect(r.model.items.get("IOC")?.kind).toBe("ioctl");
    }
  });

  it("computes bit operations on unsigned integers and refuses what does not fit", () => {
    const r = loadText({
      "b.ts":
        DSL +
        `export const A = constant({ value: 1 << 31 });\nexport const B = constant({ value: ~0 });\n` +
        `export const C = constant({ value: 1 << 60 << 1 });\nexport const D = constant({ value: -1 | 2 });\n`,
    });
    const value = (n: string) => {
      const i = r.model.items.get(n);
      return i?.kind === "constant" && i.value.kind !== "text" ? i.value.value : undefined;
    };
    expect([value("A"), value("B")]).toEqual([0x80000000, 0xffffffff]);
    expect(where(r)).toEqual([
      "defs/unsupported@4:36: the result does not fit 53 bits; definitions hold integers up to 2^53",
      "defs/unsupported@5:36: bit operations need non-negative integers below 2^53",
    ]);
  });

  it("gives items and fields exact positions", () => {
    const r = loadText({
      "p.ts":
        DSL + `\nexport const s = struct({\n  fields: {\n    size: { type: "__u32" },\n  },\n});\n`,
    });
    const s = r.model.items.get("s");
    if (s?.kind !== "struct") throw new Error("no struct");
    expect(s.loc?.range.start).toEqual({ line: 2, character: 13 });
    expect(s.fields[0]!.loc?.range.start).toEqual({ line: 4, character: 4 });
    expect(s.fields[0]!.loc?.file).toBe("/virtual/p.ts");
  });

  it("refuses names that are C or C++ keywords, and flag bits C enums cannot hold", () => {
    const r = loadText({
      "k.ts":
        DSL +
        `export const s = struct({ fields: { signed: { type: "__s64" }, new: { type: "__u8" } } });\nexport const F = flagSet({ bits: { HIGH: 40 } });\n`,
    });
    expect(where(r)).toEqual([
      "defs/invalid@2:37: `signed` is a C or C++ keyword; the header would not compile",
      "defs/invalid@2:64: `new` is a C or C++ keyword; the header would not compile",
      "defs/invalid@3:36: a flag is a bit number from 0 to 31 (flags are C enum members)",
    ]);
  });

  it("freezes the model", () => {
    const r = loadText({
      "f.ts": DSL + `export const s = struct({ fields: { a: { type: "__u32" } } });\n`,
    });
    const s = r.model.items.get("s")!;
    expect(Object.isFrozen(s)).toBe(true);
    expect(() => ((s as { name: string }).name = "x")).toThrow();
  });
});

describe("property positions through spreads", () => {
  it("reports at the property that gave the value: written, spread, or copied from a builder", () => {
    const r = loadText({
      "t.ts":
        DSL +
        `const base = { type: "__u33", doc: "b" };\n` +
        `const wrapped = { ...base };\n` +
        `export const s = struct({\n` +
        `  fields: {\n` +
        `    a: { ...wrapped },\n` +
        `    b: { type: "__u34", ...{ doc: "x" } },\n` +
        `    c: { type: "__u35", doc: "c", ...base },\n` +
        `  },\n` +
        `});\n` +
        `export const t = struct({ doc: "t", fields: { x: { type: "__u32", doc: "x" } }, ...char("y") });\n`,
    });
    // A spread's position wins over one written before it; a builder's value has none, so
    // its keys are reported at the literal.
    expect(where(r)).toEqual([
      "defs/invalid@2:22: unknown type `__u33`",
      "defs/invalid@7:16: unknown type `__u34`",
      "defs/invalid@2:22: unknown type `__u33`",
      "defs/invalid@11:25: unknown property `__uapiDsl`",
      "defs/invalid@11:25: unknown property `spec`",
    ]);
  });

  it("finds the fields of a big literal, spread in or written", () => {
    const many = Array.from({ length: 12 }, (_, i) => `f${i}: { type: "__u32", doc: "d" }`);
    const r = loadText({
      "t.ts":
        DSL +
        `const more = { g0: { type: "__u32", doc: "d" }, g1: { type: "__u32", doc: "d" } };\n` +
        `export const s = struct({ doc: "s", fields: { ${many.join(", ")}, ...more } });\n`,
    });
    expect(r.diagnostics).toEqual([]);
    const s = r.model.items.get("s");
    if (s?.kind !== "struct") throw new Error("no struct");
    const at = (name: string) => {
      const loc = s.fields.find((f) => f.name === name)!.loc!;
      return `${loc.range.start.line + 1}:${loc.range.start.character + 1}`;
    };
    expect([at("f0"), at("f11"), at("g0"), at("g1")]).toEqual(["3:47", "3:411", "2:16", "2:49"]);
  });
});
