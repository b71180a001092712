/**
 * Descriptors that generated TypeScript hands to the runtime: the same shapes the layout
 * engine reads, with named types carrying the descriptor they refer to.
 */
import type { ScalarName } from "../abi/kernel-types.js";

export type TypeDesc =
  | { readonly kind: "scalar"; readonly name: ScalarName }
  | { readonly kind: "array"; readonly element: TypeDesc; readonly length: number }
  | { readonly kind: "named"; readonly name: string; readonly struct: StructDesc }
  | { readonly kind: "anonUnion"; readonly members: readonly FieldDesc[] };

export interface FieldDesc {
  readonly name: string;
  readonly type: TypeDesc;
}

export interface StructDesc {
  readonly name: string;
  readonly kind: "struct" | "union";
  readonly fields: readonly FieldDesc[];
}

/** Constructors the generated code uses, so it stays one line per field. */
export const scalar = (name: ScalarName): TypeDesc => ({ kind: "scalar", name });
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
export const anonUnion = (members: readonly FieldDesc[]): TypeDesc => ({
  kind: "anonUnion",
  members,
});
export const field = (name: string, type: TypeDesc): FieldDesc => ({ name, type });
