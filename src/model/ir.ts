/**
 * The frozen intermediate representation every generator, lint rule and the simulator read.
 * It holds what the definitions say, nothing computed: layouts per ABI live in side tables
 * (src/layout), so no pass mutates the model.
 */
import type { ScalarName } from "../abi/kernel-types.js";
import type { IoctlDir } from "../abi/ioctl-families.js";
import type { SourceLoc } from "../diagnostics/diagnostic.js";

export type Direction = "in" | "out" | "inout";

/** Field types, by kind. Shared code asks the per-kind tables, never `kind === ...`. */
export type TypeRef =
  | { readonly kind: "scalar"; readonly name: ScalarName }
  | { readonly kind: "array"; readonly element: TypeRef; readonly length: number }
  | { readonly kind: "named"; readonly name: string }
  | { readonly kind: "anonUnion"; readonly members: readonly Field[] };

export type TypeKind = TypeRef["kind"];

export interface Field {
  readonly name: string;
  readonly doc: string | undefined;
  readonly loc: SourceLoc | undefined;
  readonly type: TypeRef;
  readonly dir: Direction;
  readonly reserved: boolean;
  readonly userPtr: boolean;
  /** Name of the flag set that declares the valid bits. */
  readonly flags: string | undefined;
  /** Name of the enum whose values the field holds. */
  readonly values: string | undefined;
  /**
   * Set only for fields read from an existing C header (src/import), to keep what the IR
   * types cannot say and the linter must flag: the C spelling when it differs from `type`
   * (`time_t`, `struct timespec`, `struct foo *`), the enum of an enum-typed field, and the
   * width of a C bitfield.
   */
  readonly cType?: string;
  readonly enumType?: string;
  readonly bitWidth?: number;
}

export interface ArrayDescriptor {
  readonly loc: SourceLoc | undefined;
  readonly doc: string | undefined;
  readonly pointer: string;
  readonly entryLen: string;
  readonly count: string;
  readonly selector: string | undefined;
  /** Entry struct per selector enum member. */
  readonly entries: readonly { readonly member: string; readonly struct: string }[];
  readonly onError: { readonly blame: "entry-at-count"; readonly count: "handled" } | undefined;
}

interface ItemBase {
  readonly name: string;
  readonly doc: string | undefined;
  readonly loc: SourceLoc | undefined;
  /** The definitions module that declares it. */
  readonly module: string;
}

export interface StructItem extends ItemBase {
  readonly kind: "struct" | "union";
  readonly fields: readonly Field[];
  readonly extensible: { readonly size: string; readonly lastMandatory: string } | undefined;
  readonly arrays: readonly ArrayDescriptor[];
  readonly hardware: boolean;
  /**
   * Set only for structs read from a C header (src/import) whose layout the engine cannot
   * model (`__attribute__((packed))`, an explicit alignment): why. Layout rules skip them.
   */
  readonly unmodelledLayout?: string;
}

export interface EnumMember {
  readonly name: string;
  readonly value: number;
  readonly doc: string | undefined;
  readonly loc: SourceLoc | undefined;
  /** Read from a C header where the enumerator has no `= value` (src/import). */
  readonly implicit?: boolean;
}

export interface EnumItem extends ItemBase {
  readonly kind: "enum";
  readonly anonymous: boolean;
  readonly members: readonly EnumMember[];
}

export interface FlagBit {
  readonly name: string;
  readonly bit: number;
  readonly doc: string | undefined;
  readonly loc: SourceLoc | undefined;
}

export interface FlagsItem extends ItemBase {
  readonly kind: "flags";
  readonly bits: readonly FlagBit[];
}

export type ConstantValue =
  | { readonly kind: "int"; readonly value: number }
  | { readonly kind: "char"; readonly char: string; readonly value: number };

export interface ConstantItem extends ItemBase {
  readonly kind: "constant";
  readonly value: ConstantValue;
}

export interface IoctlItem extends ItemBase {
  readonly kind: "ioctl";
  readonly type: { readonly name: string; readonly value: number };
  readonly nr: { readonly name: string; readonly value: number };
  readonly dir: IoctlDir;
  readonly arg: string | undefined;
}

export interface BitField {
  readonly name: string;
  readonly word: number;
  readonly hi: number;
  readonly lo: number;
  readonly doc: string | undefined;
  readonly loc: SourceLoc | undefined;
}

export interface Command {
  readonly name: string;
  readonly opcode: number;
  readonly doc: string | undefined;
  readonly loc: SourceLoc | undefined;
  readonly fields: readonly BitField[];
}

export interface CommandSetItem extends ItemBase {
  readonly kind: "commandSet";
  readonly macroPrefix: string;
  readonly wordType: ScalarName;
  readonly words: number;
  readonly opcode: BitField;
  readonly commands: readonly Command[];
}

export type Item = StructItem | EnumItem | FlagsItem | ConstantItem | IoctlItem | CommandSetItem;
export type ItemKind = Item["kind"];

export interface ModuleIR {
  /** Absolute path of the definitions file. */
  readonly file: string;
  /** Header base name: `iommufd` for `iommufd.h`. */
  readonly name: string;
  readonly doc: string | undefined;
  readonly spdx: string;
  readonly includes: readonly string[];
  readonly loc: SourceLoc | undefined;
  readonly items: readonly Item[];
  /** `c-header` for modules read from an existing C header (src/import); absent for definitions. */
  readonly source?: "c-header";
}

export interface Model {
  readonly modules: readonly ModuleIR[];
  /** Every item by C name, across modules. */
  readonly items: ReadonlyMap<string, Item>;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) freezeTree(value);
  return value;
}

/**
 * Freezes `obj` and what it holds; primitives are skipped before the call (most values are).
 * `for...in` rather than `Object.values`: the IR is plain objects (no inherited enumerable
 * keys), and it walks them without an array per object.
 */
function freezeTree(obj: object): void {
  Object.freeze(obj);
  if (Array.isArray(obj)) {
    for (let i = 0; i < obj.length; i++) {
      const v: unknown = obj[i];
      if (v && typeof v === "object" && !Object.isFrozen(v)) freezeTree(v);
    }
    return;
  }
  for (const key in obj) {
    const v: unknown = (obj as Record<string, unknown>)[key];
    if (v && typeof v === "object" && !Object.isFrozen(v)) freezeTree(v);
  }
}
