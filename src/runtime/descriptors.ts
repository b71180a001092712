/**
 * Descriptors that generated TypeScript hands to the runtime: the same shapes the layout
 * engine reads, with named types carrying the descriptor they refer to.
 */
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

export interface FieldDesc {
  readonly name: string;
  readonly type: TypeDesc;
  /** Layout attributes of a member read from a C header (see Field in src/model/ir.ts). */
  readonly bitWidth?: number;
  readonly align?: number;
  readonly packed?: boolean;
}

export interface StructDesc {
  readonly name: string;
  readonly kind: "struct" | "union";
  readonly fields: readonly FieldDesc[];
  readonly packed?: boolean;
  readonly align?: number;
  readonly maxFieldAlign?: number;
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
export const field = (
  name: string,
  type: TypeDesc,
  attrs?: Pick<FieldDesc, "bitWidth" | "align" | "packed">,
): FieldDesc => ({ name, type, ...attrs });
