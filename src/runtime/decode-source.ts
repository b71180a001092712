/**
 * The source of decoding: one expression per value of a plan, shared by the compiled codecs
 * and the view getters. Reads go through a DataView, or, in a frame known to start 8-byte
 * aligned on a little-endian host, through typed arrays over the same bytes for native-order
 * 4- and 8-byte fields: V8 makes a bigint from a BigUint64Array element about twice as fast
 * as from DataView.getBigUint64, and a million entries read a million bigints.
 */
import type { MemberPlan, Plan, ScalarPlan } from "./plan.js";

/** Whether this host stores numbers little-endian (typed arrays use the host's order). */
export const HOST_LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A DataView and typed arrays over a caller's bytes, for frames that start 8-byte aligned. */
export interface TypedReads {
  readonly dv: DataView;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly q: BigUint64Array;
  readonly s64: BigInt64Array;
}

/** Typed reads over `bytes`, or undefined where its start is not 8-byte aligned. */
export function typedReads(bytes: Uint8Array, dv: DataView): TypedReads | undefined {
  // Indexes are computed with `>>> 3`, exact for byte offsets below 2^32.
  if (!HOST_LE || bytes.byteOffset % 8 !== 0 || bytes.byteLength >= 2 ** 32) return undefined;
  const { buffer, byteOffset: at, byteLength: n } = bytes;
  return {
    dv,
    u32: new Uint32Array(buffer, at, n >>> 2),
    i32: new Int32Array(buffer, at, n >>> 2),
    q: new BigUint64Array(buffer, at, n >>> 3),
    s64: new BigInt64Array(buffer, at, n >>> 3),
  };
}

/** A frame address: a runtime expression plus a constant; `a` when the constant is all that
 * separates the address from an 8-byte aligned frame start. */
export interface Base {
  readonly v: string;
  readonly k: number;
  readonly a: boolean;
}
const addr = (b: Base, offset: number): string => `${b.v} + ${b.k + offset}`;

const GETTERS: Record<number, readonly [string, string]> = {
  1: ["getUint8", "getInt8"],
  2: ["getUint16", "getInt16"],
  4: ["getUint32", "getInt32"],
  8: ["getBigUint64", "getBigInt64"],
};
export const getterName = (p: ScalarPlan): string => GETTERS[p.size]![p.signed ? 1 : 0];

/** Arrays up to this length are unrolled; longer ones loop over a hoisted element function. */
export const UNROLL = 16;

let serial = 0;

export class DecodeEmitter {
  readonly hoisted: string[] = [];

  /**
   * @param dv the DataView expression
   * @param typed the expression of a TypedReads, when the root frame is 8-byte aligned
   * @param transient whether the values read are used and dropped (view getters): a 64-bit
   *   typed-array element then comes out as is, which V8 can compare without allocating,
   *   where the shared small bigints (for values that are kept) cost a branch and a bigint
   */
  constructor(
    readonly dv: string,
    readonly typed?: string,
    readonly transient = false,
  ) {}

  /** The root frame: the decode functions' and getters' `o`. */
  get root(): Base {
    return { v: "o", k: 0, a: this.typed !== undefined };
  }

  /**
   * The read of one scalar. Bigints go through the small-value helpers of small-bigints.ts
   * (u64le, u64a and friends, `big`), which the source of every compiled function defines.
   */
  read(p: ScalarPlan, b: Base): string {
    const k = b.k + p.offset;
    if (this.typed && b.a && p.le && p.size >= 4 && k % p.size === 0) {
      const i = `(${b.v} + ${k}) >>> 3`;
      if (p.size === 8 && this.transient) return `${this.typed}.${p.signed ? "s64" : "q"}[${i}]`;
      if (p.size === 8) return `${p.signed ? "s" : "u"}64a(${this.typed}, ${i})`;
      const read = `${this.typed}.${p.signed ? "i32" : "u32"}[(${b.v} + ${k}) >>> 2]`;
      return p.big ? `big(${read})` : read;
    }
    if (p.size === 8)
      return `${p.signed ? "s" : "u"}64${p.le ? "le" : "be"}(${this.dv}, ${addr(b, p.offset)})`;
    const read = `${this.dv}.${getterName(p)}(${addr(b, p.offset)}${p.size > 1 ? `, ${p.le}` : ""})`;
    return p.big ? `big(${read})` : read;
  }

  value(p: Plan, b: Base): string {
    if (p.kind === "scalar") return this.read(p, b);
    if (p.kind === "struct") return `{ ${this.props(p.fields, b).join(", ")} }`;
    if (p.kind === "anon") throw new Error("internal: an anonymous union is decoded by its parent");
    if (p.length <= UNROLL) {
      const els = Array.from({ length: p.length }, (_, i) =>
        this.value(p.element, { ...b, k: b.k + p.offset + i * p.stride }),
      );
      return `[${els.join(", ")}]`;
    }
    return `rd(${this.dv}, ${addr(b, p.offset)}, ${p.length}, ${p.stride}, ${this.element(p.element)})`;
  }

  private props(members: readonly MemberPlan[], b: Base): string[] {
    return members.flatMap((m) =>
      m.plan.kind === "anon"
        ? this.props(m.plan.members, b)
        : [`${JSON.stringify(m.name)}: ${this.value(m.plan, b)}`],
    );
  }

  /** A hoisted `(dv, o) => element` for loops; element starts need not be aligned. */
  private element(p: Plan): string {
    const name = `e${serial++}`;
    const generic = new DecodeEmitter("dv");
    this.hoisted.push(`function ${name}(dv, o) { return ${generic.value(p, generic.root)}; }`);
    this.hoisted.push(...generic.hoisted);
    return name;
  }

  /**
   * A hoisted function decoding `p` from its frame at `o`: `(dv, o)`, or `(s, o)` taking a
   * TypedReads when this emitter reads typed arrays. Returns its name.
   */
  function(p: Plan): string {
    const name = `d${serial++}`;
    const inner = this.typed ? new DecodeEmitter("s.dv", "s") : new DecodeEmitter("dv");
    const body = inner.value(p, inner.root);
    this.hoisted.push(
      ...inner.hoisted,
      `function ${name}(${this.typed ? "s" : "dv"}, o) { return ${body}; }`,
    );
    return name;
  }
}
