/** How each kind of field type is spelled in C, one entry per kind. */
import type { Field, Model, TypeKind, TypeRef } from "../../src/model/ir.js";
import type { Printer } from "./printer.js";

type FieldPrinter<K extends TypeKind> = (
  out: Printer,
  type: Extract<TypeRef, { kind: K }>,
  field: Field,
  model: Model,
) => void;

type Declarator<K extends TypeKind> = (
  type: Extract<TypeRef, { kind: K }>,
  name: string,
  model: Model,
  cType: string | undefined,
) => string;

const DECLARATORS: { [K in TypeKind]: Declarator<K> } = {
  // A scalar that differs per ABI is written as the header's own typedef name.
  scalar: (type, name, _model, cType) => {
    const spelled = type.byAbi && cType ? cType : type.name;
    return spelled.endsWith("*") ? `${spelled}${name}` : `${spelled} ${name}`;
  },
  array: (type, name, model, cType) =>
    cDeclarator(type.element, `${name}[${type.length}]`, model, cType),
  named: (type, name, model) => {
    const item = model.items.get(type.name);
    // A record C names by a typedef is spelled by that name alone.
    const typedef = item && (item.kind === "struct" || item.kind === "union") && item.typedef;
    return typedef ? `${type.name} ${name}` : `${item?.kind ?? "struct"} ${type.name} ${name}`;
  },
  anonUnion: () => {
    throw new Error("an anonymous member record has no single-line declarator");
  },
};

/** A C declarator (`__aligned_le64 cmd[2]`) for a type that is not an anonymous aggregate. */
export function cDeclarator(type: TypeRef, name: string, model: Model, cType?: string): string {
  return (DECLARATORS[type.kind] as Declarator<TypeKind>)(type as never, name, model, cType);
}

/** `: width` of a bitfield and the member attributes, after the declarator. */
function memberSuffix(f: Field): string {
  const attrs = [
    ...(f.packed ? ["packed"] : []),
    ...(f.align !== undefined ? [`aligned(${f.align})`] : []),
  ];
  return `${f.bitWidth !== undefined ? ` : ${f.bitWidth}` : ""}${attrs.length ? ` __attribute__((${attrs.join(", ")}))` : ""}`;
}

/** An unnamed bitfield or anonymous member has no name in C. */
function cName(f: Field): string {
  return f.name.startsWith("(") ? "" : f.name;
}

const FIELD_PRINTERS: { [K in TypeKind]: FieldPrinter<K> } = {
  scalar: (out, type, f, model) =>
    out.line(`${cDeclarator(type, cName(f), model, f.cType).trimEnd()}${memberSuffix(f)};`),
  array: (out, type, f, model) =>
    out.line(`${cDeclarator(type, f.name, model, f.cType)}${memberSuffix(f)};`),
  named: (out, type, f, model) =>
    out.line(`${cDeclarator(type, f.name, model)}${memberSuffix(f)};`),
  anonUnion: (out, type, f, model) => {
    const own = [
      ...(type.packed ? ["packed"] : []),
      ...(type.align !== undefined ? [`aligned(${type.align})`] : []),
    ];
    out.block(
      `${type.struct ? "struct" : "union"} {`,
      () => printFields(out, type.members, model),
      `}${own.length ? ` __attribute__((${own.join(", ")}))` : ""}${memberSuffix(f)};`,
    );
  },
};

export function printFields(out: Printer, fields: readonly Field[], model: Model): void {
  for (const f of fields)
    (FIELD_PRINTERS[f.type.kind] as FieldPrinter<TypeKind>)(out, f.type as never, f, model);
}

/** Every C member path of a struct's fields: anonymous union members are direct members. */
export function memberFields(fields: readonly Field[]): Field[] {
  return fields.flatMap((f) => (f.type.kind === "anonUnion" ? memberFields(f.type.members) : [f]));
}
