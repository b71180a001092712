/**
 * The per-ABI layout side table of a model: computed on demand, once per (ABI, struct).
 *
 * Many ABIs lay structs out alike: the 19 of the table fall into four layout classes (same
 * alignment table, pointer and long size). Each struct is laid out once per class and the
 * other ABIs of the class get a copy that differs only in `abi`, so linting on every ABI costs
 * four layouts per struct, not nineteen.
 */
import { ABIS, findAbi, type Abi } from "../abi/abis.js";
import type { Model, StructItem } from "../model/ir.js";
import { LayoutEngine, type ResolveStruct, type StructLayout } from "./layout.js";

/** What the layout engine reads of an ABI besides its name (see scalarLayout). */
function layoutClass(abi: Abi): string {
  const a = abi.align;
  return `${a.i8},${a.i16},${a.i32},${a.i64},${a.long},${a.ptr}/${abi.ptrSize},${abi.longSize}`;
}

/** Per ABI of the table, in order: the index of its class; and the first ABI of each class. */
const CLASS_OF: readonly number[] = (() => {
  const keys: string[] = [];
  return ABIS.map((abi) => {
    const key = layoutClass(abi);
    const known = keys.indexOf(key);
    return known >= 0 ? known : keys.push(key) - 1;
  });
})();
const CLASS_ABIS: readonly Abi[] = ABIS.filter((_, i) => CLASS_OF.indexOf(CLASS_OF[i]!) === i);
const TABLE_INDEX = new Map(ABIS.map((abi, i) => [abi.name, i]));

export class Layouts {
  private readonly engines = new Map<string, LayoutEngine>();
  private readonly classEngines: readonly LayoutEngine[];
  private readonly all = new Map<string, readonly StructLayout[]>();
  private readonly resolve: ResolveStruct;

  constructor(private readonly model: Model) {
    this.resolve = (name) => {
      const item = this.model.items.get(name);
      return item && (item.kind === "struct" || item.kind === "union") ? item : undefined;
    };
    this.classEngines = CLASS_ABIS.map((abi) => new LayoutEngine(abi, this.resolve));
  }

  /** The engine of one ABI (its layouts are computed apart from those `of` shares). */
  engine(abi: Abi | string): LayoutEngine {
    const a = toAbi(abi);
    let engine = this.engines.get(a.name);
    if (!engine) this.engines.set(a.name, (engine = new LayoutEngine(a, this.resolve)));
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
        const layout = perClass[CLASS_OF[i]!]!;
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
