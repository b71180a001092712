/** Per-ABI comparison helpers the compatibility rules share. */
import { SCALARS } from "../../../abi/kernel-types.js";
import type { Field, StructItem } from "../../../model/ir.js";
import { describeAbis, fieldPath, scalarOf } from "../../rule-util.js";
import { isReserved } from "../conventions/reserved.js";
import { placesOf, type Place } from "../members.js";
import type { MemberPair, StructPair } from "../pairs.js";
import type { CompatContext } from "../types.js";

/** "4 → 8 on every ABI but i386; 4 → 12 on i386" for the ABIs where old and new differ. */
export function perAbiChange(
  abis: readonly string[],
  pick: (side: "old" | "new", abi: string) => number | undefined,
  unit = "",
): { text: string; abis: string[] } | undefined {
  const groups = new Map<string, string[]>();
  for (const abi of abis) {
    const a = pick("old", abi);
    const b = pick("new", abi);
    if (a === undefined || b === undefined || a === b) continue;
    const key = `${a} → ${b}${unit}`;
    const list = groups.get(key);
    if (list) list.push(abi);
    else groups.set(key, [abi]);
  }
  if (groups.size === 0) return undefined;
  const list = [...groups].sort((x, y) => y[1].length - x[1].length);
  return {
    text: list.map(([k, a]) => `${k} on ${describeAbis(a)}`).join("; "),
    abis: list.flatMap(([, a]) => a),
  };
}

/** The place of each side's member of a pair on one ABI (none where its ABI's declaration lacks it). */
export function placesOfPair(
  ctx: CompatContext<string>,
  s: StructPair,
  p: MemberPair,
  abi: string,
): { old: Place | undefined; new: Place | undefined } {
  return {
    old: placesOf(s.old, ctx.before, abi)[p.oldIndex],
    new: placesOf(s.new, ctx.after, abi)[p.newIndex],
  };
}

/**
 * Reserved space on both sides: where it sits and how big it is are nobody's business (no
 * caller names or reads it); what it does to the members around it and to the struct's size,
 * the other rules report.
 */
export function bothReserved(p: MemberPair): boolean {
  return isReserved(p.old.field) && isReserved(p.new.field);
}

export function scalarTraits(
  f: Field,
): { size: number | null; signed: boolean; order: string } | undefined {
  const s = scalarOf(f.type);
  if (!s) return undefined;
  const info = SCALARS[s];
  return { size: info.size, signed: info.signed, order: info.order };
}

export const pathOf = (s: StructItem, path?: string) =>
  fieldPath(s, path === undefined ? undefined : { name: path });

/** " on every ABI", " on i386, sh4": where a finding holds. */
export function onAbis(abis: readonly string[]): string {
  return `on ${describeAbis(abis)}`;
}
