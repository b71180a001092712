/**
 * Zero-copy views: classes whose getters read one field each straight from the bytes at the
 * cursor's base plus a constant offset (through the DataView, or the typed arrays of an
 * aligned run: decode-source.ts). A view array repositions one cursor per `at(i)`, so walking
 * a million entries allocates nothing but the values read (a bigint per 64-bit field).
 *
 * Every name a view adds beside the fields starts with `$` (`$offset`, `$decode`), and so do
 * its internal slots: C identifiers cannot contain `$`, so no field can be shadowed.
 */
import { readArray } from "./compile-struct.js";
import { DecodeEmitter, type TypedReads } from "./decode-source.js";
import { BIGINT_HELPERS_SOURCE, SMALL_BIGINTS } from "./small-bigints.js";
import type { ArrayPlan, MemberPlan, Plan, StructPlan } from "./plan.js";

/** A fixed-length run of values or cursors; `at(i)` throws RangeError outside 0..length-1. */
export interface ArrayView<E> {
  readonly length: number;
  at(index: number): E;
}

/** What a field looks like through a view: numbers and bigints as is, the rest as views. */
export type ViewOf<V> = V extends number | bigint
  ? V
  : V extends readonly (infer E)[]
    ? ArrayView<ViewOf<E>>
    : V extends object
      ? StructView<V>
      : never;

/** A cursor over one struct in a buffer; anonymous union members are all readable. */
export type StructView<T> = {
  readonly [K in keyof T]-?: ViewOf<Exclude<T[K], undefined>>;
} & {
  /** Byte offset of the struct in the buffer. */
  readonly $offset: number;
  /** The struct as a plain object (allocates; the view itself never does). */
  $decode(): T;
};

/**
 * The mutable position every cursor of one frame reads through, with the typed arrays over
 * the same bytes when every position of the frame starts 8-byte aligned (else null).
 */
export interface ViewState {
  dv: DataView;
  b: number;
  u32: Uint32Array | null;
  i32: Int32Array | null;
  q: BigUint64Array | null;
  s64: BigInt64Array | null;
}

export type ViewClass = new (state: ViewState) => unknown;

export function outOfRange(i: number, length: number): RangeError {
  return new RangeError(`index ${i} is outside 0..${length - 1}`);
}

const STATE = "{ dv: s.dv, b: 0, u32: null, i32: null, q: null, s64: null }";

class ViewEmitter {
  readonly classes: string[] = [];
  readonly hoisted: string[] = [];
  private n = 0;

  /**
   * A class for `p`, reading through `$s` with offsets in the frame of `$s`; `aligned` when
   * that frame starts 8-byte aligned and `$s` carries typed arrays (decode-source.ts).
   */
  node(p: Plan, aligned: boolean): string {
    return p.kind === "struct" ? this.struct(p, aligned) : this.array(p as ArrayPlan);
  }

  private struct(p: StructPlan, aligned: boolean): string {
    const name = `V${this.n++}`;
    const children: string[] = [];
    const reads = new DecodeEmitter("s.dv", aligned ? "s" : undefined, true);
    const getters = this.getters(p.fields, children, reads, aligned);
    const decode = reads.function(p);
    this.hoisted.push(...reads.hoisted);
    this.classes.push(`class ${name} {
  constructor(s) { this.$s = s; ${children.join(" ")} }
  ${getters.join("\n  ")}
  get $offset() { return this.$s.b + ${p.offset}; }
  $decode() { return ${decode}(${aligned ? "this.$s" : "this.$s.dv"}, this.$s.b); }
}`);
    return name;
  }

  private getters(
    members: readonly MemberPlan[],
    children: string[],
    reads: DecodeEmitter,
    aligned: boolean,
  ): string[] {
    return members.flatMap((m) => {
      const key = `[${JSON.stringify(m.name)}]`;
      const p = m.plan;
      if (p.kind === "anon") return this.getters(p.members, children, reads, aligned);
      if (p.kind === "scalar")
        return [
          `get ${key}() { const s = this.$s; return ${reads.read(p, { v: "s.b", k: 0, a: aligned })}; }`,
        ];
      const slot = `$c${children.length}`;
      children.push(`this.${slot} = new ${this.node(p, aligned)}(s);`);
      return [`get ${key}() { return this.${slot}; }`];
    });
  }

  /** Elements start anywhere: they read through the DataView. */
  private array(p: ArrayPlan): string {
    const name = `A${this.n++}`;
    const check = `if ((i >>> 0) !== i || i >= ${p.length}) throw range(i, ${p.length});`;
    const at = `s.b + ${p.offset} + i * ${p.stride}`;
    const el = p.element;
    const read = (e: typeof el) =>
      new DecodeEmitter("s.dv").read(e as never, { v: `(${at})`, k: 0, a: false });
    const body =
      el.kind === "scalar"
        ? `const s = this.$s; return ${read(el)};`
        : `const s = this.$s, e = this.$e; e.dv = s.dv; e.b = ${at}; return this.$el;`;
    const ctor =
      el.kind === "scalar"
        ? "this.$s = s;"
        : `this.$s = s; this.$e = ${STATE}; this.$el = new ${this.node(el, false)}(this.$e);`;
    this.classes.push(`class ${name} {
  constructor(s) { ${ctor} }
  get length() { return ${p.length}; }
  at(i) { ${check} ${body} }
}`);
    return name;
  }
}

/**
 * The view class of a struct plan (compiled once per struct, ABI and alignment): `aligned`
 * when every cursor position starts 8-byte aligned and the state carries typed arrays.
 */
export function compileView(plan: StructPlan, aligned: boolean): ViewClass {
  const e = new ViewEmitter();
  const root = e.node(plan, aligned);
  const source = `"use strict";
${BIGINT_HELPERS_SOURCE}
${e.hoisted.join("\n")}
${e.classes.join("\n")}
return ${root};`;
  return new Function("range", "rd", "SB", source)(
    outOfRange,
    readArray,
    SMALL_BIGINTS,
  ) as ViewClass;
}

/** A cursor state (one shape for all, so the code that moves cursors stays monomorphic). */
export function viewState(dv: DataView, b: number, typed?: TypedReads): ViewState {
  const t = typed ?? { u32: null, i32: null, q: null, s64: null };
  return { dv, b, u32: t.u32, i32: t.i32, q: t.q, s64: t.s64 };
}

/** A run of `length` entries of `stride` bytes from `base`, through one repositioned cursor. */
export class EntryArrayView<E> implements ArrayView<E> {
  private readonly state: ViewState;
  private readonly cursor: E;

  constructor(
    dv: DataView,
    private readonly base: number,
    readonly length: number,
    private readonly stride: number,
    make: new (state: ViewState) => unknown,
    typed?: TypedReads,
  ) {
    this.state = viewState(dv, base, typed);
    this.cursor = new make(this.state) as E;
  }

  /** Moves the one cursor to entry `index` and returns it: read it before the next `at`. */
  at(index: number): E {
    if (index >>> 0 !== index || index >= this.length) throw outOfRange(index, this.length);
    this.state.b = this.base + index * this.stride;
    return this.cursor;
  }
}
