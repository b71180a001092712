/** How each kind of item is printed in a C header: one printer per kind. */
import type { IoctlDir } from "../../src/abi/ioctl-families.js";
import type {
  CommandSetItem,
  ConstantItem,
  EnumItem,
  FlagsItem,
  IoctlItem,
  Item,
  ItemKind,
  Model,
  StructItem,
} from "../../src/model/ir.js";
import { memberFields, printFields } from "../shared/c-types.js";
import { hex, splitSummary, wrap, type Printer } from "../shared/printer.js";
import { printCommandSet } from "./command-set.js";

export type ItemPrinter<T extends Item> = (out: Printer, item: T, model: Model) => void;

const IOCTL_MACROS: Record<IoctlDir, string> = {
  none: "_IO",
  read: "_IOR",
  write: "_IOW",
  readwrite: "_IOWR",
};

function kernelDoc(
  out: Printer,
  title: string,
  doc: string | undefined,
  members: readonly { name: string; doc: string | undefined }[],
): void {
  const { summary, rest } = splitSummary(doc);
  out.comment(
    [
      `${title}${summary ? ` - ${summary}` : ""}`,
      ...members.flatMap((m) => memberLines(m.name, m.doc)),
      "",
      // Line by line, so that lists and indented blocks keep their lines.
      ...(rest ? rest.split("\n") : []),
    ],
    { doc: true },
  );
}

/**
 * `@name: text`; further paragraphs of the description indented after a blank line, which is
 * how kernel-doc continues a member description past a blank line.
 */
function memberLines(name: string, doc: string | undefined): string[] {
  const [first, ...more] = (doc ?? "").split("\n\n");
  return [
    `@${name}: ${first ?? ""}`.trimEnd(),
    ...more.flatMap((p) => ["", ...wrap(p, MEMBER_WIDTH).map((l) => `  ${l}`)]),
  ];
}

/** Columns for a member's further paragraphs: the comment's width less ` * ` and the indent. */
const MEMBER_WIDTH = 80 - 3 - 2;

function printStruct(out: Printer, item: StructItem, model: Model): void {
  kernelDoc(out, `${item.kind} ${item.name}`, item.doc, memberFields(item.fields));
  out.block(`${item.kind} ${item.name} {`, () => printFields(out, item.fields, model), "};");
}

function printEnum(out: Printer, item: EnumItem): void {
  // An anonymous enum gets a plain comment (kernel-doc cannot name it) listing the documented members.
  if (item.anonymous) {
    const documented = item.members.filter((m) => m.doc);
    if (item.doc || documented.length)
      out.comment([item.doc, "", ...documented.flatMap((m) => memberLines(m.name, m.doc))]);
  } else kernelDoc(out, `enum ${item.name}`, item.doc, item.members);
  out.block(
    item.anonymous ? "enum {" : `enum ${item.name} {`,
    () => {
      for (const m of item.members)
        out.line(`${m.name} = ${m.value < 0 ? String(m.value) : hex(m.value)},`);
    },
    "};",
  );
}

function printFlags(out: Printer, item: FlagsItem): void {
  kernelDoc(out, `enum ${item.name}`, item.doc, item.bits);
  out.block(
    `enum ${item.name} {`,
    () => {
      for (const b of item.bits)
        out.line(`${b.name} = ${b.bit < 31 ? `1 << ${b.bit}` : hex(2 ** b.bit)},`);
    },
    "};",
  );
}

function printConstant(out: Printer, item: ConstantItem): void {
  if (item.doc) out.comment([item.doc]);
  const v = item.value;
  const escaped =
    v.kind === "char" && (v.char === "'" || v.char === "\\")
      ? `\\${v.char}`
      : v.kind === "char"
        ? v.char
        : "";
  out.line(`#define ${item.name} ${v.kind === "char" ? `('${escaped}')` : hex(v.value)}`);
}

function printIoctl(out: Printer, item: IoctlItem, model: Model): void {
  if (item.doc) out.comment([`${item.name}: ${item.doc}`]);
  const args = [item.type.name, item.nr.name];
  if (item.dir !== "none" && item.arg)
    args.push(`${model.items.get(item.arg)?.kind ?? "struct"} ${item.arg}`);
  out.line(`#define ${item.name} ${IOCTL_MACROS[item.dir]}(${args.join(", ")})`);
}

export const ITEM_PRINTERS: { [K in ItemKind]: ItemPrinter<Extract<Item, { kind: K }>> } = {
  struct: printStruct,
  union: printStruct,
  enum: printEnum,
  flags: printFlags,
  constant: printConstant,
  ioctl: printIoctl,
  commandSet: printCommandSet,
};

export type { CommandSetItem };
