/**
 * The definitions language. A definitions module (`uapi-defs/*.ts`) imports these builders
 * and declares, as `export const NAME = builder({...})`, everything a uAPI header holds; the
 * exported constant's name is the C name. Modules are never executed: the loader reads them
 * with the TypeScript parser and evaluates this declarative subset itself, so every item
 * keeps its exact source position. The builders therefore only tag their argument; the types
 * are what an editor and `tsc` check as the author types.
 */
import type { KernelScalarName, ScalarName } from "../abi/kernel-types.js";
import type { IoctlDir } from "../abi/ioctl-families.js";

export type { IoctlDir, KernelScalarName, ScalarName };

export const DSL_TAG = "__uapiDsl";

interface Tagged<K extends string, S> {
  readonly [DSL_TAG]: K;
  readonly spec: S;
}

export type Direction = "in" | "out" | "inout";

export interface HeaderSpec {
  /** Base name of the C header: `iommufd` gives `iommufd.h`. */
  readonly name: string;
  readonly doc?: string;
  /** SPDX licence of the generated header; defaults to the uAPI exception licence. */
  readonly spdx?: string;
  /** Extra headers the generated header includes, e.g. `linux/iommufd.h`. */
  readonly includes?: readonly string[];
  /** The include guard of the generated header (an imported header keeps its own). */
  readonly guard?: string;
  /**
   * The header need not compile as C++ (an imported header that names a member `class`):
   * C++ keywords are then allowed as names.
   */
  readonly cOnly?: boolean;
}

export type ArrayType = Tagged<"array", { readonly element: TypeSpec; readonly length: number }>;
export type AnonymousUnionType = Tagged<"anonUnion", AnonymousUnionSpec>;
export type AnonymousStructType = Tagged<"anonStruct", AnonymousUnionSpec>;
/**
 * A C type that is a different scalar on some ABIs (a typedef of the architecture's headers,
 * such as `__kernel_long_t`): its C name, its scalar, and the ABIs where it is another one.
 */
export type PerAbiType = Tagged<
  "perAbi",
  {
    readonly c: string;
    readonly type: ScalarName;
    readonly byAbi?: Readonly<Record<string, ScalarName>>;
  }
>;
export type TypeSpec =
  | ScalarName
  | ArrayType
  | StructDef
  | UnionDef
  | AnonymousUnionType
  | AnonymousStructType
  | PerAbiType;

/** An integer written as C writes it (`"0xffffffffffffffffULL"`, `"-0x8000000000000000LL"`), for values past 2^53. */
export type CIntValue = Tagged<"cInt", string>;

export interface FieldSpec {
  readonly type: TypeSpec;
  readonly doc?: string;
  /** Who writes the field: the caller (`in`, the default), the kernel (`out`), or both. */
  readonly dir?: Direction;
  /** Reserved or padding: must be zero, and the kernel rejects non-zero. */
  readonly reserved?: boolean;
  /** A user-space pointer carried in a 64-bit integer. */
  readonly userPtr?: boolean;
  /** The set of valid bits of a flags field. */
  readonly flags?: FlagSetDef;
  /** The enum whose values this field holds (a `data_type`, a `type`). */
  readonly values?: EnumDef;
  /** A C bitfield of this many bits (`type` is its declared type; for imported headers). */
  readonly bitWidth?: number;
  /** `__attribute__((aligned(N)))` on the member. */
  readonly align?: number;
  /** `__attribute__((packed))` on the member. */
  readonly packed?: boolean;
  /** An unnamed bitfield (C's `int :3;`, padding): C gives it no name. */
  readonly unnamed?: boolean;
}

export interface AnonymousUnionSpec {
  readonly doc?: string;
  /** The anonymous record's own `packed` and `aligned(N)` (for imported headers). */
  readonly packed?: boolean;
  readonly align?: number;
  readonly members: Readonly<Record<string, FieldSpec | AnonymousUnionType | AnonymousStructType>>;
}

export interface ExtensibleSpec {
  /** The leading `__u32 size` field. */
  readonly size: string;
  /** The last member every caller must pass: the minimum size is its offsetofend. */
  readonly lastMandatory: string;
}

export interface ErrorReportSpec {
  /** Which entry is blamed on failure: the one at the index written back to `count`. */
  readonly blame: "entry-at-count";
  /** What `count` holds on return: the number of entries handled. */
  readonly count: "handled";
}

export interface ArrayDescriptorSpec {
  readonly pointer: string;
  readonly entryLen: string;
  readonly count: string;
  /** The field that selects the entry struct, and the entry struct per enum member. */
  readonly selector?: string;
  readonly entries?: Readonly<Record<string, StructDef>>;
  readonly onError?: ErrorReportSpec;
  readonly doc?: string;
}

export interface StructSpec {
  readonly doc?: string;
  readonly fields: Readonly<Record<string, FieldSpec | AnonymousUnionType | AnonymousStructType>>;
  readonly extensible?: ExtensibleSpec;
  readonly arrays?: readonly ArrayDescriptorSpec[];
  /** The struct is a hardware format (its words have a fixed byte order). */
  readonly hardware?: boolean;
  /** `__attribute__((packed))` (for imported headers; a new uAPI needs none). */
  readonly packed?: boolean;
  /** `__attribute__((aligned(N)))` on the record. */
  readonly align?: number;
  /** `#pragma pack(N)` around the record. */
  readonly maxFieldAlign?: number;
  /** C names the record by a typedef of an untagged record (`typedef struct {...} name;`). */
  readonly typedef?: boolean;
  /** Declared by this C header (`"linux/socket.h"`): generated headers include it instead. */
  readonly header?: string;
  /** The record as some ABIs declare it differently (a header's `#if` per architecture). */
  readonly variants?: readonly VariantSpec[];
  /** Declared only on these ABIs. */
  readonly abis?: readonly string[];
  /** On these ABIs a header the generated one includes declares the record instead. */
  readonly elsewhere?: readonly string[];
}

export interface VariantSpec {
  readonly abis: readonly string[];
  readonly fields: Readonly<Record<string, FieldSpec | AnonymousUnionType | AnonymousStructType>>;
  readonly packed?: boolean;
  readonly align?: number;
  readonly maxFieldAlign?: number;
  /** C names the record by a typedef on these ABIs (or not, with `false`), unlike the struct's `typedef`. */
  readonly typedef?: boolean;
}

export interface EnumMemberSpec {
  readonly value: number | CIntValue;
  readonly doc?: string;
  /** The value on ABIs where the header's compilers compute another (an ioctl number). */
  readonly byAbi?: Readonly<Record<string, number | CIntValue>>;
}

export interface EnumSpec {
  readonly doc?: string;
  /** Declared only on these ABIs (a header's `#if` per architecture). */
  readonly abis?: readonly string[];
  /** An anonymous C enum (`enum { ... };`); the constant's name only labels it. */
  readonly anonymous?: boolean;
  readonly members: Readonly<Record<string, EnumMemberSpec | number>>;
}

export interface FlagSetSpec {
  readonly doc?: string;
  readonly bits: Readonly<Record<string, { readonly bit: number; readonly doc?: string } | number>>;
}

export type CharValue = Tagged<"char", string>;

export interface ConstantSpec {
  readonly doc?: string;
  /** Declared only on these ABIs (a header's `#if` per architecture). */
  readonly abis?: readonly string[];
  /** The value; or `text` for a macro that is no integer (a string, a type, an attribute). */
  readonly value?: number | CharValue | CIntValue;
  readonly text?: string;
  /**
   * The C expression, for a value that differs between ABIs (`sizeof(struct foo)`): the
   * generated header writes it so each compiler computes it; `byAbi` holds those values.
   */
  readonly c?: string;
  readonly byAbi?: Readonly<Record<string, number | CIntValue>>;
}

export interface IoctlSpec {
  readonly doc?: string;
  /** Declared only on these ABIs (a header's `#if` per architecture). */
  readonly abis?: readonly string[];
  /** The type character constant, e.g. `IOMMUFD_TYPE`. */
  readonly type: ConstantDef;
  /** The command number: a member of an enum, or a constant, by name. */
  readonly nr: string;
  readonly dir: IoctlDir;
  /** The argument struct. For `_IO` ioctls it is passed by pointer without encoding its size. */
  readonly arg?: StructDef;
  /** A non-record argument whose size the number encodes (`"__u32"`, `array("__u8", 16)`). */
  readonly argType?: TypeSpec;
}

/** Bits [hi:lo] of word `word` of a hardware format. */
export type BitsSpec = Tagged<"bits", { word: number; hi: number; lo: number; doc?: string }>;

export interface CommandSpec {
  readonly opcode: number;
  readonly doc?: string;
  readonly fields?: Readonly<Record<string, BitsSpec>>;
}

export interface CommandSetSpec {
  readonly doc?: string;
  /** Prefix of the generated mask/shift macros, e.g. `SMMUV3_CMDQ`. */
  readonly macroPrefix: string;
  readonly wordType: "__le32" | "__le64" | "__be32" | "__be64";
  readonly words: number;
  /** The opcode field, shared by every command. */
  readonly opcode: BitsSpec;
  readonly commands: Readonly<Record<string, CommandSpec>>;
}

export type HeaderDef = Tagged<"header", HeaderSpec>;
export type StructDef = Tagged<"struct", StructSpec>;
export type UnionDef = Tagged<"union", StructSpec>;
export type EnumDef = Tagged<"enum", EnumSpec>;
export type FlagSetDef = Tagged<"flags", FlagSetSpec>;
export type ConstantDef = Tagged<"constant", ConstantSpec>;
export type IoctlDef = Tagged<"ioctl", IoctlSpec>;
export type CommandSetDef = Tagged<"commandSet", CommandSetSpec>;

const tag =
  <K extends string>(kind: K) =>
  <S>(spec: S): Tagged<K, S> =>
    ({ [DSL_TAG]: kind, spec }) as Tagged<K, S>;

export const header: (spec: HeaderSpec) => HeaderDef = tag("header");
export const struct: (spec: StructSpec) => StructDef = tag("struct");
export const union: (spec: StructSpec) => UnionDef = tag("union");
export const anonymousUnion: (spec: AnonymousUnionSpec) => AnonymousUnionType = tag("anonUnion");
export const anonymousStruct: (spec: AnonymousUnionSpec) => AnonymousStructType = tag("anonStruct");
export const enumeration: (spec: EnumSpec) => EnumDef = tag("enum");
export const flagSet: (spec: FlagSetSpec) => FlagSetDef = tag("flags");
export const constant: (spec: ConstantSpec) => ConstantDef = tag("constant");
export const ioctl: (spec: IoctlSpec) => IoctlDef = tag("ioctl");
export const commandSet: (spec: CommandSetSpec) => CommandSetDef = tag("commandSet");

export function array(element: TypeSpec, length: number): ArrayType {
  return tag("array")({ element, length });
}

export function char(c: string): CharValue {
  return tag("char")(c);
}

export function cInt(text: string): CIntValue {
  return tag("cInt")(text);
}

export function perAbi(
  c: string,
  type: ScalarName,
  byAbi?: Readonly<Record<string, ScalarName>>,
): PerAbiType {
  return tag("perAbi")(byAbi ? { c, type, byAbi } : { c, type });
}

export function bits(word: number, hi: number, lo: number, doc?: string): BitsSpec {
  return tag("bits")(doc === undefined ? { word, hi, lo } : { word, hi, lo, doc });
}

/** The builders the loader evaluates, by exported name. */
export const DSL_FUNCTIONS = {
  header,
  struct,
  union,
  anonymousUnion,
  anonymousStruct,
  enumeration,
  flagSet,
  constant,
  ioctl,
  commandSet,
  array,
  char,
  cInt,
  perAbi,
  bits,
} as const;
