/** How each kind of item is printed in a C header: one printer per kind. */
import { ABIS, findAbi } from "../../src/abi/abis.js";
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
import { exactValue, storedValue } from "../../src/model/ir.js";
import { cIntLiteral } from "../shared/c-literal.js";
import { cDeclarator, memberFields, printFields } from "../shared/c-types.js";
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
  // Not on the ABIs where a header this one includes declares the record.
  const declared = item.elsewhere
    ? (item.abis ?? ABIS.map((a) => a.name)).filter((a) => !item.elsewhere!.includes(a))
    : item.abis;
  onAbis(out, declared, () => {
    const variants = (item.variants ?? []).filter((v) =>
      v.abis.some((a) => declared?.includes(a) ?? true),
    );
    // A record some ABIs declare differently: one declaration per group of ABIs, and per way
    // C spells the records it uses there (see spelledOn).
    const split = spellingSplit(model);
    const rest = ABIS.map((a) => a.name).filter((a) => !variants.some((v) => v.abis.includes(a)));
    const [restFirst = [], ...restOthers] = split(rest);
    const branches = [
      ...variants.flatMap((v) => split(v.abis).map((abis) => ({ abis, body: v }))),
      ...restOthers.map((abis) => ({ abis, body: item })),
    ];
    branches.forEach((b, i) => {
      out.line(`${i ? "#elif" : "#if"} ${abiCondition(b.abis)}`);
      printRecord(out, item, b.body, spelledOn(model, b.abis));
    });
    if (branches.length) out.line("#else");
    printRecord(out, item, item, spelledOn(model, restFirst));
    if (branches.length) out.line("#endif");
  });
}

/** ABIs grouped by how C spells the model's records there (tag or typedef; see spelledOn). */
function spellingSplit(model: Model): (abis: readonly string[]) => string[][] {
  const flips = [...model.items.values()].filter(
    (i): i is StructItem =>
      (i.kind === "struct" || i.kind === "union") &&
      !!i.variants?.some((v) => v.typedef !== undefined),
  );
  if (!flips.length) return (abis) => (abis.length ? [[...abis]] : []);
  return (abis) => {
    const groups = new Map<string, string[]>();
    for (const a of abis) {
      const key = flips
        .map((i) => ((i.variants!.find((v) => v.abis.includes(a))?.typedef ?? !!i.typedef) ? 1 : 0))
        .join("");
      groups.set(key, [...(groups.get(key) ?? []), a]);
    }
    return [...groups.values()];
  };
}

/** `#if` on the ABIs an item is declared on, when that is not all of them. */
function onAbis(out: Printer, abis: readonly string[] | undefined, body: () => void): void {
  if (abis) out.line(`#if ${abiCondition(abis)}`);
  body();
  if (abis) out.line("#endif");
}

/** A preprocessor condition true on exactly these ABIs of the table. */
export function abiCondition(abis: readonly string[]): string {
  return abis.map((a) => `(${findAbi(a)?.cPredicate ?? "0"})`).join(" || ") || "0";
}

/**
 * The model as C spells its records on these ABIs: a record that some ABIs name by a typedef
 * and others by its tag (a variant's `typedef`) is spelled as the first of them does.
 */
function spelledOn(model: Model, abis: readonly string[]): Model {
  if (!abis.length) return model;
  const items = new Map(model.items);
  let changed = false;
  for (const [name, i] of model.items) {
    if (i.kind !== "struct" && i.kind !== "union") continue;
    const typedef = i.variants?.find((v) => v.abis.includes(abis[0]!))?.typedef;
    if (typedef === undefined || typedef === !!i.typedef) continue;
    items.set(name, { ...i, typedef: typedef ? true : undefined });
    changed = true;
  }
  return changed ? { ...model, items } : model;
}

/** The record's body and attributes (`packed`, `aligned(N)`, `#pragma pack(N)`). */
function printRecord(
  out: Printer,
  item: StructItem,
  body: Pick<StructItem, "fields" | "packed" | "align" | "maxFieldAlign"> & { typedef?: boolean },
  model: Model,
): void {
  const attrs = [
    ...(body.packed ? ["packed"] : []),
    ...(body.align !== undefined ? [`aligned(${body.align})`] : []),
  ];
  const attributes = attrs.length ? ` __attribute__((${attrs.join(", ")}))` : "";
  // `typedef struct { ... } name;` when C names the record by a typedef.
  const typedef = body.typedef ?? item.typedef;
  const open = typedef ? `typedef ${item.kind} {` : `${item.kind} ${item.name} {`;
  const close = `}${attributes}${typedef ? ` ${item.name}` : ""};`;
  if (body.maxFieldAlign !== undefined) out.line(`#pragma pack(push, ${body.maxFieldAlign})`);
  out.block(open, () => printFields(out, body.fields, model), close);
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
  onAbis(out, item.abis, () =>
    out.block(
      item.anonymous ? "enum {" : `enum ${item.name} {`,
      () => {
        for (const m of item.members) {
          if (!m.byAbi) {
            out.line(`${m.name} = ${enumValue(m)},`);
            continue;
          }
          // A value that differs per ABI (an ioctl number as an enumerator): one per value.
          const byValue = new Map<bigint, string[]>();
          for (const [abi, x] of Object.entries(m.byAbi))
            byValue.set(x, [...(byValue.get(x) ?? []), abi]);
          [...byValue].forEach(([x, abis], i) => {
            out.line(`${i ? "#elif" : "#if"} ${abiCondition(abis)}`);
            out.line(`${m.name} = ${enumValue(storedValue(x))},`);
          });
          out
            .line("#else")
            .line(`${m.name} = ${enumValue(m)},`)
            .line("#endif");
        }
      },
      "};",
    ),
  );
}

/** An enumerator's value: hex, negative in decimal, past 32 bits with its suffix. */
function enumValue(m: Pick<EnumItem["members"][number], "value" | "big">): string {
  const v = exactValue(m);
  if (v > 0xffffffffn || v < -0x80000000n)
    return cIntLiteral({ value: m.value, big: v, size: 8, unsigned: v > 0n });
  return v < 0n ? v.toString() : hex(Number(v));
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
  char: (v) => `('${cChar(v.char)}')`,
  // An expression that differs between ABIs stays an expression: each compiler computes it.
  int: (v) => v.c ?? cIntLiteral(v),
  text: (v) => v.text,
};

function printConstant(out: Printer, item: ConstantItem): void {
  if (item.doc) out.comment([item.doc]);
  const v = item.value;
  const text = (CONSTANT_TEXT[v.kind] as (x: typeof v) => string)(v);
  onAbis(out, item.abis, () => {
    if (v.kind !== "int" || !v.byAbi || v.c)
      return out.line(`#define ${item.name}${text ? ` ${text}` : ""}`);
    // A value that differs per ABI with no one C expression for it: one definition per value.
    const byValue = new Map<bigint, string[]>();
    for (const [abi, x] of Object.entries(v.byAbi))
      byValue.set(x, [...(byValue.get(x) ?? []), abi]);
    [...byValue].forEach(([x, abis], i) => {
      out.line(`${i ? "#elif" : "#if"} ${abiCondition(abis)}`);
      out.line(`#define ${item.name} ${cIntLiteral({ ...v, big: undefined, ...storedValue(x) })}`);
    });
    out.line("#else").line(`#define ${item.name} ${text}`).line("#endif");
  });
}

/** A character inside C quotes: printable ASCII as itself, anything else as an octal escape. */
function cChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === "'" || c === "\\") return `\\${c}`;
  if (code < 0x20 || code > 0x7e) return `\\${code.toString(8).padStart(3, "0")}`;
  return c;
}

function printIoctl(out: Printer, item: IoctlItem, model: Model): void {
  // An ioctl whose argument struct is in the same module is documented by that struct.
  const arg = item.arg ? model.items.get(item.arg) : undefined;
  const documentedByArg = arg && soleIoctlTaking(arg, model) === item;
  if (item.doc && !documentedByArg) out.comment([`${item.name}: ${item.doc}`]);
  const args = [item.type.name, item.nr.name];
  if (item.dir !== "none" && item.arg)
    args.push(cDeclarator({ kind: "named", name: item.arg }, "", model).trim());
  else if (item.dir !== "none" && item.argType)
    args.push(cDeclarator(item.argType, "", model).replace(/ \[/g, "[").trim());
  onAbis(out, item.abis, () =>
    out.line(`#define ${item.name} ${IOCTL_MACROS[item.dir]}(${args.join(", ")})`),
  );
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
