/**
 * Bounds every struct and union at load, before any layout is computed: a struct whose
 * fields could take more than MAX_TYPE_BYTES on some ABI is an error at its position. The
 * bound is computed without an ABI: each field at its largest size, plus the most padding
 * any ABI could put before it, so every real layout is at most this large and every size
 * the layout engine computes afterwards is an exact integer.
 */
import type { Field, StructItem, TypeKind, TypeRef } from "../model/ir.js";
import type { SpecReader } from "./spec-reader.js";
import { MAX_TYPE_BYTES } from "./limits.js";

/** No scalar is larger, and no ABI aligns anything more strictly. */
const MAX_SCALAR_BYTES = 8;
const MAX_PADDING = 7;
/** Any value above the limit stands for "too large": sums and products stop growing there. */
const OVER = MAX_TYPE_BYTES + 1;

const capped = (n: number) => Math.min(n, OVER);

type Bound<K extends TypeKind> = (type: Extract<TypeRef, { kind: K }>, sizes: Sizes) => number;

interface Sizes {
  of(type: TypeRef): number;
  fields(fields: readonly Field[], union: boolean): number;
  struct(name: string): number;
}

/** The largest size of each kind of type. */
const BOUNDS: { [K in TypeKind]: Bound<K> } = {
  scalar: () => MAX_SCALAR_BYTES,
  array: (t, sizes) => capped(sizes.of(t.element) * t.length),
  named: (t, sizes) => sizes.struct(t.name),
  anonUnion: (t, sizes) => sizes.fields(t.members, true),
};

export function checkSizes(read: SpecReader, structs: ReadonlyMap<string, StructItem>): void {
  const known = new Map<string, number>();
  const sizes: Sizes = {
    of: (t) => (BOUNDS[t.kind] as Bound<TypeKind>)(t as never, sizes),
    fields(fields, union) {
      let total = 0;
      for (const f of fields) {
        const b = sizes.of(f.type) + MAX_PADDING;
        total = capped(union ? Math.max(total, b) : total + b);
      }
      return capped(total + MAX_PADDING);
    },
    struct(name) {
      const done = known.get(name);
      if (done !== undefined) return done;
      const item = structs.get(name);
      // Unknown here (reported elsewhere), or being bounded (a cycle the evaluator refuses).
      known.set(name, 0);
      const b = item ? sizes.fields(item.fields, item.kind === "union") : 0;
      known.set(name, b);
      return b;
    },
  };
  for (const item of structs.values()) {
    if (sizes.struct(item.name) <= MAX_TYPE_BYTES) continue;
    read.error(
      item.loc,
      item.name,
      `${item.kind} ${item.name} can be larger than ${MAX_TYPE_BYTES} bytes, the largest object every 32-bit ABI can declare`,
      "make its arrays shorter",
      "defs/limit",
    );
  }
}
