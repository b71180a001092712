/** Per-ABI comparison helpers the compatibility rules share. */
import { ABIS } from "../../../abi/abis.js";
import { SCALARS } from "../../../abi/kernel-types.js";
import type { Field, StructItem } from "../../../model/ir.js";
import { describeAbis, fieldPath, scalarOf } from "../../rule-util.js";
import type { FieldPair, StructPair } from "../pairs.js";
import type { Side } from "../types.js";

/** "4 → 8 on every ABI but i386; 4 → 12 on i386" for the ABIs where old and new differ. */
export function perAbiChange(
  pick: (side: "old" | "new", abi: string) => number | undefined,
  unit = "",
): { text: string; abis: string[] } | undefined {
  const groups = new Map<string, string[]>();
  for (const abi of ABIS) {
    const a = pick("old", abi.name);
    const b = pick("new", abi.name);
    if (a === undefined || b === undefined || a === b) continue;
    const key = `${a} → ${b}${unit}`;
    groups.set(key, [...(groups.get(key) ?? []), abi.name]);
  }
  if (groups.size === 0) return undefined;
  const list = [...groups].sort((x, y) => y[1].length - x[1].length);
  return {
    text: list.map(([k, abis]) => `${k} on ${describeAbis(abis)}`).join("; "),
    abis: list.flatMap(([, a]) => a),
  };
}

/** Reserved space split or shrunk in place: the bytes stay reserved or gain a meaning. */
export function reservedInPlace(p: FieldPair, s: StructPair, before: Side, after: Side): boolean {
  if (!p.old.reserved || !p.new.reserved) return false;
  const o = before.layouts.of(s.old, "x86_64").fields[p.oldIndex]!;
  const n = after.layouts.of(s.new, "x86_64").fields[p.newIndex]!;
  return n.offset >= o.offset && n.offset + n.size <= o.offset + o.size;
}

export function scalarTraits(
  f: Field,
): { size: number | null; signed: boolean; order: string } | undefined {
  const s = scalarOf(f.type);
  if (!s) return undefined;
  const info = SCALARS[s];
  return { size: info.size, signed: info.signed, order: info.order };
}

export const pathOf = (s: StructItem, f?: Field) => fieldPath(s, f);

/** Structs whose tail may grow: size-extensible ones, and array entries (sized by entry_len). */
export function growable(struct: StructItem, side: Side): boolean {
  if (struct.extensible) return true;
  for (const item of side.model.items.values()) {
    if (
      (item.kind === "struct" || item.kind === "union") &&
      item.arrays.some((a) => a.entries.some((e) => e.struct === struct.name))
    )
      return true;
  }
  return false;
}
