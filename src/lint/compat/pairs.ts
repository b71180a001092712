/**
 * Pairs the two versions once for every rule: items by name and kind; the fields of paired
 * structs by name, then an unmatched old field with an unmatched new one at the same offset
 * (on the naturally aligned ABI) as a rename, a reserved field given a meaning, or a field
 * turned reserved; new fields that sit inside an old reserved field's bytes use reserved space.
 */
import type { Field, Item, ModuleIR, StructItem, TypeRef } from "../../model/ir.js";
import { layoutModelled, NATURAL_ABI } from "../rule-util.js";
import type { Side } from "./types.js";

export type PairKind = "same" | "renamed" | "reservedUsed" | "madeReserved";

export interface FieldPair {
  readonly old: Field;
  readonly new: Field;
  readonly kind: PairKind;
  readonly oldIndex: number;
  readonly newIndex: number;
}

export interface StructPair {
  readonly old: StructItem;
  readonly new: StructItem;
  readonly fields: readonly FieldPair[];
  readonly deleted: readonly Field[];
  /** New fields: at the tail, or inside old reserved space (`inReserved`). */
  readonly added: readonly { field: Field; index: number; inReserved: string | undefined }[];
}

export interface Pairing {
  readonly items: readonly { old: Item; new: Item }[];
  readonly deleted: readonly Item[];
  readonly structs: readonly StructPair[];
}

/** The old items that the linted modules are expected to still declare. */
function oldItemsOf(before: Side, afterModules: readonly ModuleIR[]): Item[] {
  const names = new Set(afterModules.map((m) => m.name));
  return before.modules.filter((m) => names.has(m.name)).flatMap((m) => m.items);
}

export function pairVersions(before: Side, after: Side): Pairing {
  const items: { old: Item; new: Item }[] = [];
  const deleted: Item[] = [];
  for (const old of oldItemsOf(before, after.modules)) {
    const now = after.model.items.get(old.name);
    if (now && now.kind === old.kind) items.push({ old, new: now });
    else if (!now) deleted.push(old);
  }
  const linted = new Set(after.modules.flatMap((m) => m.items));
  const structs = items
    .filter(
      (p): p is { old: StructItem; new: StructItem } =>
        (p.old.kind === "struct" || p.old.kind === "union") && linted.has(p.new),
    )
    // Layouts of packed or explicitly aligned C records are not modelled: nothing to compare.
    .filter(
      (p) =>
        layoutModelled(p.old, (n) => before.model.items.get(n)) &&
        layoutModelled(p.new, (n) => after.model.items.get(n)),
    )
    .map((p) => pairStruct(p.old, p.new, before, after));
  return { items: items.filter((p) => linted.has(p.new)), deleted, structs };
}

function pairStruct(old: StructItem, now: StructItem, before: Side, after: Side): StructPair {
  const oldLayout = before.layouts.of(old, NATURAL_ABI);
  const newLayout = after.layouts.of(now, NATURAL_ABI);
  const fields: FieldPair[] = [];
  const newByName = new Map(now.fields.map((f, i) => [f.name, i]));
  const usedNew = new Set<number>();
  const unmatchedOld: number[] = [];
  old.fields.forEach((f, oi) => {
    const ni = newByName.get(f.name);
    if (ni === undefined) return void unmatchedOld.push(oi);
    usedNew.add(ni);
    fields.push({
      old: f,
      new: now.fields[ni]!,
      kind: kindOf(f, now.fields[ni]!, "same"),
      oldIndex: oi,
      newIndex: ni,
    });
  });
  const deleted: Field[] = [];
  for (const oi of unmatchedOld) {
    const at = oldLayout.fields[oi]!;
    const ni = now.fields.findIndex(
      (_, i) =>
        !usedNew.has(i) &&
        newLayout.fields[i]!.offset === at.offset &&
        newLayout.fields[i]!.size === at.size,
    );
    if (ni < 0) {
      deleted.push(old.fields[oi]!);
      continue;
    }
    usedNew.add(ni);
    fields.push({
      old: old.fields[oi]!,
      new: now.fields[ni]!,
      kind: kindOf(old.fields[oi]!, now.fields[ni]!, "renamed"),
      oldIndex: oi,
      newIndex: ni,
    });
  }
  const reservedRanges = old.fields.flatMap((f, i) =>
    f.reserved
      ? [
          [
            oldLayout.fields[i]!.offset,
            oldLayout.fields[i]!.offset + oldLayout.fields[i]!.size,
            f.name,
          ] as const,
        ]
      : [],
  );
  const added = now.fields.flatMap((field, index) => {
    if (usedNew.has(index)) return [];
    const { offset, size } = newLayout.fields[index]!;
    const inReserved = reservedRanges.find(([lo, hi]) => offset >= lo && offset + size <= hi)?.[2];
    return [{ field, index, inReserved }];
  });
  fields.sort((a, b) => a.newIndex - b.newIndex);
  return { old, new: now, fields, deleted, added };
}

function kindOf(old: Field, now: Field, base: "same" | "renamed"): PairKind {
  if (old.reserved && !now.reserved) return "reservedUsed";
  if (!old.reserved && now.reserved) return "madeReserved";
  return base;
}

/** A readable type name: `__u32`, `__u8[4]`, `struct foo`. */
export function typeName(t: TypeRef): string {
  const table: { [K in TypeRef["kind"]]: (t: Extract<TypeRef, { kind: K }>) => string } = {
    scalar: (s) => s.name,
    array: (a) => `${typeName(a.element)}[${a.length}]`,
    named: (n) => `struct ${n.name}`,
    anonUnion: (u) =>
      `union { ${u.members.map((m) => `${typeName(m.type)} ${m.name};`).join(" ")} }`,
  };
  return (table[t.kind] as (x: TypeRef) => string)(t);
}
