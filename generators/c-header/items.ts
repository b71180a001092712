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

/** Comment width left for text: 80 columns less ` * ` (items print at the top level). */
const DOC_WIDTH = 77;

/**
 * `@name: doc` as kernel-doc writes it: wrapped, continuation lines aligned under the text
 * (lines that start with spaces pass through the comment printer unwrapped).
 */
export function memberDocLines(name: string, doc: string | undefined): string[] {
  return hanging(`@${name}:`, doc);
}

/** `head text`, wrapped, continuation lines aligned under the text (a title, a member). */
function hanging(head: string, text: string | undefined): string[] {
  if (!text) return [head];
  const hang = head.length + 1 <= 40 ? head.length + 1 : 2;
  const [first, ...rest] = wrap(`${head} ${text}`, DOC_WIDTH);
  const tail = rest.join(" ");
  return [first!, ...(tail ? wrap(tail, DOC_WIDTH - hang).map((l) => " ".repeat(hang) + l) : [])];
}

function kernelDoc(
  out: Printer,
  title: string,
  doc: string | undefined,
  members: readonly { name: string; doc: string | undefined }[],
): void {
  const { summary, rest } = splitSummary(doc);
  out.comment(
    [
      ...hanging(summary ? `${title} -` : title, summary || undefined),
      ...members.flatMap((m) => memberDocLines(m.name, m.doc)),
      "",
      rest,
    ],
    { doc: true },
  );
}

/**
 * The ioctl a struct is the argument of, when exactly one ioctl of the struct's own module
 * takes it: the kernel documents such a pair as one (`struct x - ioctl(X)`). Indexed once
 * per model.
 */
const argumentOf = new WeakMap<Model, Map<string, IoctlItem[]>>();

export function soleIoctlTaking(item: Item, model: Model): IoctlItem | undefined {
  let byArg = argumentOf.get(model);
  if (!byArg) {
    byArg = new Map();
    for (const m of model.modules)
      for (const i of m.items) {
        if (i.kind !== "ioctl" || !i.arg || model.items.get(i.arg)?.module !== m.file) continue;
        byArg.set(i.arg, [...(byArg.get(i.arg) ?? []), i]);
      }
    argumentOf.set(model, byArg);
  }
  const ioctls = byArg.get(item.name);
  return ioctls?.length === 1 ? ioctls[0] : undefined;
}

function printStruct(out: Printer, item: StructItem, model: Model): void {
  const ioctl = soleIoctlTaking(item, model);
  if (!ioctl) {
    kernelDoc(out, `${item.kind} ${item.name}`, item.doc, memberFields(item.fields));
  } else {
    // The kernel's style for an argument struct: the title names the ioctl, and the
    // description says what the command does (the ioctl's doc) before the struct's own.
    out.comment(
      [
        `${item.kind} ${item.name} - ioctl(${ioctl.name})`,
        ...memberFields(item.fields).flatMap((m) => memberDocLines(m.name, m.doc)),
        "",
        ioctl.doc,
        ioctl.doc ? "" : undefined,
        item.doc,
      ],
      { doc: true },
    );
  }
  out.block(`${item.kind} ${item.name} {`, () => printFields(out, item.fields, model), "};");
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
  // An ioctl whose argument struct is in the same module is documented by that struct.
  const arg = item.arg ? model.items.get(item.arg) : undefined;
  const documentedByArg = arg && soleIoctlTaking(arg, model) === item;
  if (item.doc && !documentedByArg) out.comment([`${item.name}: ${item.doc}`]);
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
