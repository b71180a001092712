/**
 * Codecs for the round trip, built from the IR with the same runtime (`defineStruct`) the
 * generated out/ts modules use; test/conform checks that the generated descriptors are the
 * ones built here, so the round trip speaks for the shipped TypeScript too.
 */
import type { Field, Model, StructItem, TypeRef } from "../../model/ir.js";
import { defineStruct, type StructCodec } from "../../runtime/codec.js";
import type { FieldDesc, StructDesc, TypeDesc } from "../../runtime/descriptors.js";

export function structDesc(
  item: StructItem,
  model: Model,
  memo = new Map<string, StructDesc>(),
): StructDesc {
  const known = memo.get(item.name);
  if (known) return known;
  const typeDesc = (t: TypeRef): TypeDesc => {
    if (t.kind === "scalar") return { kind: "scalar", name: t.name };
    if (t.kind === "array")
      return { kind: "array", element: typeDesc(t.element), length: t.length };
    if (t.kind === "anonUnion") return { kind: "anonUnion", members: t.members.map(fieldDesc) };
    const target = model.items.get(t.name);
    if (!target || (target.kind !== "struct" && target.kind !== "union"))
      throw new Error(`codec: unknown struct ${t.name}`);
    return { kind: "named", name: t.name, struct: structDesc(target, model, memo) };
  };
  const fieldDesc = (f: Field): FieldDesc => ({ name: f.name, type: typeDesc(f.type) });
  const desc: StructDesc = { name: item.name, kind: item.kind, fields: item.fields.map(fieldDesc) };
  memo.set(item.name, desc);
  return desc;
}

export function codecOf(item: StructItem, model: Model): StructCodec<Record<string, unknown>> {
  return defineStruct<Record<string, unknown>>(structDesc(item, model));
}
