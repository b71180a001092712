/**
 * Pairs the two versions once for every rule: named items by name and kind; the members of
 * paired structs (as C names them, anonymous types entered: ./members.ts) by name, then an
 * unmatched old member with an unmatched new one at the same offset and size (on the naturally
 * aligned ABI) as a rename, reserved space given a meaning, or a member turned reserved. New
 * members that sit inside old reserved bytes use reserved space. Enumerators pair by name across
 * the whole translation unit (./enumerators.ts), so anonymous enums need no identity at all.
 */
import type { Item, ModuleIR, StructItem, TypeRef } from "../../model/ir.js";
import { layoutModelled, NATURAL_ABI } from "../rule-util.js";
import { isReserved } from "./conventions/reserved.js";
import { pairEnumerators, type EnumeratorPair } from "./enumerators.js";
import { isAnonymousName, membersOf, placesOf, type Member, type Place } from "./members.js";
import type { Side } from "./types.js";

export type PairKind = "same" | "renamed" | "reservedUsed" | "madeReserved";

export interface MemberPair {
  readonly old: Member;
  readonly new: Member;
  readonly kind: PairKind;
  /** Indices into `membersOf` of each side, for `placesOf`. */
  readonly oldIndex: number;
  readonly newIndex: number;
}

export interface AddedMember {
  readonly member: Member;
  readonly index: number;
  /** The old reserved member whose bytes it takes, if any. */
  readonly inReserved: string | undefined;
}

export interface StructPair {
  readonly old: StructItem;
  readonly new: StructItem;
  readonly members: readonly MemberPair[];
  readonly deleted: readonly { member: Member; index: number }[];
  readonly added: readonly AddedMember[];
}

export interface Pairing {
  readonly items: readonly { old: Item; new: Item }[];
  readonly deleted: readonly Item[];
  readonly structs: readonly StructPair[];
  readonly enumerators: readonly EnumeratorPair[];
}

/** The old modules that correspond to the linted ones: by name, or the one header of each. */
export function oldModulesOf(before: Side, after: Side): readonly ModuleIR[] {
  if (before.modules.length === 1 && after.modules.length === 1) return before.modules;
  const names = new Set(after.modules.map((m) => m.name));
  return before.modules.filter((m) => names.has(m.name));
}

export function pairVersions(before: Side, after: Side): Pairing {
  const items: { old: Item; new: Item }[] = [];
  const deleted: Item[] = [];
  const oldModules = oldModulesOf(before, after);
  const seen = new Set<string>();
  for (const old of oldModules.flatMap((m) => m.items)) {
    // A macro defined in several preprocessor branches is one name.
    if (seen.has(old.name)) continue;
    seen.add(old.name);
    // Anonymous records are entered by their parents; enumerators pair on their own.
    if (isAnonymousName(old.name) || (old.kind === "enum" && old.anonymous)) continue;
    const now = after.model.items.get(old.name);
    if (now && now.kind === old.kind) items.push({ old, new: now });
    else if (now && (now.kind === "struct" || now.kind === "union") && old.kind !== now.kind)
      items.push({ old, new: now });
    else if (!now) deleted.push(old);
  }
  const linted = new Set(after.modules.flatMap((m) => m.items));
  const structs = items
    .filter(
      (p): p is { old: StructItem; new: StructItem } =>
        (p.old.kind === "struct" || p.old.kind === "union") &&
        (p.new.kind === "struct" || p.new.kind === "union") &&
        linted.has(p.new),
    )
    // Layouts of packed or explicitly aligned C records are not modelled: nothing to compare.
    .filter(
      (p) =>
        layoutModelled(p.old, (n) => before.model.items.get(n)) &&
        layoutModelled(p.new, (n) => after.model.items.get(n)),
    )
    .map((p) => pairStruct(p.old, p.new, before, after));
  return {
    items: items.filter((p) => linted.has(p.new)),
    deleted,
    structs,
    enumerators: pairEnumerators(oldModules, before, after),
  };
}

function pairStruct(old: StructItem, now: StructItem, before: Side, after: Side): StructPair {
  const oldMembers = membersOf(old, before);
  const newMembers = membersOf(now, after);
  const oldPlaces = placesOf(old, before, NATURAL_ABI);
  const newPlaces = placesOf(now, after, NATURAL_ABI);
  const members: MemberPair[] = [];
  const newByPath = new Map(newMembers.map((m, i) => [m.path, i]));
  const usedNew = new Set<number>();
  const unmatched: number[] = [];
  oldMembers.forEach((m, oi) => {
    // Unnamed members (padding bitfields) have no name to pair by.
    const ni = isAnonymousName(m.path) ? undefined : newByPath.get(m.path);
    if (ni === undefined || usedNew.has(ni)) return void unmatched.push(oi);
    usedNew.add(ni);
    members.push(pair(m, newMembers[ni]!, oi, ni, "same"));
  });
  foldIntoNamedRecords(oldMembers, newMembers, oldPlaces, newPlaces, unmatched, usedNew);
  // Unmatched new members by place, for the renames: old and new at the same offset and size.
  const oldPaths = new Set(oldMembers.map((m) => m.path));
  const byPlace = new Map<string, number[]>();
  newMembers.forEach((m, i) => {
    if (usedNew.has(i) || oldPaths.has(m.path)) return;
    const key = `${newPlaces[i]!.bit}:${newPlaces[i]!.bits}`;
    const list = byPlace.get(key);
    if (list) list.push(i);
    else byPlace.set(key, [i]);
  });
  const deleted: { member: Member; index: number }[] = [];
  for (const oi of unmatched) {
    const at = oldPlaces[oi]!;
    const ni = byPlace.get(`${at.bit}:${at.bits}`)?.find((i) => !usedNew.has(i));
    if (ni === undefined) {
      deleted.push({ member: oldMembers[oi]!, index: oi });
      continue;
    }
    usedNew.add(ni);
    members.push(pair(oldMembers[oi]!, newMembers[ni]!, oi, ni, "renamed"));
  }
  const reservedRanges = oldMembers.flatMap((m, i) =>
    isReserved(m.field)
      ? [{ lo: oldPlaces[i]!.bit, hi: oldPlaces[i]!.bit + oldPlaces[i]!.bits, name: m.path }]
      : [],
  );
  const added = newMembers.flatMap((member, index) => {
    if (usedNew.has(index)) return [];
    const { bit, bits } = newPlaces[index]!;
    const inReserved = reservedRanges.find((r) => bit >= r.lo && bit + bits <= r.hi)?.name;
    return [{ member, index, inReserved }];
  });
  members.sort((a, b) => a.newIndex - b.newIndex);
  return { old, new: now, members, deleted, added };
}

/**
 * A member of an anonymous record type that got a named type (`union { … } data;` became
 * `union snd_seq_event_data data;`): the old members `data.*` are its members now, judged where
 * the named type is declared. They pair with `data` when they span exactly its bytes.
 */
function foldIntoNamedRecords(
  oldMembers: readonly Member[],
  newMembers: readonly Member[],
  oldPlaces: readonly (Place | undefined)[],
  newPlaces: readonly (Place | undefined)[],
  unmatched: number[],
  usedNew: Set<number>,
): void {
  newMembers.forEach((m, ni) => {
    const at = newPlaces[ni];
    if (usedNew.has(ni) || !at || m.field.type.kind !== "named" || isAnonymousName(m.path)) return;
    const inside = unmatched.filter((oi) => oldMembers[oi]!.path.startsWith(`${m.path}.`));
    if (!inside.length) return;
    const lo = Math.min(...inside.map((oi) => oldPlaces[oi]?.bit ?? Infinity));
    const hi = Math.max(
      ...inside.map((oi) => (oldPlaces[oi]?.bit ?? 0) + (oldPlaces[oi]?.bits ?? 0)),
    );
    if (lo !== at.bit || hi !== at.bit + at.bits) return;
    usedNew.add(ni);
    for (const oi of inside) unmatched.splice(unmatched.indexOf(oi), 1);
  });
}

function pair(
  old: Member,
  now: Member,
  oi: number,
  ni: number,
  base: "same" | "renamed",
): MemberPair {
  const [a, b] = [isReserved(old.field), isReserved(now.field)];
  // An anonymous member's front-end name is no name: nothing to rename.
  const anonymous = isAnonymousName(old.path) && isAnonymousName(now.path);
  const kind: PairKind =
    a && !b ? "reservedUsed" : !a && b ? "madeReserved" : anonymous ? "same" : base;
  return { old, new: now, kind, oldIndex: oi, newIndex: ni };
}

/** A readable type name: `__u32`, `__u8[4]`, `struct foo`. */
export function typeName(t: TypeRef): string {
  const table: { [K in TypeRef["kind"]]: (t: Extract<TypeRef, { kind: K }>) => string } = {
    scalar: (s) => s.name,
    array: (a) => `${typeName(a.element)}[${a.length}]`,
    named: (n) => (isAnonymousName(n.name) ? "an anonymous type" : `struct ${n.name}`),
    anonUnion: (u) =>
      `union { ${u.members.map((m) => `${typeName(m.type)} ${m.name};`).join(" ")} }`,
  };
  return (table[t.kind] as (x: TypeRef) => string)(t);
}
