/**
 * The members of a struct as C code names them: the members of anonymous unions and structs are
 * members of the enclosing struct (`attr.sample_period`, not `attr.(anonymous union).…`), and a
 * named member of an anonymous struct type is entered (`x.a`). So two versions compare by the
 * names user space writes, whatever the front end called the anonymous types in between, and
 * an anonymous type that moved by a line, or gained a member, pairs by its structure.
 *
 * Offsets and sizes are per ABI, from the layout side table, relative to the outermost struct.
 */
import type { FieldLayout } from "../../layout/layout.js";
import type { Field, StructItem, TypeRef } from "../../model/ir.js";
import type { Side } from "./types.js";

export interface Member {
  /** The name C code writes: `flags`, `u.addr` for a named member of an anonymous type. */
  readonly path: string;
  readonly field: Field;
  /** Structural type key: `__u32`, `__u8[16]`, `struct foo`, `struct { __u32 a; }[2]`. */
  readonly typeKey: string;
  /** Overlays other members by design: in a union, or in an anonymous union. */
  readonly inUnion: boolean;
}

/**
 * Where a member is on one ABI: the bytes it touches, and its exact bits (a bitfield's first bit
 * from the record's start, in the ABI's bit order, and its width; 8 × the bytes otherwise).
 */
export interface Place {
  readonly offset: number;
  readonly size: number;
  readonly bit: number;
  readonly bits: number;
}

const MAX_DEPTH = 16;

/**
 * Names the front end gives what C leaves unnamed: an anonymous record's type
 * (`fddihdr::hdr`, `parent::(anonymous union after flags)`), an unnamed member
 * (`(anonymous union after flags)`, `(unnamed struct at f.h:3:2)`, `(bitfield after mode)`).
 */
export function isAnonymousName(name: string): boolean {
  return name.includes("::") || /\((anonymous|unnamed|bitfield)\b/.test(name);
}

const memberCache = new WeakMap<StructItem, readonly Member[]>();
const placeCache = new WeakMap<StructItem, Map<string, readonly (Place | undefined)[]>>();

export function membersOf(struct: StructItem, side: Side): readonly Member[] {
  let list = memberCache.get(struct);
  if (!list) {
    const out: Member[] = [];
    walk(struct, struct.fields, side, undefined, (m) => out.push(m));
    memberCache.set(struct, (list = out));
  }
  return list;
}

/**
 * The members' offsets and sizes on one ABI, in the order of `membersOf`. A record declared
 * otherwise on some ABIs (`#if defined(__BIG_ENDIAN_BITFIELD)`: StructVariant) is placed as that
 * ABI declares it, member by member by name; a member its declaration lacks has no place there.
 */
export function placesOf(
  struct: StructItem,
  side: Side,
  abi: string,
): readonly (Place | undefined)[] {
  let byAbi = placeCache.get(struct);
  if (!byAbi) placeCache.set(struct, (byAbi = new Map()));
  let list = byAbi.get(abi);
  if (!list) {
    const variant = struct.variants?.find((v) => v.abis.includes(abi));
    if (!variant) {
      const out: Place[] = [];
      walk(struct, struct.fields, side, abi, (_, p) => out.push(p!));
      list = out;
    } else {
      const byPath = new Map<string, Place>();
      walk(struct, variant.fields, side, abi, (m, p) => byPath.set(m.path, p!));
      list = membersOf(struct, side).map((m) => byPath.get(m.path));
    }
    byAbi.set(abi, list);
  }
  return list;
}

type Visit = (m: Member, p: Place | undefined) => void;

function walk(
  struct: StructItem,
  fields: readonly Field[],
  side: Side,
  abi: string | undefined,
  visit: Visit,
): void {
  const layouts = abi === undefined ? undefined : side.layouts.of(struct, abi).fields;
  fieldsOf(fields, layouts, 0, "", struct.kind === "union", 0, side, abi, visit);
}

function fieldsOf(
  fields: readonly Field[],
  layouts: readonly FieldLayout[] | undefined,
  base: number,
  prefix: string,
  inUnion: boolean,
  depth: number,
  side: Side,
  abi: string | undefined,
  visit: Visit,
): void {
  if (depth > MAX_DEPTH) return;
  fields.forEach((field, i) => {
    const layout = layouts?.[i];
    const t = field.type;
    if (t.kind === "anonUnion") {
      // The engine gives an anonymous record's members at absolute offsets of this level.
      const inner = layout?.members;
      const union = inUnion || !(t as { struct?: true }).struct;
      fieldsOf(t.members, inner, base, prefix, union, depth + 1, side, abi, visit);
      return;
    }
    const record =
      t.kind === "named" && isAnonymousName(t.name) ? recordOf(side, t.name) : undefined;
    if (record) {
      const within = isAnonymousName(field.name) ? prefix : `${prefix}${field.name}.`;
      const innerLayouts = abi === undefined ? undefined : side.layouts.of(record, abi).fields;
      const at = base + (layout?.offset ?? 0);
      const union = inUnion || record.kind === "union";
      fieldsOf(record.fields, innerLayouts, at, within, union, depth + 1, side, abi, visit);
      return;
    }
    const member = { path: `${prefix}${field.name}`, field, typeKey: typeKey(t, side, 0), inUnion };
    visit(member, layout ? placeOf(layout, base) : undefined);
  });
}

/** A field layout as a place, bits included (layouts of bitfields carry their exact bits). */
function placeOf(layout: FieldLayout, base: number): Place {
  const exact = layout as FieldLayout & { bitOffset?: number; bitWidth?: number };
  const offset = base + layout.offset;
  return exact.bitOffset !== undefined && exact.bitWidth !== undefined
    ? { offset, size: layout.size, bit: base * 8 + exact.bitOffset, bits: exact.bitWidth }
    : { offset, size: layout.size, bit: offset * 8, bits: layout.size * 8 };
}

function recordOf(side: Side, name: string): StructItem | undefined {
  const item = side.model.items.get(name);
  return item && (item.kind === "struct" || item.kind === "union") ? item : undefined;
}

/** A key that is equal for equal types; anonymous types compare by their members. */
export function typeKey(t: TypeRef, side: Side, depth: number): string {
  if (depth > MAX_DEPTH) return "…";
  const member = (f: { name: string; type: TypeRef }) =>
    `${typeKey(f.type, side, depth + 1)}${isAnonymousName(f.name) ? "" : ` ${f.name}`};`;
  const table: { [K in TypeRef["kind"]]: (x: Extract<TypeRef, { kind: K }>) => string } = {
    scalar: (s) => s.name,
    array: (a) => `${typeKey(a.element, side, depth + 1)}[${a.length}]`,
    named: (n) => {
      if (!isAnonymousName(n.name)) return `struct ${n.name}`;
      const inner = recordOf(side, n.name);
      return `${inner?.kind ?? "struct"} { ${(inner?.fields ?? []).map(member).join(" ")} }`;
    },
    anonUnion: (u) =>
      `${(u as { struct?: true }).struct ? "struct" : "union"} { ${u.members.map(member).join(" ")} }`,
  };
  return (table[t.kind] as (x: TypeRef) => string)(t);
}
