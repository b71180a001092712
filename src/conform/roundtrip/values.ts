/**
 * The TypeScript mirror of the harness: the same splitmix64 sequence, one draw per scalar in
 * the same order, so a seed gives the same values on both sides; and the same canonical
 * `path=value` lines the C side prints, computed from a decoded value.
 */
import type { Abi } from "../../abi/abis.js";
import type { ScalarName } from "../../abi/kernel-types.js";
import { scalarLayout, scalarSigned } from "../../layout/layout.js";
import type { Field, Model, StructItem, TypeKind, TypeRef } from "../../model/ir.js";
import { isBigScalar } from "../../runtime/scalar-io.js";

const MASK64 = (1n << 64n) - 1n;

/** splitmix64, as `uh_next` in the harness. */
export class SplitMix64 {
  constructor(private state: bigint) {
    this.state &= MASK64;
  }

  next(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    return z ^ (z >> 31n);
  }
}

/** What C keeps of a 64-bit draw when it assigns it to the scalar. */
export function scalarFromDraw(draw: bigint, name: ScalarName, abi: Abi): number | bigint {
  const bits = BigInt(scalarLayout(name, abi).size * 8);
  let v = name === "_Bool" ? draw & 1n : draw & ((1n << bits) - 1n);
  if (scalarSigned(name, abi) && v >= 1n << (bits - 1n)) v -= 1n << bits;
  return isBigScalar(name) ? v : Number(v);
}

type Bag = Record<string, unknown>;
type Fill<K extends TypeKind> = (
  t: Extract<TypeRef, { kind: K }>,
  rng: SplitMix64,
  ctx: Ctx,
) => unknown;

interface Ctx {
  readonly model: Model;
  readonly abi: Abi;
}

function structOf(model: Model, name: string): StructItem {
  const item = model.items.get(name);
  if (!item || (item.kind !== "struct" && item.kind !== "union"))
    throw new Error(`round trip: unknown struct ${name}`);
  return item;
}

const FILL: { [K in TypeKind]: Fill<K> } = {
  scalar: (t, rng, ctx) => scalarFromDraw(rng.next(), t.name, ctx.abi),
  array: (t, rng, ctx) => Array.from({ length: t.length }, () => fillType(t.element, rng, ctx)),
  named: (t, rng, ctx) => fillStruct(structOf(ctx.model, t.name), rng, ctx),
  anonUnion: () => {
    throw new Error("anonymous unions are filled through their first member");
  },
};

function fillType(t: TypeRef, rng: SplitMix64, ctx: Ctx): unknown {
  return (FILL[t.kind] as Fill<TypeKind>)(t as never, rng, ctx);
}

/** Only the first member of each union is written, as the harness does. */
function fillFields(fields: readonly Field[], rng: SplitMix64, ctx: Ctx, into: Bag): void {
  for (const f of fields) {
    if (f.type.kind === "anonUnion") fillFields(f.type.members.slice(0, 1), rng, ctx, into);
    else into[f.name] = fillType(f.type, rng, ctx);
  }
}

export function fillStruct(item: StructItem, rng: SplitMix64, ctx: Ctx): Bag {
  const value: Bag = {};
  fillFields(item.kind === "union" ? item.fields.slice(0, 1) : item.fields, rng, ctx, value);
  return value;
}

/** A scalar as the harness prints it: hex, with a sign for negative values (`-0x2a`). */
export function canonicalScalar(v: unknown): string {
  const n = typeof v === "bigint" ? v : BigInt(v as number | boolean);
  return n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}

/** `path=value` lines of a decoded value, in the harness's order. */
export function canonicalLines(
  item: StructItem,
  value: Bag,
  model: Model,
  path = item.name,
): string[] {
  const lines: string[] = [];
  const visitType = (t: TypeRef, v: unknown, p: string): void => {
    if (t.kind === "scalar") lines.push(`${p}=${canonicalScalar(v)}`);
    else if (t.kind === "array")
      (v as unknown[]).forEach((el, i) => visitType(t.element, el, `${p}[${i}]`));
    else if (t.kind === "named")
      lines.push(...canonicalLines(structOf(model, t.name), v as Bag, model, p));
  };
  const visitFields = (fields: readonly Field[]): void => {
    for (const f of fields) {
      if (f.type.kind === "anonUnion") visitFields(f.type.members);
      else visitType(f.type, value[f.name], `${path}.${f.name}`);
    }
  };
  visitFields(item.fields);
  return lines;
}
