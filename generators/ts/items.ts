/** How each kind of item is written in the generated TypeScript: one writer per kind. */
import { SCALARS } from "../../src/abi/kernel-types.js";
import type { ArrayDescriptor, Item, ItemKind, Model } from "../../src/model/ir.js";
import { ioctlNumbers } from "../../src/runtime/ioctl.js";
import { ioctlNumber } from "../../src/layout/ioctl-size.js";
import type { Layouts } from "../../src/layout/layouts.js";
import { hex } from "../shared/printer.js";
import { jsdoc } from "./jsdoc.js";
import { referencedValueSets, spellField, spellProperties } from "./types.js";

export interface TsContext {
  readonly model: Model;
  readonly layouts: Layouts;
  /** Runtime names the module uses, collected while writing. */
  readonly runtime: Set<string>;
}

type ItemWriter<T extends Item> = (item: T, ctx: TsContext) => string;

const num = (n: number): string => (n < 0 ? String(n) : hex(n));

type StructLike = Extract<Item, { kind: "struct" | "union" }>;

const writeStruct: ItemWriter<StructLike> = (item, ctx) => {
  ["defineStruct", "field"].forEach((n) => ctx.runtime.add(n));
  for (const n of ["scalar", "array", "named", "anonUnion"]) ctx.runtime.add(n);
  const props = item.fields.flatMap((f) => spellProperties(f, item.kind === "union")).join("\n");
  const extensible = item.extensible
    ? `extensible: { size: ${JSON.stringify(item.extensible.size)} },\n`
    : "";
  const arrays = item.arrays.length
    ? `arrays: [${item.arrays.map((a) => spellArray(item, a)).join(",\n")}],\n`
    : "";
  return (
    `${jsdoc(item.doc)}export interface ${item.name} {\n${props}\n}\n` +
    `${jsdoc(item.doc)}export const ${item.name} = defineStruct<${item.name}>({\n` +
    `name: ${JSON.stringify(item.name)}, kind: ${JSON.stringify(item.kind)},\n` +
    recordAttributes(item) +
    `fields: [${item.fields.map(spellField).join(",\n")}],\n${extensible}${arrays}});\n`
  );
};

/** `packed`, `align` and `maxFieldAlign` of a record read from a C header, when set. */
function recordAttributes(item: Extract<Item, { kind: "struct" | "union" }>): string {
  const attrs = [
    ...(item.packed ? ["packed: true"] : []),
    ...(item.align !== undefined ? [`align: ${item.align}`] : []),
    ...(item.maxFieldAlign !== undefined ? [`maxFieldAlign: ${item.maxFieldAlign}`] : []),
  ];
  return attrs.length ? `${attrs.join(", ")},\n` : "";
}

/**
 * An array descriptor: the fields it ties together, and the entry codec per selector value
 * (a thunk, as the entry structs may be declared later). Without a selector there is one entry
 * struct, under selector value 0.
 */
function spellArray(item: StructLike, a: ArrayDescriptor): string {
  const selectorEnum = item.fields.find((f) => f.name === a.selector)?.values;
  const key = (member: string) => (selectorEnum ? `${selectorEnum}.${member}` : "0");
  const entries = a.entries.map((e) => `[${key(e.member)}, ${e.struct}]`).join(", ");
  const fields = [
    `pointer: ${JSON.stringify(a.pointer)}`,
    `entryLen: ${JSON.stringify(a.entryLen)}`,
    `count: ${JSON.stringify(a.count)}`,
    ...(a.selector ? [`selector: ${JSON.stringify(a.selector)}`] : []),
    `entries: () => [${entries}]`,
  ];
  return `{ ${fields.join(", ")} }`;
}

/** Items a struct's descriptor names besides its fields' types: value sets, entry structs. */
export function structReferences(item: StructLike): string[] {
  return [
    ...item.fields.flatMap(referencedValueSets),
    ...item.arrays.flatMap((a) => [
      ...a.entries.map((e) => e.struct),
      ...(a.selector ? [item.fields.find((f) => f.name === a.selector)?.values ?? ""] : []),
    ]),
  ].filter(Boolean);
}

const writeEnum: ItemWriter<Extract<Item, { kind: "enum" }>> = (item) =>
  `${jsdoc(item.doc)}export const ${item.name} = {\n` +
  item.members.map((m) => `${jsdoc(m.doc)}${m.name}: ${num(m.value)},`).join("\n") +
  `\n} as const;\nexport type ${item.name} = (typeof ${item.name})[keyof typeof ${item.name}];\n`;

const writeFlags: ItemWriter<Extract<Item, { kind: "flags" }>> = (item) =>
  `${jsdoc(item.doc)}export const ${item.name} = {\n` +
  item.bits
    .map(
      (b) => `${jsdoc(b.doc)}${b.name}: ${b.bit < 32 ? hex(2 ** b.bit) : `${hex(2 ** b.bit)}n`},`,
    )
    .join("\n") +
  `\n} as const;\n`;

const writeConstant: ItemWriter<Extract<Item, { kind: "constant" }>> = (item) => {
  const v = item.value;
  const comment = v.kind === "char" ? ` // char ${JSON.stringify(v.char)}` : "";
  const value =
    v.kind === "text"
      ? JSON.stringify(v.text)
      : v.kind === "int" && v.big !== undefined
        ? `${v.big}n`
        : num(v.value);
  return `${jsdoc(item.doc)}export const ${item.name} = ${value};${comment}\n`;
};

const writeIoctl: ItemWriter<Extract<Item, { kind: "ioctl" }>> = (item, ctx) => {
  ctx.runtime.add("defineIoctl");
  const numbers = ioctlNumbers((abi) => ioctlNumber(item, ctx.layouts, abi));
  const entries = Object.entries(numbers)
    .map(([k, v]) => `${k}: ${hex(v)}`)
    .join(", ");
  return (
    `${jsdoc(item.doc)}export const ${item.name} = defineIoctl({\n` +
    `name: ${JSON.stringify(item.name)}, type: ${hex(item.type.value)}, nr: ${hex(item.nr.value)}, dir: ${JSON.stringify(item.dir)},\n` +
    (item.arg ? `arg: ${item.arg},\n` : "") +
    `numbers: { ${entries} },\n});\n`
  );
};

const writeCommandSet: ItemWriter<Extract<Item, { kind: "commandSet" }>> = (item, ctx) => {
  ctx.runtime.add("defineCommandSet");
  const bits = (b: { word: number; hi: number; lo: number }) =>
    `{ word: ${b.word}, hi: ${b.hi}, lo: ${b.lo} }`;
  const commands = item.commands
    .map(
      (c) =>
        `${jsdoc(c.doc)}${c.name}: { opcode: ${hex(c.opcode)}, fields: { ${c.fields.map((f) => `${f.name}: ${bits(f)}`).join(", ")} } },`,
    )
    .join("\n");
  return (
    `${jsdoc(item.doc)}export const ${item.name} = defineCommandSet({\n` +
    `name: ${JSON.stringify(item.name)}, words: ${item.words}, wordBits: ${SCALARS[item.wordType].size! * 8},\n` +
    `opcode: ${bits(item.opcode)},\ncommands: {\n${commands}\n},\n});\n`
  );
};

export const TS_WRITERS: { [K in ItemKind]: ItemWriter<Extract<Item, { kind: K }>> } = {
  struct: writeStruct,
  union: writeStruct,
  enum: writeEnum,
  flags: writeFlags,
  constant: writeConstant,
  ioctl: writeIoctl,
  commandSet: writeCommandSet,
};
