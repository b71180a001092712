/**
 * Big items written in prettier's layout directly. prettier's cost grows with the text it
 * formats (a struct of 10,000 fields spent 2 of its 3.3 s there), yet a big enum or plain
 * struct has one layout only: a member per line, two spaces in, JSDoc re-indented with
 * it. These are written so; everything else still goes through prettier. A test checks that
 * prettier leaves this output as it is.
 *
 * `undefined` means "not one of the simple shapes, or a line that prettier would break":
 * the item is then formatted by prettier like the others.
 */
import type { Field, Item, ItemKind } from "../../src/model/ir.js";
import { hex } from "../shared/printer.js";
import { jsdoc } from "./jsdoc.js";
import { spellField, spellProperties } from "./types.js";

const WIDTH = 100;
/** Items with fewer members or fields than this are left to prettier (it costs them little). */
export const FAST_MIN_MEMBERS = 64;

const num = (n: number): string => (n < 0 ? String(n) : hex(n));

/** A JSDoc block (as `jsdoc` writes it at column 0) moved `indent` to the right, as prettier does. */
function indented(comment: string, indent: string): string {
  if (!comment) return "";
  return comment
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => `${indent}${l}`)
    .join("\n")
    .concat("\n");
}

const fits = (line: string) => line.length <= WIDTH;

/** `export const NAME = {` ... `}` with one `key: value,` line per member. */
function objectLines(members: readonly { doc: string | undefined; line: string }[]): string {
  return members.map((m) => `${indented(jsdoc(m.doc), "  ")}  ${m.line}`).join("\n");
}

function enumText(item: Extract<Item, { kind: "enum" }>): string | undefined {
  const name = item.name;
  let type = `export type ${name} = (typeof ${name})[keyof typeof ${name}];`;
  if (!fits(type)) {
    const second = `  (typeof ${name})[keyof typeof ${name}];`;
    if (!fits(second)) return undefined;
    type = `export type ${name} =\n${second}`;
  }
  const head = `export const ${name} = {`;
  if (!fits(head)) return undefined;
  const body = objectLines(
    item.members.map((m) => ({ doc: m.doc, line: `${m.name}: ${num(m.value)},` })),
  );
  return `${jsdoc(item.doc)}${head}\n${body}\n} as const;\n${type}\n`;
}

/** Interface properties: JSDoc, then `name?: type;`, two spaces in. */
function interfaceBody(fields: readonly Field[], union: boolean): string | undefined {
  const props = fields.flatMap((f) => spellProperties(f, union));
  if (!props.length) return undefined;
  // spellProperties writes the JSDoc at column 0 followed by the property on its last line.
  return props
    .map((p) => {
      const nl = p.lastIndexOf("\n");
      const comment = nl >= 0 ? p.slice(0, nl + 1) : "";
      return `${indented(comment, "  ")}  ${p.slice(nl + 1)}`;
    })
    .join("\n");
}

function structText(item: Extract<Item, { kind: "struct" | "union" }>): string | undefined {
  // Only the plain shape: no extensible size, no array descriptors.
  if (item.extensible || item.arrays.length) return undefined;
  const props = interfaceBody(item.fields, item.kind === "union");
  const head = `export const ${item.name} = defineStruct<${item.name}>({`;
  if (props === undefined || !fits(head) || !fits(`export interface ${item.name} {`))
    return undefined;
  const elements = item.fields.map(spellField);
  const oneLine = `  fields: [${elements.join(", ")}],`;
  let fields: string;
  if (fits(oneLine)) fields = oneLine;
  else {
    const lines = elements.map((e) => `    ${e},`);
    if (!lines.every(fits)) return undefined;
    fields = `  fields: [\n${lines.join("\n")}\n  ],`;
  }
  const doc = jsdoc(item.doc);
  return (
    `${doc}export interface ${item.name} {\n${props}\n}\n` +
    `${doc}${head}\n  name: ${JSON.stringify(item.name)},\n  kind: ${JSON.stringify(item.kind)},\n${fields}\n});\n`
  );
}

type Fast = (item: Item) => string | undefined;
type StructLike = Extract<Item, { kind: "struct" | "union" }>;
const none: Fast = () => undefined;
const struct: Fast = (item) =>
  (item as StructLike).fields.length >= FAST_MIN_MEMBERS
    ? structText(item as StructLike)
    : undefined;

/** Per kind: the shapes written directly (the others are small, or varied: prettier's). */
const FAST: { readonly [K in ItemKind]: Fast } = {
  enum: (item) => {
    const e = item as Extract<Item, { kind: "enum" }>;
    return e.members.length >= FAST_MIN_MEMBERS ? enumText(e) : undefined;
  },
  struct,
  union: struct,
  flags: none,
  constant: none,
  ioctl: none,
  commandSet: none,
};

/** The item in prettier's layout, when it is big and of a simple shape; otherwise undefined. */
export function fastText(item: Item): string | undefined {
  return FAST[item.kind](item);
}
