/** How each kind of field type is spelled in C, one entry per kind. */
import type { Field, Model, TypeKind, TypeRef } from "../../src/model/ir.js";
import type { Printer } from "./printer.js";

type FieldPrinter<K extends TypeKind> = (
  out: Printer,
  type: Extract<TypeRef, { kind: K }>,
  name: string,
  model: Model,
) => void;

type Declarator<K extends TypeKind> = (
  type: Extract<TypeRef, { kind: K }>,
  name: string,
  model: Model,
) => string;

const DECLARATORS: { [K in TypeKind]: Declarator<K> } = {
  scalar: (type, name) =>
    type.name.endsWith("*") ? `${type.name}${name}` : `${type.name} ${name}`,
  array: (type, name, model) => cDeclarator(type.element, `${name}[${type.length}]`, model),
  named: (type, name, model) =>
    `${model.items.get(type.name)?.kind ?? "struct"} ${type.name} ${name}`,
  anonUnion: () => {
    throw new Error("an anonymous union has no single-line declarator");
  },
};

/** A C declarator (`__aligned_le64 cmd[2]`) for a type that is not an anonymous aggregate. */
export function cDeclarator(type: TypeRef, name: string, model: Model): string {
  return (DECLARATORS[type.kind] as Declarator<TypeKind>)(type as never, name, model);
}

const FIELD_PRINTERS: { [K in TypeKind]: FieldPrinter<K> } = {
  scalar: (out, type, name, model) => out.line(`${cDeclarator(type, name, model)};`),
  array: (out, type, name, model) => out.line(`${cDeclarator(type, name, model)};`),
  named: (out, type, name, model) => out.line(`${cDeclarator(type, name, model)};`),
  anonUnion: (out, type, _name, model) => {
    out.block("union {", () => printFields(out, type.members, model), "};");
  },
};

export function printFields(out: Printer, fields: readonly Field[], model: Model): void {
  for (const f of fields)
    (FIELD_PRINTERS[f.type.kind] as FieldPrinter<TypeKind>)(out, f.type as never, f.name, model);
}

/** Every C member path of a struct's fields: anonymous union members are direct members. */
export function memberFields(fields: readonly Field[]): Field[] {
  return fields.flatMap((f) => (f.type.kind === "anonUnion" ? memberFields(f.type.members) : [f]));
}
