/**
 * The items of every structure group (ABIs whose preprocessors saw the same declarations) as
 * one set of items: the reference group's, with a record's declaration on other ABIs as a
 * variant where it differs (`#if defined(__LITTLE_ENDIAN_BITFIELD)`), an enumerator's value on
 * other ABIs where it differs, and the ABIs an item exists on when that is not all of them.
 */
import type { EnumItem, Item, StructItem, StructVariant } from "../../model/ir.js";

export interface GroupItems {
  readonly abis: readonly string[];
  readonly byFile: ReadonlyMap<string, readonly Item[]>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function mergeGroups(
  groups: readonly GroupItems[],
  allAbis: readonly string[],
): Map<string, Item[]> {
  const [first, ...rest] = groups;
  if (!first) return new Map();
  const byFile = new Map<string, Item[]>();
  const byName = new Map<string, { item: Item; file: string; abis: Set<string> }>();
  const inReference = new Set<string>();
  for (const items of first.byFile.values()) for (const item of items) inReference.add(item.name);
  for (const [file, items] of first.byFile) {
    byFile.set(file, [...items]);
    for (const item of items) byName.set(item.name, { item, file, abis: new Set(first.abis) });
  }
  const variants = new Map<string, StructVariant[]>();
  const elsewhere = new Map<string, string[]>();
  const enumValues = new Map<string, Map<string, Map<string, bigint>>>();
  for (const g of rest) {
    for (const [file, items] of g.byFile) {
      for (const item of items) {
        const known = byName.get(item.name);
        if (!known) {
          const list = byFile.get(file) ?? [];
          list.push(item);
          byFile.set(file, list);
          byName.set(item.name, { item, file, abis: new Set(g.abis) });
          continue;
        }
        for (const a of g.abis) known.abis.add(a);
        // Declared by another header on these ABIs (an #ifndef in this one leaves it out).
        if (isRecord(known.item) && isRecord(item) && file !== known.file)
          elsewhere.set(item.name, [...(elsewhere.get(item.name) ?? []), ...g.abis]);
        if (isRecord(known.item) && isRecord(item)) {
          const base = known.item;
          if (shapeKey(base) === shapeKey(item)) continue;
          const list = variants.get(item.name) ?? [];
          const same = list.find(
            (v) => shapeKey({ ...v, typedef: v.typedef ?? !!base.typedef }) === shapeKey(item),
          );
          if (same) (same.abis as string[]).push(...g.abis);
          else
            list.push({
              abis: [...g.abis],
              fields: item.fields,
              ...(item.packed ? { packed: item.packed } : {}),
              ...(item.align !== undefined ? { align: item.align } : {}),
              ...(item.maxFieldAlign !== undefined ? { maxFieldAlign: item.maxFieldAlign } : {}),
              ...(!item.typedef !== !known.item.typedef ? { typedef: !!item.typedef } : {}),
            });
          variants.set(item.name, list);
        } else if (known.item.kind === "enum" && item.kind === "enum") {
          const values = enumValues.get(item.name) ?? new Map<string, Map<string, bigint>>();
          for (const m of item.members) {
            const perAbi = values.get(m.name) ?? new Map<string, bigint>();
            for (const a of g.abis) perAbi.set(a, m.byAbi?.[a] ?? m.big ?? BigInt(m.value));
            values.set(m.name, perAbi);
          }
          enumValues.set(item.name, values);
        }
      }
    }
  }
  const everywhere = new Set(groups.flatMap((g) => g.abis));
  for (const [file, items] of byFile) {
    byFile.set(
      file,
      items.map((item) => {
        const known = byName.get(item.name)!;
        let out: Item = item;
        const v = variants.get(item.name);
        if (v && isRecord(out)) out = { ...out, variants: v };
        const other = elsewhere.get(item.name);
        if (other && isRecord(out)) out = { ...out, elsewhere: other };
        const ev = enumValues.get(item.name);
        if (ev && out.kind === "enum") out = withEnumValues(out, ev);
        if (known.abis.size < everywhere.size) {
          // ABIs that were not read at all follow the reference, like everything else.
          const abis = allAbis.filter(
            (a) => known.abis.has(a) || (!everywhere.has(a) && inReference.has(item.name)),
          );
          (out as Mutable<Item>) = { ...out, abis };
        }
        return out;
      }),
    );
  }
  return byFile;
}

function isRecord(item: Item): item is StructItem {
  return item.kind === "struct" || item.kind === "union";
}

function shapeKey(
  s: Pick<StructItem, "fields" | "packed" | "align" | "maxFieldAlign"> & { typedef?: boolean },
): string {
  return JSON.stringify(
    [s.fields, s.packed, s.align, s.maxFieldAlign, !!s.typedef],
    (k, v: unknown) => (k === "loc" || k === "doc" ? undefined : v),
  );
}

function withEnumValues(
  item: EnumItem,
  values: ReadonlyMap<string, ReadonlyMap<string, bigint>>,
): EnumItem {
  return {
    ...item,
    members: item.members.map((m) => {
      const own = m.big ?? BigInt(m.value);
      const other = values.get(m.name);
      if (!other) return m;
      const byAbi = { ...(m.byAbi ?? {}) };
      for (const [abi, v] of other) if (v !== own) byAbi[abi] = v;
      return Object.keys(byAbi).length ? { ...m, byAbi } : m;
    }),
  };
}
