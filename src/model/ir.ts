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
  | ScalarType
  | { readonly kind: "array"; readonly element: TypeRef; readonly length: number }
  | { readonly kind: "named"; readonly name: string }
  | AnonymousRecordType;

/**
 * A scalar. `byAbi` is set for a C type that is a different scalar on some ABIs: a typedef of
 * the architecture's own headers (`__kernel_long_t` is `long` everywhere but `long long` on
 * x32; `__kernel_mode_t` is `unsigned short` on m68k). Those ABIs read `byAbi[abi]`, the
 * others `name`; the field's `cType` keeps the C spelling.
 */
export interface ScalarType {
  readonly kind: "scalar";
  readonly name: ScalarName;
  readonly byAbi?: Readonly<Record<string, ScalarName>>;
}

/**
 * An anonymous member record (C11): its members are members of the enclosing record. A union
 * (all members at its start), or a struct when `struct` is set (members one after another).
 */
export interface AnonymousRecordType {
  readonly kind: "anonUnion";
  readonly members: readonly Field[];
  readonly struct?: true;
  /** The record's own `packed` and `aligned(N)` (`union {...} __attribute__((aligned(8)))`). */
  readonly packed?: true;
  readonly align?: number;
}

/** The scalar a scalar type is on one ABI. */
export function scalarOn(t: ScalarType, abi: string): ScalarName {
  return t.byAbi?.[abi] ?? t.name;
}

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
  /**
   * A C bitfield of this many bits; `type` is its declared type. Laid out at bit granularity
   * by the engine (src/layout), per ABI.
   */
  readonly bitWidth?: number;
  /** `__attribute__((aligned(N)))` or `_Alignas(N)` on the member: at least N bytes. */
  readonly align?: number;
  /** `__attribute__((packed))` on the member: alignment 1 (before `align`). */
  readonly packed?: boolean;
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
  /** Read from a C header that declares it only on these ABIs (absent: on every ABI). */
  readonly abis?: readonly string[];
}

/**
 * A record's declaration on some ABIs when it differs from the item's own (a C header that
 * writes `#if defined(__LITTLE_ENDIAN_BITFIELD)` or includes an architecture's `asm/`
 * struct). The layout engine lays each ABI out with its variant; rules read the item's own.
 */
export interface StructVariant {
  readonly abis: readonly string[];
  readonly fields: readonly Field[];
  readonly packed?: boolean;
  readonly align?: number;
  readonly maxFieldAlign?: number;
  /**
   * How C names the record on these ABIs when that differs from the item's `typedef`: s390x
   * declares `typedef struct {...} user_pt_regs;` where arm64 declares `struct user_pt_regs`.
   */
  readonly typedef?: boolean;
}

export interface StructItem extends ItemBase {
  readonly kind: "struct" | "union";
  readonly fields: readonly Field[];
  readonly extensible: { readonly size: string; readonly lastMandatory: string } | undefined;
  readonly arrays: readonly ArrayDescriptor[];
  readonly hardware: boolean;
  /**
   * Set only for structs read from a C header (src/import) whose layout the engine cannot
   * model: why. Layout rules say so instead of judging them.
   */
  readonly unmodelledLayout?: string;
  /** `__attribute__((packed))`: every member aligned to 1 byte (unless it says otherwise). */
  readonly packed?: boolean;
  /** `__attribute__((aligned(N)))` on the record: at least N bytes. */
  readonly align?: number;
  /** `#pragma pack(N)`: no member aligned to more than N bytes. */
  readonly maxFieldAlign?: number;
  /** The record as other ABIs declare it, when they differ (see StructVariant). */
  readonly variants?: readonly StructVariant[];
  /** A C header names it by a typedef of an untagged record (`typedef struct {...} name;`). */
  readonly typedef?: true;
  /**
   * Declared by this C header (`linux/socket.h`): a definitions module that uses a record of
   * another header keeps its declaration for the layouts, and a generated header includes
   * that header instead of declaring the record again.
   */
  readonly header?: string;
  /**
   * ABIs on which another header the generated one includes declares the record instead
   * (sparc64's asm/posix_types.h declares `struct __kernel_old_timeval`, which
   * linux/time_types.h declares on the others). It exists there all the same, with its
   * layout (a variant where it differs); the generated header leaves it to that header.
   */
  readonly elsewhere?: readonly string[];
}

export interface EnumMember {
  readonly name: string;
  /** The value; when it is not a safe integer, the nearest number (exact in `big`). */
  readonly value: number;
  /** The exact value when it is not a safe integer (`1ULL << 63`). */
  readonly big?: bigint;
  /** Read from a C header whose value differs on these ABIs: the exact value there. */
  readonly byAbi?: Readonly<Record<string, bigint>>;
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
  | IntConstant
  | { readonly kind: "char"; readonly char: string; readonly value: number }
  /** A macro that is no integer constant expression (a string, a type, an attribute): its text. */
  | { readonly kind: "text"; readonly text: string };

export interface IntConstant {
  readonly kind: "int";
  /** The value; when it is not a safe integer, the nearest number (exact in `big`). */
  readonly value: number;
  readonly big?: bigint;
  /** The C type holds it unsigned (`1U << 3`): kept so a generated header says `U` too. */
  readonly unsigned?: boolean;
  /** Width of its C type in bytes when it is not `int`'s (8 for `1ULL << 40`). */
  readonly size?: number;
  /** Read from a C header whose value differs on these ABIs: the exact value there. */
  readonly byAbi?: Readonly<Record<string, bigint>>;
  /**
   * The C expression as the header wrote it, for a value that differs between ABIs
   * (`sizeof(struct can_frame)`): a generated header writes it, so each compiler computes it.
   */
  readonly c?: string;
}

export interface ConstantItem extends ItemBase {
  readonly kind: "constant";
  readonly value: ConstantValue;
}

export interface IoctlItem extends ItemBase {
  readonly kind: "ioctl";
  readonly type: { readonly name: string; readonly value: number };
  readonly nr: { readonly name: string; readonly value: number };
  readonly dir: IoctlDir;
  /** The struct or union whose size the number encodes. */
  readonly arg: string | undefined;
  /** A non-record argument type (`int`, `__u64`, `char[16]`) when `arg` is not set. */
  readonly argType?: TypeRef;
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
  /** For a module read from a C header: the name C includes it by (`linux/socket.h`). */
  readonly cInclude?: string;
  /**
   * The include guard a generated header uses (default `_UAPI_<NAME>_H`). An imported header
   * keeps the original's, so the generated one stands in for it where other headers include it.
   */
  readonly guard?: string;
}

export interface Model {
  readonly modules: readonly ModuleIR[];
  /** Every item by C name, across modules. */
  readonly items: ReadonlyMap<string, Item>;
}

/** An enum member's or integer constant's exact value. */
export function exactValue(v: { readonly value: number; readonly big?: bigint }): bigint {
  return v.big ?? BigInt(v.value);
}

/** The value on one ABI (a C header's value may differ per ABI). */
export function valueOn(
  v: {
    readonly value: number;
    readonly big?: bigint;
    readonly byAbi?: Readonly<Record<string, bigint>>;
  },
  abi: string,
): bigint {
  return v.byAbi?.[abi] ?? exactValue(v);
}

/** An exact value as the IR stores it: `value` and, when it is not a safe integer, `big`. */
export function storedValue(v: bigint): { value: number; big?: bigint } {
  const n = Number(v);
  return Number.isSafeInteger(n) ? { value: n } : { value: n, big: v };
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
