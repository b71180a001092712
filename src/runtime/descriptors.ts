/**
 * Descriptors that generated TypeScript hands to the runtime: the same shapes the layout
 * engine reads, with named types carrying the descriptor they refer to.
 */
import type { Abi } from "../abi/abis.js";
import type { ScalarName } from "../abi/kernel-types.js";

export type TypeDesc =
  | {
      readonly kind: "scalar";
      readonly name: ScalarName;
      /** The scalar on ABIs where the C type is another (a header's `__kernel_long_t`). */
      readonly byAbi?: Readonly<Record<string, ScalarName>>;
    }
  | { readonly kind: "array"; readonly element: TypeDesc; readonly length: number }
  | { readonly kind: "named"; readonly name: string; readonly struct: StructDesc }
  | {
      readonly kind: "anonUnion";
      readonly members: readonly FieldDesc[];
      readonly struct?: true;
      readonly packed?: true;
      readonly align?: number;
    };

/** A flag set or an enum as generated: names to values (bits for flags). */
export interface ValueSet {
  readonly name: string;
  readonly values: { readonly [member: string]: number | bigint };
}

/** What a field's value must satisfy, checked on encode and decode (validate.ts). */
export interface FieldRules {
  /** Must be zero (every element of an array). */
  readonly reserved?: boolean;
  /** Only these bits may be set. */
  readonly flags?: ValueSet;
  /** Must be one of these values. */
  readonly values?: ValueSet;
}

export interface FieldDesc extends FieldRules {
  readonly name: string;
  readonly type: TypeDesc;
  /** Layout attributes of a member read from a C header (see Field in src/model/ir.ts). */
  readonly bitWidth?: number;
  readonly align?: number;
  readonly packed?: boolean;
}

/**
 * A pointer to an array of entries, described by sibling fields: `pointer` holds the user
 * address, `entryLen` the size of one entry, `count` how many, and `selector` which entry
 * struct they are (its value keys `entries`). Entries are a thunk: the entry codecs may be
 * declared after the struct that points at them.
 */
export interface ArrayDesc {
  readonly pointer: string;
  readonly entryLen: string;
  readonly count: string;
  readonly selector?: string;
  readonly entries: () => readonly (readonly [selector: number, codec: EntryCodec])[];
}

/** The entry codecs an array descriptor names (StructCodec, without a cycle of imports). */
export interface EntryCodec {
  readonly desc: StructDesc;
  size(abi: string | Abi): number;
}

export interface StructDesc {
  readonly name: string;
  readonly kind: "struct" | "union";
  readonly fields: readonly FieldDesc[];
  readonly packed?: boolean;
  readonly align?: number;
  readonly maxFieldAlign?: number;
  /** The field that holds sizeof(struct), for structs that grow at the end. */
  readonly extensible?: { readonly size: string };
  readonly arrays?: readonly ArrayDesc[];
}

/** Constructors the generated code uses, so it stays one line per field. */
export const scalar = (name: ScalarName, byAbi?: Readonly<Record<string, ScalarName>>): TypeDesc =>
  byAbi ? { kind: "scalar", name, byAbi } : { kind: "scalar", name };
export const array = (element: TypeDesc, length: number): TypeDesc => ({
  kind: "array",
  element,
  length,
});
export const named = (codec: { readonly desc: StructDesc }): TypeDesc => ({
  kind: "named",
  name: codec.desc.name,
  struct: codec.desc,
});
export const anonUnion = (
  members: readonly FieldDesc[],
  struct?: true,
  attrs?: { readonly packed?: true; readonly align?: number },
): TypeDesc => ({ kind: "anonUnion", members, ...(struct ? { struct } : {}), ...attrs });
/** `extra`: the field's rules, and the layout attributes of a member read from a C header. */
export const field = (
  name: string,
  type: TypeDesc,
  extra: FieldRules & Pick<FieldDesc, "bitWidth" | "align" | "packed"> = {},
): FieldDesc => ({ name, type, ...extra });
