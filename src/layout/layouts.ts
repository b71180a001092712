/**
 * The per-ABI layout side table of a model: computed on demand, once per (ABI, struct).
 *
 * Many ABIs lay structs out alike: the 19 of the table fall into a few layout classes (same
 * alignment table, pointer and long size). Each struct is laid out once per class and the
 * other ABIs of the class get a copy that differs only in `abi`. A model read from a C header
 * can break a class apart: a scalar that is another type on some ABIs (`__kernel_long_t` on
 * x32), or a record declared otherwise on some ABIs (StructVariant). Such ABIs form classes
 * of their own, so the sharing never changes a result.
 */
import { ABIS, findAbi, type Abi } from "../abi/abis.js";
import type { Field, Model, StructItem, TypeRef } from "../model/ir.js";
import { LayoutEngine, type ResolveStruct, type ShapeStruct, type StructLayout } from "./layout.js";

/** What the layout engine reads of an ABI besides its name (see scalarLayout). */
function layoutClass(abi: Abi): string {
  const a = abi.align;
  return `${a.i8},${a.i16},${a.i32},${a.i64},${a.long},${a.ptr}/${abi.ptrSize},${abi.longSize}/${abi.bitfields}`;
}

const TABLE_INDEX = new Map(ABIS.map((abi, i) => [abi.name, i]));

/** The record as one ABI declares it: its variant for that ABI, or the item itself. */
export function structShape(item: StructItem, abi: string): ShapeStruct {
  const v = item.variants?.find((x) => x.abis.includes(abi));
  if (!v) return item;
  return { name: item.name, kind: item.kind, ...v };
}

/**
 * What a model says per ABI beyond the ABI table: which variant of each record and which
 * scalar of each per-ABI scalar. Empty for models without either (definitions modules).
 */
function modelSignatures(model: Model): readonly string[] {
  const parts: string[][] = ABIS.map(() => []);
  const scalars = (t: TypeRef): void => {
    if (t.kind === "scalar" && t.byAbi)
      ABIS.forEach((a, i) => parts[i]!.push(t.byAbi![a.name] ?? t.name));
    else if (t.kind === "array") scalars(t.element);
    else if (t.kind === "anonUnion") t.members.forEach((m: Field) => scalars(m.type));
  };
  for (const item of model.items.values()) {
    if (item.kind !== "struct" && item.kind !== "union") continue;
    if (item.variants?.length)
      ABIS.forEach((a, i) =>
        parts[i]!.push(`${item.name}#${item.variants!.findIndex((v) => v.abis.includes(a.name))}`),
      );
    for (const f of item.fields) scalars(f.type);
    for (const v of item.variants ?? []) for (const f of v.fields) scalars(f.type);
  }
  return parts.map((p) => p.join(";"));
}

export class Layouts {
  private readonly engines = new Map<string, LayoutEngine>();
  private readonly classOf: readonly number[];
  private readonly classEngines: readonly LayoutEngine[];
  private readonly all = new Map<string, readonly StructLayout[]>();

  constructor(private readonly model: Model) {
    const signatures = modelSignatures(model);
    const keys: string[] = [];
    this.classOf = ABIS.map((abi, i) => {
      const key = `${layoutClass(abi)}|${signatures[i]}`;
      const known = keys.indexOf(key);
      return known >= 0 ? known : keys.push(key) - 1;
    });
    const firsts = ABIS.filter((_, i) => this.classOf.indexOf(this.classOf[i]!) === i);
    this.classEngines = firsts.map((abi) => new LayoutEngine(abi, this.resolver(abi.name)));
  }

  private resolver(abi: string): ResolveStruct {
    return (name) => {
      const item = this.model.items.get(name);
      return item && (item.kind === "struct" || item.kind === "union")
        ? structShape(item, abi)
        : undefined;
    };
  }

  /** The engine of one ABI (its layouts are computed apart from those `of` shares). */
  engine(abi: Abi | string): LayoutEngine {
    const a = toAbi(abi);
    let engine = this.engines.get(a.name);
    if (!engine) this.engines.set(a.name, (engine = new LayoutEngine(a, this.resolver(a.name))));
    return engine;
  }

  of(struct: StructItem | string, abi: Abi | string): StructLayout {
    const a = toAbi(abi);
    const name = typeof struct === "string" ? struct : struct.name;
    const index = TABLE_INDEX.get(a.name);
    // An ABI object that is not the table's own (a test's variant) gets an engine of its own.
    if (index === undefined || ABIS[index] !== a) return this.engine(a).structLayout(name);
    return this.everywhere(name)[index]!;
  }

  /** The layout of a struct on every ABI of the table, in the table's order. */
  everywhere(struct: StructItem | string): readonly StructLayout[] {
    const name = typeof struct === "string" ? struct : struct.name;
    const known = this.all.get(name);
    if (known) return known;
    const perClass = this.classEngines.map((e) => e.structLayout(name));
    // A class's engine names its layouts after its first ABI: the others get a renamed copy.
    const list = Object.freeze(
      ABIS.map((abi, i) => {
        const layout = perClass[this.classOf[i]!]!;
        return layout.abi === abi.name ? layout : renamed(layout, abi.name);
      }),
    );
    this.all.set(name, list);
    return list;
  }
}

/** The layout under another ABI's name; fields and holes are shared (nobody mutates them). */
function renamed(l: StructLayout, abi: string): StructLayout {
  const { name, size, align, fields, holes, tailPadding } = l;
  return { name, abi, size, align, fields, holes, tailPadding };
}

function toAbi(abi: Abi | string): Abi {
  const a = typeof abi === "string" ? findAbi(abi) : abi;
  if (!a) throw new Error(`unknown ABI ${String(abi)}`);
  return a;
}
