/** What several rules share: iterating the linted items, and naming groups of ABIs. */
import { ABIS } from "../abi/abis.js";
import { SCALARS, type ScalarName } from "../abi/kernel-types.js";
import type { Field, Item, StructItem, TypeRef } from "../model/ir.js";
import type { RuleContext } from "./types.js";

/** The ABI with natural alignment for every type: fixes are computed on its layout. */
export const NATURAL_ABI = "x86_64";

export function itemsOf<K extends Item["kind"]>(
  ctx: RuleContext<string>,
  ...kinds: K[]
): Extract<Item, { kind: K }>[] {
  return ctx.modules.flatMap((m) =>
    m.items.filter((i): i is Extract<Item, { kind: K }> => (kinds as string[]).includes(i.kind)),
  );
}

export function structsOf(ctx: RuleContext<string>): StructItem[] {
  return itemsOf(ctx, "struct", "union");
}

/** Structs of definitions modules only: what C headers cannot declare is not asked of them. */
export function definitionStructsOf(ctx: RuleContext<string>): StructItem[] {
  return ctx.modules
    .filter((m) => m.source !== "c-header")
    .flatMap((m) =>
      m.items.filter((i): i is StructItem => i.kind === "struct" || i.kind === "union"),
    );
}

/**
 * Structs whose layout the engine models: not those an imported header marks packed or
 * explicitly aligned, nor any struct that contains one.
 */
export function layoutStructsOf(ctx: RuleContext<string>): StructItem[] {
  return structsOf(ctx).filter((s) => layoutModelled(s, (n) => ctx.model.items.get(n)));
}

export function layoutModelled(
  struct: StructItem,
  resolve: (name: string) => Item | undefined,
  seen = new Set<string>(),
): boolean {
  if (struct.unmodelledLayout) return false;
  if (seen.has(struct.name)) return true;
  seen.add(struct.name);
  const ok = (t: TypeRef): boolean => {
    if (t.kind === "array") return ok(t.element);
    if (t.kind === "anonUnion") return t.members.every((m) => ok(m.type));
    if (t.kind !== "named") return true;
    const item = resolve(t.name);
    return (
      !!item &&
      (item.kind === "struct" || item.kind === "union") &&
      layoutModelled(item, resolve, seen)
    );
  };
  return struct.fields.every((f) => ok(f.type));
}

/** Fields with anonymous-union members flattened, as C sees the names. */
export function flatFields(fields: readonly Field[]): Field[] {
  return fields.flatMap((f) =>
    f.type.kind === "anonUnion" ? [f, ...flatFields(f.type.members)] : [f],
  );
}

/** The scalar a field stores: itself, or its array's element. */
export function scalarOf(type: TypeRef): ScalarName | undefined {
  if (type.kind === "scalar") return type.name;
  if (type.kind === "array") return scalarOf(type.element);
  return undefined;
}

/** True when the type holds a 64-bit integer anywhere (nested structs included). */
export function has64(
  type: TypeRef,
  resolve: (name: string) => Item | undefined,
  seen = new Set<string>(),
): boolean {
  const table: { [K in TypeRef["kind"]]: (t: Extract<TypeRef, { kind: K }>) => boolean } = {
    scalar: (t) => SCALARS[t.name].size === 8,
    array: (t) => has64(t.element, resolve, seen),
    named: (t) => {
      if (seen.has(t.name)) return false;
      seen.add(t.name);
      const item = resolve(t.name);
      return (
        !!item &&
        (item.kind === "struct" || item.kind === "union") &&
        item.fields.some((f) => has64(f.type, resolve, seen))
      );
    },
    anonUnion: (t) => t.members.some((m) => has64(m.type, resolve, seen)),
  };
  return (table[type.kind] as (t: TypeRef) => boolean)(type);
}

/** Groups ABI names by a per-ABI value, keeping the ABI table's order. */
export function groupByValue<V extends string | number>(
  entries: readonly { abi: string; value: V }[],
): { value: V; abis: string[] }[] {
  const groups = new Map<V, string[]>();
  for (const e of entries) {
    const list = groups.get(e.value) ?? [];
    list.push(e.abi);
    groups.set(e.value, list);
  }
  return [...groups].map(([value, abis]) => ({ value, abis }));
}

/** "i386, sh4, m68k", or "every ABI but i386, sh4, m68k" when that is shorter. */
export function describeAbis(abis: readonly string[]): string {
  const all = ABIS.map((a) => a.name);
  if (abis.length === all.length) return "every ABI";
  const missing = all.filter((a) => !abis.includes(a));
  if (abis.length > all.length / 2) return `every ABI but ${missing.join(", ")}`;
  return abis.join(", ");
}

/** "8 on every ABI but i386, sh4, m68k; 4 on i386, sh4; 2 on m68k" */
export function describeGroups(
  groups: readonly { value: string | number; abis: string[] }[],
): string {
  return [...groups]
    .sort((a, b) => b.abis.length - a.abis.length)
    .map((g) => `${g.value} on ${describeAbis(g.abis)}`)
    .join("; ");
}

export function fieldPath(item: { name: string }, field?: { name: string }): string {
  return field ? `${item.name}.${field.name}` : item.name;
}
