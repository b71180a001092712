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
import { cIntLiteral } from "../shared/c-literal.js";
import { memberFields, printFields } from "../shared/c-types.js";
import { hex, splitSummary, type Printer } from "../shared/printer.js";
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
      ...members.map((m) => `@${m.name}: ${m.doc ?? ""}`.trimEnd()),
      "",
      rest,
    ],
    { doc: true },
  );
}

function printStruct(out: Printer, item: StructItem, model: Model): void {
  kernelDoc(out, `${item.kind} ${item.name}`, item.doc, memberFields(item.fields));
  printRecord(out, item, item, model);
}

/** The record's body and attributes (`packed`, `aligned(N)`, `#pragma pack(N)`). */
function printRecord(
  out: Printer,
  item: StructItem,
  body: Pick<StructItem, "fields" | "packed" | "align" | "maxFieldAlign">,
  model: Model,
): void {
  const attrs = [
    ...(body.packed ? ["packed"] : []),
    ...(body.align !== undefined ? [`aligned(${body.align})`] : []),
  ];
  const close = `}${attrs.length ? ` __attribute__((${attrs.join(", ")}))` : ""};`;
  if (body.maxFieldAlign !== undefined) out.line(`#pragma pack(push, ${body.maxFieldAlign})`);
  out.block(`${item.kind} ${item.name} {`, () => printFields(out, body.fields, model), close);
  if (body.maxFieldAlign !== undefined) out.line("#pragma pack(pop)");
}

function printEnum(out: Printer, item: EnumItem): void {
  // An anonymous enum gets a plain comment (kernel-doc cannot name it) listing the documented members.
  if (item.anonymous)
    out.comment([
      item.doc,
      "",
      ...item.members.filter((m) => m.doc).map((m) => `@${m.name}: ${m.doc}`),
    ]);
  else kernelDoc(out, `enum ${item.name}`, item.doc, item.members);
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

const CONSTANT_TEXT: {
  [K in ConstantItem["value"]["kind"]]: (v: Extract<ConstantItem["value"], { kind: K }>) => string;
} = {
  char: (v) => `('${v.char === "'" || v.char === "\\" ? `\\${v.char}` : v.char}')`,
  // An expression that differs between ABIs stays an expression: each compiler computes it.
  int: (v) => v.c ?? cIntLiteral(v),
  text: (v) => v.text,
};

function printConstant(out: Printer, item: ConstantItem): void {
  if (item.doc) out.comment([item.doc]);
  const v = item.value;
  const text = (CONSTANT_TEXT[v.kind] as (x: typeof v) => string)(v);
  out.line(`#define ${item.name}${text ? ` ${text}` : ""}`);
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
