/**
 * Hover: what the name under the cursor is, in C terms. A struct shows its pahole-style
 * layout per group of ABIs; a field its C spelling, offset/size/alignment per ABI group and
 * the holes around it; an ioctl its number on each ioctl family; enum members and flag bits
 * their values. One renderer per item kind (ITEM_HOVER).
 */
import {
  MarkupKind,
  type Hover,
  type HoverParams,
  type Position,
} from "vscode-languageserver/node";
import type { SourceLoc } from "../../diagnostics/diagnostic.js";
import type { HeaderModel } from "../analysis/headers.js";
import { ABIS } from "../../abi/abis.js";
import { encodeIoctl, IOCTL_FAMILIES } from "../../abi/ioctl-families.js";
import type { Layouts } from "../../layout/layouts.js";
import type { Field, Item, ItemKind, Model, StructItem } from "../../model/ir.js";
import type { FeatureContext } from "../server.js";
import { resolveAllAt, type Resolved } from "./resolve.js";
import {
  abiList,
  declarator,
  findField,
  groupAbis,
  paholeText,
  structGroups,
} from "./layout-view.js";

export function hover(ctx: FeatureContext, params: HoverParams): Hover | null {
  const header = ctx.workspace.headerModel(ctx.uris.toPath(params.textDocument.uri));
  if (header) return headerHover(header, params.position);
  for (const hit of resolveAllAt(ctx, params.textDocument.uri, params.position)) {
    const text = render(hit);
    if (text)
      return { contents: { kind: MarkupKind.Markdown, value: text }, range: hit.occurrence.range };
  }
  return null;
}

function render(hit: Resolved): string | undefined {
  const { model, layouts } = hit.analysis;
  const [kind, name = ""] = splitKey(hit.occurrence.key);
  if (kind === "item") {
    const item = model.items.get(name);
    return item
      ? (ITEM_HOVER[item.kind] as (i: Item, m: Model, l: Layouts) => string)(item, model, layouts)
      : undefined;
  }
  if (kind === "field") {
    const dot = name.indexOf(".");
    const struct = model.items.get(name.slice(0, dot));
    return struct && (struct.kind === "struct" || struct.kind === "union")
      ? fieldHover(struct, name.slice(dot + 1), model, layouts)
      : undefined;
  }
  if (kind === "value") return valueHover(name, model);
  if (kind === "command") return commandHover(name, model);
  return undefined;
}

/**
 * Hover in a C header: the innermost struct, field, enum member or flag bit whose declaration
 * covers the position, from the model the header's last analysis imported.
 */
function headerHover(header: HeaderModel, at: Position): Hover | null {
  const covers = (loc: SourceLoc | undefined) => !!loc && within(loc.range, at);
  const show = (text: string | undefined, loc: SourceLoc | undefined): Hover | null =>
    text && loc ? { contents: { kind: MarkupKind.Markdown, value: text }, range: loc.range } : null;
  const { model, layouts } = header;
  for (const item of header.primary.flatMap((m) => m.items)) {
    if (item.kind === "struct" || item.kind === "union") {
      const field = flatFields(item.fields).find((f) => covers(f.loc));
      if (field) return show(fieldHover(item, field.name, model, layouts), field.loc);
    }
    const member =
      item.kind === "enum"
        ? item.members.find((m) => covers(m.loc))
        : item.kind === "flags"
          ? item.bits.find((b) => covers(b.loc))
          : undefined;
    if (member) return show(valueHover(member.name, model), member.loc);
    if (covers(item.loc)) {
      const render = ITEM_HOVER[item.kind] as (i: Item, m: Model, l: Layouts) => string;
      return show(render(item, model, layouts), item.loc);
    }
  }
  return null;
}

function within(r: { start: Position; end: Position }, p: Position): boolean {
  const before = (a: Position, b: Position) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(r.start, p) && before(p, r.end);
}

function flatFields(fields: readonly Field[]): Field[] {
  return fields.flatMap((f) => (f.type.kind === "anonUnion" ? flatFields(f.type.members) : [f]));
}

function splitKey(key: string): [string, string] {
  const colon = key.indexOf(":");
  return [key.slice(0, colon), key.slice(colon + 1)];
}

const doc = (item: { doc: string | undefined }) => (item.doc ? `\n\n${item.doc}` : "");
const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, "0")}`;

const ITEM_HOVER: {
  readonly [K in ItemKind]: (
    item: Extract<Item, { kind: K }>,
    model: Model,
    layouts: Layouts,
  ) => string;
} = {
  struct: (s, model, layouts) => structHover(s, model, layouts),
  union: (s, model, layouts) => structHover(s, model, layouts),
  enum: (e) =>
    `**enum ${e.anonymous ? "(anonymous)" : e.name}**${doc(e)}\n\n\`\`\`c\n${e.members.map((m) => `${m.name} = ${m.value < 0 ? m.value : `0x${m.value.toString(16)}`}`).join(",\n")}\n\`\`\``,
  flags: (f) =>
    `**flags ${f.name}**${doc(f)}\n\n\`\`\`c\n${f.bits.map((b) => `${b.name} = 1 << ${b.bit}`).join(",\n")}\n\`\`\``,
  constant: (c) =>
    `**constant ${c.name}** = ${c.value.kind === "char" ? `'${c.value.char}' (${c.value.value})` : c.value.kind === "text" ? c.value.text : String(c.value.big ?? c.value.value)}${doc(c)}`,
  ioctl: (i, model, layouts) => ioctlHover(i, model, layouts),
  commandSet: (c) =>
    `**command set ${c.name}**: ${c.commands.length} commands of ${c.words} × ${c.wordType}${doc(c)}`,
};

function structHover(struct: StructItem, model: Model, layouts: Layouts): string {
  const groups = structGroups(layouts, struct);
  const head = `**${struct.kind} ${struct.name}**${doc(struct)}`;
  if (!groups) return `${head}\n\n(no layout: the struct names a type that cannot be laid out)`;
  const summary = [
    "| ABIs | size | align | holes | tail padding |",
    "|---|---|---|---|---|",
    ...groups.map(
      (g) =>
        `| ${abiList(g.abis)} | ${g.value.size} | ${g.value.align} | ${g.value.holes.map((h) => `${h.size} @ ${h.offset}`).join(", ") || "none"} | ${g.value.tailPadding} |`,
    ),
  ].join("\n");
  const blocks = groups.map(
    (g) => `${abiList(g.abis)}:\n\`\`\`c\n${paholeText(struct, g.value, model)}\n\`\`\``,
  );
  const differs =
    groups.length > 1
      ? `\n\nThe layout differs on: ${groups
          .slice(1)
          .map((g) => g.abis.join(", "))
          .join("; ")}.`
      : "\n\nThe layout is the same on every ABI.";
  return `${head}\n\n${summary}${differs}\n\n${blocks.join("\n\n")}`;
}

function fieldHover(
  struct: StructItem,
  name: string,
  model: Model,
  layouts: Layouts,
): string | undefined {
  const groups = structGroups(layouts, struct);
  const first = groups?.[0] && findField(struct.fields, groups[0].value.fields, name);
  if (!groups || !first) return undefined;
  const { field } = first;
  // Per ABI, not per struct group: a field's own alignment may differ where the struct's
  // layout does not (m68k aligns __u32 to 2).
  const per = ABIS.flatMap((abi) => {
    const l = layouts.of(struct, abi);
    const f = findField(struct.fields, l.fields, name);
    const hole = l.holes.find((h) => h.before === name);
    const after = l.holes.find((h) => h.after === name);
    const tail = struct.fields.at(-1)?.name === name ? l.tailPadding : 0;
    return f
      ? [
          {
            abi: abi.name,
            value: {
              offset: f.layout.offset,
              size: f.layout.size,
              align: f.layout.align,
              before: hole?.size ?? 0,
              after: after?.size ?? tail,
            },
          },
        ]
      : [];
  });
  const rows = groupAbis(per, (v) => JSON.stringify(v));
  const flags = [
    field.dir !== "in" ? `dir: ${field.dir}` : "",
    field.reserved ? "reserved, must be 0" : "",
    field.userPtr ? "user pointer" : "",
    field.flags ? `flags: ${field.flags}` : "",
    field.values ? `values: ${field.values}` : "",
  ].filter(Boolean);
  const table = [
    "| ABIs | offset | size | align | hole before | padding after |",
    "|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${abiList(r.abis)} | ${r.value.offset} | ${r.value.size} | ${r.value.align} | ${r.value.before} | ${r.value.after} |`,
    ),
  ].join("\n");
  const differs =
    rows.length > 1
      ? `\n\nDiffers on: ${rows
          .slice(1)
          .map((r) => r.abis.join(", "))
          .join("; ")}.`
      : "\n\nSame on every ABI.";
  return `**${struct.kind} ${struct.name}** field\n\n\`\`\`c\n${declarator(field, model)};\n\`\`\`${flags.length ? `\n\n${flags.join(" · ")}` : ""}${doc(field)}\n\n${table}${differs}`;
}

function ioctlHover(i: Extract<Item, { kind: "ioctl" }>, model: Model, layouts: Layouts): string {
  const arg = i.arg ? model.items.get(i.arg) : undefined;
  let size = 0;
  const sizes: { abi: string; value: number }[] = [];
  // _IO encodes no size; _IOR/_IOW/_IOWR encode the argument's size, which may differ per ABI.
  if (i.dir !== "none" && arg && (arg.kind === "struct" || arg.kind === "union")) {
    try {
      for (const abi of ABIS) sizes.push({ abi: abi.name, value: layouts.of(arg, abi).size });
      size = sizes[0]?.value ?? 0;
    } catch {
      sizes.length = 0;
    }
  }
  const per = ABIS.map((abi, k) => ({
    abi: abi.name,
    value: encodeIoctl(
      IOCTL_FAMILIES[abi.ioctl],
      i.dir,
      i.type.value,
      i.nr.value,
      sizes[k]?.value ?? size,
    ),
  }));
  const rows = groupAbis(per, (v) => String(v)).map(
    (g) => `| ${abiList(g.abis)} | \`${hex(g.value)}\` |`,
  );
  const macro =
    i.dir === "none" ? "_IO" : i.dir === "read" ? "_IOR" : i.dir === "write" ? "_IOW" : "_IOWR";
  const argText = i.arg && i.dir !== "none" ? `, struct ${i.arg}` : "";
  const argLine = i.arg
    ? `\n\nArgument: \`struct ${i.arg}\`${i.dir === "none" ? " (its size is not encoded: \`_IO\`)" : ""}.`
    : "";
  return `**ioctl ${i.name}**${doc(i)}\n\n\`\`\`c\n#define ${i.name} ${macro}(${i.type.name}, ${i.nr.name}${argText})\n\`\`\`${argLine}\n\n| ABIs | number |\n|---|---|\n${rows.join("\n")}`;
}

function valueHover(name: string, model: Model): string | undefined {
  for (const item of model.items.values()) {
    if (item.kind === "enum") {
      const m = item.members.find((x) => x.name === name);
      if (m)
        return `**${m.name}** = ${m.value} (\`0x${m.value.toString(16)}\`), member of enum ${item.anonymous ? `(anonymous) ${item.name}` : item.name}${doc(m)}`;
    }
    if (item.kind === "flags") {
      const b = item.bits.find((x) => x.name === name);
      if (b)
        return `**${b.name}** = 1 << ${b.bit} (\`0x${(2 ** b.bit).toString(16)}\`), bit of ${item.name}${doc(b)}`;
    }
    if (item.kind === "constant" && item.name === name)
      return ITEM_HOVER.constant(item, model, undefined as never);
  }
  return undefined;
}

function commandHover(path: string, model: Model): string | undefined {
  const [set, command, field] = path.split(".");
  const item = model.items.get(set ?? "");
  const c = item?.kind === "commandSet" ? item.commands.find((x) => x.name === command) : undefined;
  if (!item || item.kind !== "commandSet" || !c) return undefined;
  const bits = (f: { word: number; hi: number; lo: number }) =>
    `word ${f.word}, bits ${f.hi}:${f.lo}`;
  if (field) {
    const f = c.fields.find((x) => x.name === field);
    return f
      ? `**${c.name}.${f.name}**: ${bits(f)} of a ${item.wordType} command word${doc(f)}`
      : undefined;
  }
  const rows = [item.opcode, ...c.fields].map((f) => `| ${f.name} | ${f.word} | ${f.hi}:${f.lo} |`);
  return `**${item.name} command ${c.name}**, opcode \`0x${c.opcode.toString(16)}\`${doc(c)}\n\n| field | word | bits |\n|---|---|---|\n${rows.join("\n")}`;
}
