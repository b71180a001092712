/** How a paired struct's size changed, shared by the three rules that classify it. */
import { isReserved } from "../conventions/reserved.js";
import { sizingOf, type Sizing } from "../conventions/sizing.js";
import { membersOf, placesOf } from "../members.js";
import type { AddedMember, MemberPair, StructPair } from "../pairs.js";
import type { CompatContext } from "../types.js";
import { perAbiChange } from "./util.js";

export interface Growth {
  readonly change: { text: string; abis: string[] };
  readonly shrank: boolean;
  /** A new member that starts inside the old struct on some ABI, over bytes old members had. */
  readonly inside: { added: AddedMember; abi: string } | undefined;
  /** Old members that moved or changed size on some ABI: the size change follows from them. */
  readonly reshaped: boolean;
  /** New members at or past the old end on every ABI. */
  readonly appended: readonly AddedMember[];
  readonly sizing: Sizing | undefined;
}

const cache = new WeakMap<StructPair, Growth | undefined>();

export function growth(ctx: CompatContext<string>, s: StructPair): Growth | undefined {
  if (cache.has(s)) return cache.get(s);
  const g = compute(ctx, s);
  cache.set(s, g);
  return g;
}

function compute(ctx: CompatContext<string>, s: StructPair): Growth | undefined {
  const size = (side: "old" | "new", abi: string) =>
    side === "old" ? ctx.before.layouts.of(s.old, abi).size : ctx.after.layouts.of(s.new, abi).size;
  const change = perAbiChange(ctx.abis, size, " bytes");
  if (!change) return undefined;
  // A trailing `[1]` that became a flexible array shrinks the struct by design (field-same-type
  // asks for review of it); anything else that shrinks is a break.
  const shrank =
    change.abis.some((abi) => size("new", abi) < size("old", abi)) && !onlyFlexible(ctx, s);
  const inside = insideMember(ctx, s);
  const appended = s.added.filter(
    (a) =>
      !a.inReserved &&
      ctx.abis.every(
        (abi) => (placesOf(s.new, ctx.after, abi)[a.index]?.offset ?? Infinity) >= size("old", abi),
      ),
  );
  return {
    change,
    shrank,
    inside,
    reshaped: reshaped(ctx, s),
    appended,
    sizing: sizingOf(s.old, ctx.before) ?? sizingOf(s.new, ctx.after),
  };
}

function reshaped(ctx: CompatContext<string>, s: StructPair): boolean {
  const tail = tailArrayGrowth(ctx, s);
  const marker = flexibleEnd(ctx, s);
  return s.members.some(
    (p) =>
      p !== tail &&
      p !== marker &&
      !(isReserved(p.old.field) && isReserved(p.new.field)) &&
      ctx.abis.some((abi) => {
        const o = placesOf(s.old, ctx.before, abi)[p.oldIndex];
        const n = placesOf(s.new, ctx.after, abi)[p.newIndex];
        if (!o || !n) return false;
        return o.bit !== n.bit || o.bits !== n.bits;
      }),
  );
}

/**
 * The last member on both sides, an array of the same elements at the same place that got
 * longer (`rkisp1_ext_params_cfg.data[RKISP1_EXT_PARAMS_MAX_SIZE]`): the struct grew at its tail,
 * as if members were appended; a caller that says how much it filled still works.
 */
export function tailArrayGrowth(ctx: CompatContext<string>, s: StructPair): MemberPair | undefined {
  const last = s.members.at(-1);
  if (!last || s.added.length || s.deleted.length) return undefined;
  const [oldCount, newCount] = [
    membersOf(s.old, ctx.before).length,
    membersOf(s.new, ctx.after).length,
  ];
  if (last.oldIndex !== oldCount - 1 || last.newIndex !== newCount - 1) return undefined;
  const [a, b] = [last.old.field.type, last.new.field.type];
  if (a.kind !== "array" || b.kind !== "array" || a.length === 0 || b.length <= a.length)
    return undefined;
  const element = (key: string) => key.replace(/\[\d+\]$/, "");
  if (element(last.old.typeKey) !== element(last.new.typeKey)) return undefined;
  const same = ctx.abis.every((abi) => {
    const o = placesOf(s.old, ctx.before, abi)[last.oldIndex];
    const n = placesOf(s.new, ctx.after, abi)[last.newIndex];
    return o !== undefined && n !== undefined && o.offset === n.offset && n.size > o.size;
  });
  return same ? last : undefined;
}

/**
 * The last member on both sides, a flexible array that moved later (`rseq.end`, `char end[]`):
 * it marks where the struct ends, so it moves whenever the struct grows; it holds no bytes.
 */
export function flexibleEnd(ctx: CompatContext<string>, s: StructPair): MemberPair | undefined {
  const last = s.members.at(-1);
  if (!last) return undefined;
  if (last.oldIndex !== membersOf(s.old, ctx.before).length - 1) return undefined;
  if (last.newIndex !== membersOf(s.new, ctx.after).length - 1) return undefined;
  const [a, b] = [last.old.field.type, last.new.field.type];
  if (a.kind !== "array" || b.kind !== "array" || a.length !== 0 || b.length !== 0)
    return undefined;
  const later = ctx.abis.every((abi) => {
    const o = placesOf(s.old, ctx.before, abi)[last.oldIndex];
    const n = placesOf(s.new, ctx.after, abi)[last.newIndex];
    return o !== undefined && n !== undefined && n.offset >= o.offset;
  });
  return later ? last : undefined;
}

/** The old last member, a `[1]` or `[0]` array, is the same member as a flexible array now. */
function onlyFlexible(ctx: CompatContext<string>, s: StructPair): boolean {
  const oldMembers = membersOf(s.old, ctx.before);
  const newMembers = membersOf(s.new, ctx.after);
  const [o, n] = [oldMembers.at(-1), newMembers.at(-1)];
  if (!o || !n || o.path !== n.path || s.added.length || s.deleted.length) return false;
  const [a, b] = [o.field.type, n.field.type];
  return a.kind === "array" && b.kind === "array" && a.length <= 1 && b.length === 0;
}

/**
 * The first new member inside the old struct that is neither reserved space reused nor a union
 * alternative: one that pushed old members aside. Members that only take old padding are
 * `field-into-padding`'s.
 */
function insideMember(
  ctx: CompatContext<string>,
  s: StructPair,
): { added: AddedMember; abi: string } | undefined {
  for (const a of s.added) {
    if (a.inReserved || isReserved(a.member.field) || a.member.inUnion) continue;
    for (const abi of ctx.abis) {
      const at = placesOf(s.new, ctx.after, abi)[a.index];
      if (!at) continue;
      const oldSize = ctx.before.layouts.of(s.old, abi).size;
      if (at.offset >= oldSize) continue;
      const overlaps = placesOf(s.old, ctx.before, abi).some(
        (p) => p !== undefined && p.bit < at.bit + at.bits && at.bit < p.bit + p.bits,
      );
      if (overlaps) return { added: a, abi };
    }
  }
  return undefined;
}
