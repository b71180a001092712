/**
 * Enumerators pair by name across the translation unit: C has one namespace for them, so an
 * enumerator that moved to another enum, an anonymous enum that moved by a line, or an
 * enumerator that became a `#define` of the same value is the same name to user space. Each
 * side knows which of its enumerators are sentinels by declaration (./conventions/sentinels.ts).
 */
import type { ConstantItem, EnumItem, EnumMember, ModuleIR } from "../../model/ir.js";
import { enumSentinels } from "./conventions/sentinels.js";
import type { Side } from "./types.js";

export interface Enumerator {
  readonly member: EnumMember;
  readonly item: EnumItem;
  readonly sentinel: boolean;
}

export interface EnumeratorPair {
  readonly name: string;
  readonly old: Enumerator;
  /** The same name in the new version: an enumerator, or a constant (a `#define`). */
  readonly new: Enumerator | undefined;
  readonly constant: ConstantItem | undefined;
}

export function enumeratorsOf(items: Iterable<unknown>): Map<string, Enumerator> {
  const out = new Map<string, Enumerator>();
  for (const item of items as Iterable<{ kind: string }>) {
    if (item.kind !== "enum") continue;
    const e = item as EnumItem;
    const sentinels = enumSentinels(e);
    for (const member of e.members)
      if (!out.has(member.name))
        out.set(member.name, { member, item: e, sentinel: sentinels.has(member.name) });
  }
  return out;
}

const cache = new WeakMap<Side, Map<string, Enumerator>>();

/** Every enumerator of a side's whole model (included headers too), by name. */
export function allEnumerators(side: Side): Map<string, Enumerator> {
  let map = cache.get(side);
  if (!map) cache.set(side, (map = enumeratorsOf(side.model.items.values())));
  return map;
}

export function pairEnumerators(
  oldModules: readonly ModuleIR[],
  before: Side,
  after: Side,
): EnumeratorPair[] {
  const old = enumeratorsOf(oldModules.flatMap((m) => m.items));
  const now = allEnumerators(after);
  return [...old].map(([name, e]) => {
    const item = after.model.items.get(name);
    return {
      name,
      old: e,
      new: now.get(name),
      constant: item?.kind === "constant" ? item : undefined,
    };
  });
}

/**
 * Removed enumerators whose value a new enumerator of the same enum took under a name that
 * keeps the old one's ending (`CXL_MEM_COMMAND_ID_GET_SCAN_MEDIA` → `…_DEPRECATED_ID_GET_SCAN_MEDIA`).
 */
export function enumeratorRenames(
  pairs: readonly EnumeratorPair[],
  after: Side,
): Map<string, string> {
  const out = new Map<string, string>();
  const oldNames = new Set(pairs.map((p) => p.name));
  const fresh = [...allEnumerators(after)].filter(([n]) => !oldNames.has(n));
  for (const p of pairs) {
    if (p.new || p.constant) continue;
    const oldEnum = new Set(p.old.item.members.map((m) => m.name));
    const to = fresh.find(
      ([n, e]) =>
        e.member.value === p.old.member.value &&
        similarNames(p.name, n) &&
        e.item.members.some((m) => oldEnum.has(m.name)),
    );
    if (to) out.set(p.name, to[0]);
  }
  return out;
}

/** The same last two words, or the same words but one. */
function similarNames(a: string, b: string): boolean {
  const x = a.split("_").filter(Boolean);
  const y = b.split("_").filter(Boolean);
  let tail = 0;
  while (tail < Math.min(x.length, y.length) && x[x.length - 1 - tail] === y[y.length - 1 - tail])
    tail++;
  return tail >= 2 || (tail >= 1 && Math.abs(x.length - y.length) <= 1 && x.length - tail <= 2);
}
