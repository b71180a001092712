/**
 * Compiles a struct plan into straight-line decode and encode functions (one `new Function`
 * per struct and ABI): every offset, byte order and range check is a constant in the source,
 * so V8 sees one object literal per decode and one DataView access per scalar (decode-source.ts
 * writes the reads). The interpretive codec in reference.ts walks the descriptor per value
 * instead; it stays the oracle in the tests and the writer of unions (whose members must agree
 * byte for byte).
 */
import type { LayoutEngine } from "../layout/layout.js";
import type { FieldDesc } from "./descriptors.js";
import { DecodeEmitter, getterName, UNROLL, type TypedReads } from "./decode-source.js";
import type { AnonPlan, ArrayPlan, Plan, ScalarPlan, StructPlan } from "./plan.js";
import { shift, writeUnionMembers } from "./reference.js";
import { CodecError, writeScalar } from "./scalar-io.js";
import { BIGINT_HELPERS_SOURCE, SMALL_BIGINTS } from "./small-bigints.js";

type Bag = Record<string, unknown>;

export interface CompiledStruct {
  readonly plan: StructPlan;
  readonly decode: (dv: DataView, o: number) => unknown;
  readonly encode: (dv: DataView, o: number, value: Bag) => void;
  /** Decodes `out.length` consecutive structs from `o` into `out`. */
  readonly decodeArray: (dv: DataView, o: number, out: unknown[]) => void;
  /** decodeArray reading typed arrays, for runs whose entries all start 8-byte aligned. */
  readonly decodeArrayTyped: (s: TypedReads, o: number, out: unknown[]) => void;
  readonly encodeArray: (dv: DataView, o: number, values: readonly unknown[]) => void;
  /**
   * The runs again, calling `check(value, i)` on each entry in the same pass (validate.ts):
   * the entry is checked while it is at hand, not in a second walk over a million objects.
   */
  readonly decodeArrayChecked: (dv: DataView, o: number, out: unknown[], check: Check) => void;
  readonly decodeArrayTypedChecked: (
    s: TypedReads,
    o: number,
    out: unknown[],
    check: Check,
  ) => void;
  readonly encodeArrayChecked: (
    dv: DataView,
    o: number,
    values: readonly unknown[],
    check: Check,
  ) => void;
}

export type Check = (value: unknown, index: number) => void;

/** A frame address: a runtime expression plus a constant, so constants fold at generation. */
interface Base {
  readonly v: string;
  readonly k: number;
}
const addr = (b: Base, offset: number): string => `${b.v} + ${b.k + offset}`;

/** A field path for error messages: a literal while it can be, an expression inside loops. */
interface Path {
  readonly lit?: string;
  readonly expr: string;
}
const literal = (s: string): Path => ({ lit: s, expr: JSON.stringify(s) });
const join = (p: Path, suffix: string): Path =>
  p.lit !== undefined ? literal(p.lit + suffix) : { expr: `${p.expr} + ${JSON.stringify(suffix)}` };

/** A check that accepts exactly the values that fit, so the fast write needs no other test. */
function fits(p: ScalarPlan, x: string): string {
  if (p.big) {
    const bits = BigInt(p.size * 8);
    const [min, max] = p.signed
      ? [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n]
      : [0n, (1n << bits) - 1n];
    return `typeof ${x} === "bigint" && ${x} >= ${min}n && ${x} <= ${max}n`;
  }
  const shiftBy = 32 - p.size * 8;
  const same = p.signed
    ? shiftBy
      ? `((${x} << ${shiftBy}) >> ${shiftBy})`
      : `(${x} | 0)`
    : p.size === 4
      ? `(${x} >>> 0)`
      : `(${x} & ${2 ** (p.size * 8) - 1})`;
  return `typeof ${x} === "number" && ${same} === ${x}`;
}

function scalarWrite(p: ScalarPlan, at: string, x: string): string {
  const fn = getterName(p).replace(/^get/, "set");
  const v = p.big && p.size < 8 ? `Number(${x})` : x;
  return `dv.${fn}(${at}, ${v}${p.size > 1 ? `, ${p.le}` : ""})`;
}

class Emitter {
  private n = 0;
  readonly unions: { descs: readonly FieldDesc[]; layouts: StructPlan["layouts"] }[] = [];
  fresh(prefix: string): string {
    return `${prefix}${this.n++}`;
  }

  // ---- encode: statements per value, with the path each error names ----
  write(p: Plan, x: string, b: Base, path: Path): string {
    return (ENCODERS[p.kind] as (e: Emitter, p: Plan, x: string, b: Base, path: Path) => string)(
      this,
      p,
      x,
      b,
      path,
    );
  }
  structBody(p: StructPlan, s: string, b: Base, path: Path): string {
    if (p.desc.kind === "union") return this.union(p.desc.fields, p.layouts, s, b, path);
    return this.members(p.fields, s, b, path);
  }
  /** Members of a struct, or of an anonymous struct member (whose members are its parent's). */
  private members(members: StructPlan["fields"], s: string, b: Base, path: Path): string {
    return members
      .map((m) =>
        m.plan.kind === "anon"
          ? m.plan.struct
            ? this.members(m.plan.members, s, b, path)
            : this.union(m.plan.descs, m.plan.layouts, s, b, join(path, `.${m.name}`))
          : this.write(m.plan, `${s}[${JSON.stringify(m.name)}]`, b, join(path, `.${m.name}`)),
      )
      .join("\n");
  }
  private union(
    descs: readonly FieldDesc[],
    layouts: StructPlan["layouts"],
    s: string,
    b: Base,
    path: Path,
  ): string {
    this.unions.push({ descs, layouts });
    return `un(${this.unions.length - 1}, dv, ${addr(b, 0)}, ${s}, ${path.expr});`;
  }
}

const ENCODERS: {
  [K in Plan["kind"]]: (
    e: Emitter,
    p: Extract<Plan, { kind: K }>,
    x: string,
    b: Base,
    path: Path,
  ) => string;
} = {
  scalar: (e, p, x, b, path) => {
    const v = e.fresh("v");
    const at = addr(b, p.offset);
    return (
      `{ const ${v} = ${x}; if (${fits(p, v)}) ${scalarWrite(p, at, v)}; ` +
      `else ws(dv, ${at}, ${JSON.stringify(p.name)}, ${v}, ${path.expr}); }`
    );
  },
  array: (e, p: ArrayPlan, x, b, path) => {
    const a = e.fresh("a");
    const check =
      `const ${a} = ${x}; if (!Array.isArray(${a}) || ${a}.length !== ${p.length}) ` +
      `throw new CE(${path.expr}, "expected an array of ${p.length} elements");`;
    if (p.length <= UNROLL) {
      const els = Array.from({ length: p.length }, (_, i) =>
        e.write(
          p.element,
          `${a}[${i}]`,
          { v: b.v, k: b.k + p.offset + i * p.stride },
          join(path, `[${i}]`),
        ),
      );
      return `{ ${check}\n${els.join("\n")} }`;
    }
    const i = e.fresh("i");
    const el = e.write(
      p.element,
      `${a}[${i}]`,
      { v: `${b.v} + ${i} * ${p.stride}`, k: b.k + p.offset },
      { expr: `${path.expr} + "[" + ${i} + "]"` },
    );
    return `{ ${check}\nfor (let ${i} = 0; ${i} < ${p.length}; ${i}++) { ${el} } }`;
  },
  struct: (e, p, x, b, path) => {
    const s = e.fresh("s");
    return (
      `{ const ${s} = ${x}; if (!${s} || typeof ${s} !== "object") ` +
      `throw new CE(${path.expr}, ${JSON.stringify(`expected an object for ${p.desc.kind} ${p.desc.name}`)});\n` +
      `${e.structBody(p, s, b, path)} }`
    );
  },
  anon: (_e, _p: AnonPlan) => {
    throw new Error("internal: an anonymous union is encoded by its parent");
  },
};

export function readArray(
  dv: DataView,
  o: number,
  n: number,
  stride: number,
  element: (dv: DataView, o: number) => unknown,
): unknown[] {
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = element(dv, o + i * stride);
  return out;
}

export function compileStruct(plan: StructPlan, engine: LayoutEngine): CompiledStruct {
  const e = new Emitter();
  const [generic, typed] = [new DecodeEmitter("dv"), new DecodeEmitter("s.dv", "s")];
  const [decode, decodeTyped] = [generic.function(plan), typed.function(plan)];
  const encodeBody = e.structBody(plan, "v", { v: "o", k: 0 }, literal(plan.desc.name));
  const source = `"use strict";
${BIGINT_HELPERS_SOURCE}
${[...generic.hoisted, ...typed.hoisted].join("\n")}
const decode = ${decode};
function encode(dv, o, v) {
${encodeBody}
}
return {
  decode, encode,
  decodeArray(dv, o, out) { for (let i = 0; i < out.length; i++) out[i] = decode(dv, o + i * ${plan.size}); },
  decodeArrayTyped(s, o, out) { for (let i = 0; i < out.length; i++) out[i] = ${decodeTyped}(s, o + i * ${plan.size}); },
  encodeArray(dv, o, values) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!v || typeof v !== "object") throw new CE(${JSON.stringify(plan.desc.name)} + "[" + i + "]", "expected an object");
      encode(dv, o + i * ${plan.size}, v);
    }
  },
  decodeArrayChecked(dv, o, out, check) {
    for (let i = 0; i < out.length; i++) check(out[i] = decode(dv, o + i * ${plan.size}), i);
  },
  decodeArrayTypedChecked(s, o, out, check) {
    for (let i = 0; i < out.length; i++) check(out[i] = ${decodeTyped}(s, o + i * ${plan.size}), i);
  },
  encodeArrayChecked(dv, o, values, check) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!v || typeof v !== "object") throw new CE(${JSON.stringify(plan.desc.name)} + "[" + i + "]", "expected an object");
      check(v, i);
      encode(dv, o + i * ${plan.size}, v);
    }
  },
};`;
  const abi = engine.abi;
  const ws = (dv: DataView, o: number, name: never, v: unknown, path: string) =>
    writeScalar(dv, o, name, abi, v, path);
  const un = (k: number, dv: DataView, base: number, source: Bag, path: string) => {
    const u = e.unions[k]!;
    const layouts = u.layouts.map((f) => shift(f, base));
    writeUnionMembers({ view: dv, abi, engine }, u.descs, layouts, source, path);
  };
  const make = new Function("ws", "un", "CE", "rd", "SB", source) as (
    ...args: unknown[]
  ) => Omit<CompiledStruct, "plan">;
  return { plan, ...make(ws, un, CodecError, readArray, SMALL_BIGINTS) };
}
