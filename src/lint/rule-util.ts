/** What several rules share: iterating the linted items, and naming groups of ABIs. */
import { ABIS } from "../abi/abis.js";
import { SCALARS, type ScalarName } from "../abi/kernel-types.js";
import type { Field, Item, Model, ModuleIR, StructItem, TypeRef } from "../model/ir.js";
import type { SourceLoc } from "../diagnostics/diagnostic.js";
import type { StructLayout } from "../layout/layout.js";
import type { RuleContext } from "./types.js";

/** The ABI with natural alignment for every type: fixes are computed on its layout. */
export const NATURAL_ABI = "x86_64";

export function itemsOf<K extends Item["kind"]>(
  ctx: RuleContext<string>,
  ...kinds: K[]
): readonly Extract<Item, { kind: K }>[] {
  // Several rules ask for the same kinds of the same (frozen) modules in one lint run.
  const key = kinds.join(",");
  let byKinds = itemsCache.get(ctx.modules);
  if (!byKinds) itemsCache.set(ctx.modules, (byKinds = new Map()));
  let list = byKinds.get(key);
  if (!list)
    byKinds.set(
      key,
      (list = ctx.modules.flatMap((m) =>
        m.items.filter((i) => (kinds as string[]).includes(i.kind)),
      )),
    );
  return list as readonly Extract<Item, { kind: K }>[];
}

const itemsCache = new WeakMap<readonly ModuleIR[], Map<string, readonly Item[]>>();

export function structsOf(ctx: RuleContext<string>): readonly StructItem[] {
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
 * Structs whose layout the engine models: not those an imported header marks
 * `unmodelledLayout` (a `#pragma pack` whose value was not found, a type the importer cannot
 * read), nor any struct that contains one.
 */
export function layoutStructsOf(ctx: RuleContext<string>): readonly StructItem[] {
  // Five rules ask for the same list in one lint run: keep it per (model, linted modules).
  let byModules = modelledCache.get(ctx.model);
  if (!byModules) modelledCache.set(ctx.model, (byModules = new WeakMap()));
  let list = byModules.get(ctx.modules);
  if (!list) {
    list = structsOf(ctx).filter((s) => layoutModelled(s, (n) => ctx.model.items.get(n)));
    byModules.set(ctx.modules, list);
  }
  return list;
}

const modelledCache = new WeakMap<Model, WeakMap<readonly ModuleIR[], readonly StructItem[]>>();

export function layoutModelled(
  struct: StructItem,
  resolve: (name: string) => Item | undefined,
): boolean {
  return whyNotModelled(struct, resolve) === undefined;
}

/**
 * Why the layout engine cannot compute a struct's layout (undefined when it can): the
 * importer's note on the struct itself, or on a struct it contains, or a type it cannot find.
 */
export function whyNotModelled(
  struct: StructItem,
  resolve: (name: string) => Item | undefined,
  seen = new Set<string>(),
): string | undefined {
  if (struct.unmodelledLayout) return struct.unmodelledLayout;
  if (seen.has(struct.name)) return undefined;
  seen.add(struct.name);
  const why = (t: TypeRef, field: string): string | undefined => {
    if (t.kind === "array") return why(t.element, field);
    if (t.kind === "anonUnion") {
      for (const m of t.members) {
        const w = why(m.type, m.name);
        if (w) return w;
      }
      return undefined;
    }
    if (t.kind !== "named") return undefined;
    const item = resolve(t.name);
    if (!item || (item.kind !== "struct" && item.kind !== "union"))
      return `\`${field}\` has the type \`${t.name}\`, which is not a struct or union the model holds`;
    const inner = whyNotModelled(item, resolve, seen);
    return inner ? `\`${field}\` is a \`${item.kind} ${item.name}\`, and ${inner}` : undefined;
  };
  for (const f of struct.fields) {
    const w = why(f.type, f.name);
    if (w) return w;
  }
  return undefined;
}

/** The linted structs the layout engine cannot judge, with why: layout rules say so. */
export function unjudgedStructsOf(
  ctx: RuleContext<string>,
): readonly { struct: StructItem; reason: string }[] {
  const resolve = (n: string) => ctx.model.items.get(n);
  const out: { struct: StructItem; reason: string }[] = [];
  for (const s of structsOf(ctx)) {
    const reason = whyNotModelled(s, resolve);
    if (reason) out.push({ struct: s, reason });
  }
  return out;
}

/** One note per struct a layout rule cannot judge, instead of skipping it silently. */
export function noteUnjudged(ctx: RuleContext<"unjudged">): void {
  for (const { struct, reason } of unjudgedStructsOf(ctx))
    ctx.report({
      messageId: "unjudged",
      severity: "info",
      data: { struct: struct.name, reason },
      loc: struct.loc,
      path: struct.name,
      hint: "check this struct with pahole or the compiler until uapi-gen models it",
    });
}

/**
 * For rules that need what C cannot declare: one note per C header saying how many things
 * the rule would have checked there and could not (the first of them is where it points).
 */
export function noteNotInC(
  ctx: RuleContext<"notInC">,
  candidates: readonly {
    readonly module: string;
    readonly path: string;
    readonly loc: SourceLoc | undefined;
  }[],
  hint: string,
): void {
  const c = new Set(ctx.modules.filter((m) => m.source === "c-header").map((m) => m.file));
  const byModule = new Map<string, (typeof candidates)[number][]>();
  for (const x of candidates)
    if (c.has(x.module)) byModule.set(x.module, [...(byModule.get(x.module) ?? []), x]);
  for (const list of byModule.values())
    ctx.report({
      messageId: "notInC",
      severity: "info",
      data: { count: list.length, first: list[0]!.path },
      loc: list[0]!.loc,
      path: list[0]!.path,
      hint,
    });
}

/** Fields with anonymous-union members flattened, as C sees the names. */
export function flatFields(fields: readonly Field[]): readonly Field[] {
  // Without an anonymous union the list is the fields themselves; with one, it is built
  // once per (frozen) field list, as several rules ask for it.
  if (!fields.some((f) => f.type.kind === "anonUnion")) return fields;
  let flat = flatCache.get(fields);
  if (!flat)
    flatCache.set(
      fields,
      (flat = fields.flatMap((f) =>
        f.type.kind === "anonUnion" ? [f, ...flatFields(f.type.members)] : [f],
      )),
    );
  return flat;
}

const flatCache = new WeakMap<readonly Field[], readonly Field[]>();

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
  return (HAS64[type.kind] as Has64<TypeRef["kind"]>)(type as never, resolve, seen);
}

type Has64<K extends TypeRef["kind"]> = (
  t: Extract<TypeRef, { kind: K }>,
  resolve: (name: string) => Item | undefined,
  seen: Set<string>,
) => boolean;

/** Per kind of type; one table for every call (it used to be built per call). */
const HAS64: { [K in TypeRef["kind"]]: Has64<K> } = {
  scalar: (t) => SCALARS[t.name].size === 8,
  array: (t, resolve, seen) => has64(t.element, resolve, seen),
  named: (t, resolve, seen) => {
    if (seen.has(t.name)) return false;
    seen.add(t.name);
    const item = resolve(t.name);
    return (
      !!item &&
      (item.kind === "struct" || item.kind === "union") &&
      item.fields.some((f) => has64(f.type, resolve, seen))
    );
  },
  anonUnion: (t, resolve, seen) => t.members.some((m) => has64(m.type, resolve, seen)),
};

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

/**
 * "i386, sh4, m68k", or "every ABI but i386, sh4, m68k" when that is shorter. With a `scope`
 * of only some ABIs (those that declare a record), ABIs are named one by one: "every ABI but"
 * would wrongly include the others.
 */
export function describeAbis(abis: readonly string[], scope?: readonly string[]): string {
  const all = ABIS.map((a) => a.name);
  if (scope && scope.length < all.length) return abis.join(", ");
  if (abis.length === all.length) return "every ABI";
  const missing = all.filter((a) => !abis.includes(a));
  if (abis.length > all.length / 2) return `every ABI but ${missing.join(", ")}`;
  return abis.join(", ");
}

/** "8 on every ABI but i386, sh4, m68k; 4 on i386, sh4; 2 on m68k" */
export function describeGroups(
  groups: readonly { value: string | number; abis: string[] }[],
  scope?: readonly string[],
): string {
  return [...groups]
    .sort((a, b) => b.abis.length - a.abis.length)
    .map((g) => `${g.value} on ${describeAbis(g.abis, scope)}`)
    .join("; ");
}

export function fieldPath(item: { name: string }, field?: { name: string }): string {
  return field ? `${item.name}.${field.name}` : item.name;
}

/**
 * A struct as each group of ABIs declares it: the item's own fields, and those of each
 * variant (a C header that declares the record otherwise on some ABIs: bitfields in the
 * other order on big-endian ones, an architecture's own members), each with the layouts of
 * its ABIs. Field `i` of a declaration is field `i` of each of its layouts.
 */
export function declarationsOf(
  struct: StructItem,
  layouts: readonly StructLayout[],
): { readonly fields: readonly Field[]; readonly layouts: readonly StructLayout[] }[] {
  if (!struct.variants?.length) return [{ fields: struct.fields, layouts }];
  const byFields = new Map<readonly Field[], StructLayout[]>();
  for (const l of layouts) {
    const fields = struct.variants.find((v) => v.abis.includes(l.abi))?.fields ?? struct.fields;
    byFields.set(fields, [...(byFields.get(fields) ?? []), l]);
  }
  return [...byFields].map(([fields, ls]) => ({ fields, layouts: ls }));
}

/**
 * A struct's layouts on the ABIs that declare it: every ABI, or those of a C header's record
 * declared only on some (`#ifdef __s390x__`); the others never see it.
 */
export function declaredLayouts(
  ctx: RuleContext<string>,
  struct: StructItem,
): readonly StructLayout[] {
  const all = ctx.layouts.everywhere(struct);
  const abis = struct.abis;
  return abis ? all.filter((l) => abis.includes(l.abi)) : all;
}

/**
 * The ABIs of a struct's layouts grouped by the declarations they read: of the struct itself
 * and of every record it holds (a C header's per-architecture records, `struct
 * kvm_guest_debug_arch` of each `asm/kvm.h`, or bitfields in big-endian order). Layouts of
 * one group come from one text and must agree; across groups the header chose to differ.
 * Definitions (no variants) make one group.
 */
export function sameDeclarationGroups(
  ctx: RuleContext<string>,
  struct: StructItem,
  layouts: readonly StructLayout[],
): { readonly fields: readonly Field[]; readonly layouts: readonly StructLayout[] }[] {
  const varied = variedRecords(struct, (n) => ctx.model.items.get(n));
  if (!varied.length) return [{ fields: struct.fields, layouts }];
  const groups = new Map<string, StructLayout[]>();
  for (const l of layouts) {
    const key = varied.map((r) => r.variants!.findIndex((v) => v.abis.includes(l.abi))).join();
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.values()].map((ls) => ({
    fields: struct.variants?.find((v) => v.abis.includes(ls[0]!.abi))?.fields ?? struct.fields,
    layouts: ls,
  }));
}

/** The struct and the records it holds (transitively) that have per-ABI variants. */
function variedRecords(
  struct: StructItem,
  resolve: (name: string) => Item | undefined,
): StructItem[] {
  const out: StructItem[] = [];
  const seen = new Set<string>();
  const visitType = (t: TypeRef): void => {
    if (t.kind === "array") visitType(t.element);
    else if (t.kind === "anonUnion") t.members.forEach((m) => visitType(m.type));
    else if (t.kind === "named") {
      const item = resolve(t.name);
      if (item && (item.kind === "struct" || item.kind === "union")) visit(item);
    }
  };
  const visit = (s: StructItem): void => {
    if (seen.has(s.name)) return;
    seen.add(s.name);
    if (s.variants?.length) out.push(s);
    for (const fields of [s.fields, ...(s.variants ?? []).map((v) => v.fields)])
      for (const f of fields) visitType(f.type);
  };
  visit(struct);
  return out;
}
