/** TypeScript spellings of field types and runtime descriptors, one entry per type kind. */
import { isBigScalar } from "../../src/runtime/scalar-io.js";
import { jsdoc } from "./jsdoc.js";
import type { Field, TypeKind, TypeRef } from "../../src/model/ir.js";

interface KindSpelling<K extends TypeKind> {
  /**
   * Interface properties for a field of this kind. An anonymous union contributes its members,
   * optional because a caller gives one of them (decoding fills them all).
   */
  properties(type: Extract<TypeRef, { kind: K }>, field: Field, optional: boolean): string[];
  /** The value type, for kinds that have one. */
  valueType(type: Extract<TypeRef, { kind: K }>): string;
  /** The runtime descriptor expression. */
  descriptor(type: Extract<TypeRef, { kind: K }>): string;
  /** Struct names the type refers to, for imports across modules. */
  refs(type: Extract<TypeRef, { kind: K }>): string[];
}

const SPELLINGS: { [K in TypeKind]: KindSpelling<K> } = {
  scalar: {
    properties: (t, f, optional) => [property(f, spellValue(t), optional)],
    valueType: (t) => (isBigScalar(t.name) ? "bigint" : "number"),
    descriptor: (t) =>
      `scalar(${JSON.stringify(t.name)}${t.byAbi ? `, ${JSON.stringify(t.byAbi)}` : ""})`,
    refs: () => [],
  },
  array: {
    properties: (t, f, optional) => [property(f, spellValue(t), optional)],
    valueType: (t) => `${spellValue(t.element)}[]`,
    descriptor: (t) => `array(${spellDescriptor(t.element)}, ${t.length})`,
    refs: (t) => referencedStructs(t.element),
  },
  named: {
    properties: (t, f, optional) => [property(f, spellValue(t), optional)],
    valueType: (t) => t.name,
    descriptor: (t) => `named(${t.name})`,
    refs: (t) => [t.name],
  },
  anonUnion: {
    properties: (t) => t.members.flatMap((m) => spellProperties(m, true)),
    valueType: () => {
      throw new Error("an anonymous union has no value type of its own");
    },
    descriptor: (t) => {
      const attrs = {
        ...(t.packed ? { packed: true } : {}),
        ...(t.align ? { align: t.align } : {}),
      };
      const extra = Object.keys(attrs).length
        ? `, ${t.struct ? "true" : "undefined"}, ${JSON.stringify(attrs)}`
        : t.struct
          ? ", true"
          : "";
      return `anonUnion([${t.members.map(spellField).join(", ")}]${extra})`;
    },
    refs: (t) => t.members.flatMap((m) => referencedStructs(m.type)),
  },
};

function spelling(type: TypeRef): KindSpelling<TypeKind> {
  return SPELLINGS[type.kind] as KindSpelling<TypeKind>;
}

function property(f: Field, type: string, optional: boolean): string {
  return `${jsdoc(f.doc)}${f.name}${optional ? "?" : ""}: ${type};`;
}

export const spellValue = (t: TypeRef): string => spelling(t).valueType(t as never);
export const spellDescriptor = (t: TypeRef): string => spelling(t).descriptor(t as never);
export const spellProperties = (f: Field, optional = false): string[] =>
  spelling(f.type).properties(f.type as never, f, optional);
export const spellField = (f: Field): string => {
  const extras = [
    ...(f.reserved ? ["reserved: true"] : []),
    ...(f.flags ? [`flags: ${valueSet(f.flags)}`] : []),
    ...(f.values ? [`values: ${valueSet(f.values)}`] : []),
    // Layout attributes of a member read from a C header.
    ...(f.bitWidth !== undefined ? [`bitWidth: ${f.bitWidth}`] : []),
    ...(f.align !== undefined ? [`align: ${f.align}`] : []),
    ...(f.packed ? ["packed: true"] : []),
  ];
  const extra = extras.length ? `, { ${extras.join(", ")} }` : "";
  return `field(${JSON.stringify(f.name)}, ${spellDescriptor(f.type)}${extra})`;
};

/**
 * A flag set or enum for the runtime's checks. A getter, because the object may be declared
 * after the struct (or in a module imported after it); the runtime reads it on first use.
 */
const valueSet = (name: string): string =>
  `{ name: ${JSON.stringify(name)}, get values() { return ${name}; } }`;

/** Names of flag sets and enums the fields' rules refer to, for imports across modules. */
export const referencedValueSets = (f: Field): string[] => [
  ...(f.flags ? [f.flags] : []),
  ...(f.values ? [f.values] : []),
  ...(f.type.kind === "anonUnion" ? f.type.members.flatMap(referencedValueSets) : []),
];

export const referencedStructs = (t: TypeRef): string[] => spelling(t).refs(t as never);
