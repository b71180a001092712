/**
 * Writes an imported header as a definitions module (`uapi-gen import`): the same items in
 * the DSL, in dependency order, formatted with prettier. What the DSL cannot say is kept
 * visible rather than dropped: native C types stay native (so `uapi-gen lint` flags them),
 * a bitfield run becomes its storage field with a comment, anonymous structs become named
 * items with a comment, and structs of included headers that fields use are copied in.
 */
import * as prettier from "prettier";
import { isCxxOnlyKeyword } from "../load/c-names.js";
import {
  abisText,
  fieldAttrs,
  intText,
  byAbiText,
  perAbiValueText,
  recordAttrs,
  scalarText,
} from "./write-dsl.js";
import type {
  ConstantItem,
  EnumItem,
  Field,
  IoctlItem,
  Item,
  Model,
  ModuleIR,
  StructItem,
  TypeRef,
} from "../model/ir.js";

const TS_RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(
    " ",
  ),
);

export async function writeDefinitions(module: ModuleIR, model: Model): Promise<string> {
  const names = new Map<string, string>();
  const ident = (name: string) => {
    let id = names.get(name);
    if (!id) {
      id = name
        .replace(/::\(anonymous (struct|union) at [^)]*\)/g, (_, k: string) => `__anon_${k}`)
        .replace(/[^A-Za-z0-9_$]/g, "_");
      if (TS_RESERVED.has(id)) id = `${id}_`;
      while ([...names.values()].includes(id)) id = `${id}_`;
      names.set(name, id);
    }
    return id;
  };
  const order = orderItems(module, model);
  const used = new Set<string>(["header"]);
  const body: string[] = [];
  for (const item of order)
    body.push(ITEM_WRITERS[item.kind](item as never, { ident, model, used, module }));
  // Named so that no C item can take the same name (`struct btf_header`).
  const headerAttrs = [
    `name: ${JSON.stringify(module.name.replace(/[^a-z0-9_]/g, "_"))}`,
    ...(module.spdx ? [`spdx: ${JSON.stringify(module.spdx)}`] : []),
    ...(module.guard ? [`guard: ${JSON.stringify(module.guard)}`] : []),
    ...(usesCxxKeyword(order) ? ["cOnly: true"] : []),
  ];
  const header = `export const ${ident("(module header)")} = header({ ${headerAttrs.join(", ")} });`;
  const text = [
    `/**\n * Imported from ${module.file} by \`uapi-gen import\`. Review it: C cannot say which fields are\n * outputs, which hold flags or enum values, or which arrays a struct points to.\n */`,
    `import { ${[...used].sort().join(", ")} } from "uapi-gen/dsl";`,
    header,
    ...body,
  ].join("\n\n");
  return prettier.format(text, { parser: "typescript", printWidth: 100 });
}

/**
 * Whether the header is C only: a name the items give C is a C++ keyword (`__u8 class;`), or a
 * record is empty (GNU C gives it size 0, C++ size 1).
 */
function usesCxxKeyword(items: readonly Item[]): boolean {
  const fieldsUse = (fields: readonly Field[]): boolean =>
    fields.some(
      (f) => isCxxOnlyKeyword(f.name) || (f.type.kind === "anonUnion" && fieldsUse(f.type.members)),
    );
  return items.some((i) =>
    i.kind === "struct" || i.kind === "union"
      ? !i.fields.length ||
        fieldsUse(i.fields) ||
        (i.variants ?? []).some((v) => !v.fields.length || fieldsUse(v.fields))
      : i.kind === "enum"
        ? i.members.some((m) => isCxxOnlyKeyword(m.name))
        : isCxxOnlyKeyword(i.name),
  );
}

interface WriteCtx {
  readonly ident: (name: string) => string;
  readonly model: Model;
  readonly used: Set<string>;
  readonly module: ModuleIR;
}

/** The module's items, after the structs of other headers they use, each before its users. */
function orderItems(module: ModuleIR, model: Model): Item[] {
  const out: Item[] = [];
  const done = new Set<string>();
  const visit = (item: Item) => {
    if (done.has(item.name)) return;
    done.add(item.name);
    if (item.kind === "struct" || item.kind === "union")
      for (const fields of [item.fields, ...(item.variants ?? []).map((v) => v.fields)])
        for (const n of namedRefs(fields)) {
          const dep = model.items.get(n);
          if (dep) visit(dep);
        }
    if (item.kind === "ioctl" && item.arg) {
      const dep = model.items.get(item.arg);
      if (dep) visit(dep);
    }
    out.push(item);
  };
  for (const i of module.items) visit(i);
  return out;
}

function namedRefs(fields: readonly Field[]): string[] {
  const of = (t: TypeRef): string[] =>
    t.kind === "named"
      ? [t.name]
      : t.kind === "array"
        ? of(t.element)
        : t.kind === "anonUnion"
          ? namedRefs(t.members)
          : [];
  return fields.flatMap((f) => of(f.type));
}

const doc = (d: string | undefined) => (d ? `doc: ${JSON.stringify(d)}, ` : "");

const ITEM_WRITERS: {
  [K in Item["kind"]]: (item: Extract<Item, { kind: K }>, ctx: WriteCtx) => string;
} = {
  struct: (s, ctx) => writeStruct(s, ctx),
  union: (s, ctx) => writeStruct(s, ctx),
  enum: (e: EnumItem, ctx) => {
    ctx.used.add("enumeration");
    const members = e.members.map(
      (m) =>
        `${JSON.stringify(m.name)}: { value: ${intText({ ...m, size: m.big !== undefined ? 8 : 4, unsigned: (m.big ?? 0n) > 0n }, ctx.used)}${m.byAbi ? `, ${byAbiText(m.byAbi, ctx.used)}` : ""}${m.doc ? `, doc: ${JSON.stringify(m.doc)}` : ""} },${m.implicit ? " // implicit in C" : ""}`,
    );
    return `export const ${ctx.ident(e.name)} = enumeration({ ${doc(e.doc)}${abisText(e.abis)}${e.anonymous ? "anonymous: true, " : ""}members: {\n${members.join("\n")}\n} });`;
  },
  flags: (f, ctx) => {
    ctx.used.add("flagSet");
    return `export const ${ctx.ident(f.name)} = flagSet({ ${doc(f.doc)}bits: { ${f.bits.map((b) => `${JSON.stringify(b.name)}: ${b.bit}`).join(", ")} } });`;
  },
  constant: (c: ConstantItem, ctx) => {
    ctx.used.add("constant");
    if (c.value.kind === "text")
      return `export const ${ctx.ident(c.name)} = constant({ ${doc(c.doc)}${abisText(c.abis)}text: ${JSON.stringify(c.value.text)} });`;
    if (c.value.kind === "int")
      return `export const ${ctx.ident(c.name)} = constant({ ${doc(c.doc)}${abisText(c.abis)}${perAbiValueText(c.value, ctx.used)}value: ${intText(c.value, ctx.used)} });`;
    const asChar = c.value.kind === "char" && c.value.value >= 0x20 && c.value.value < 0x7f;
    if (asChar) ctx.used.add("char");
    const value =
      asChar && c.value.kind === "char"
        ? `char(${JSON.stringify(c.value.char)})`
        : `0x${c.value.value.toString(16)}`;
    return `export const ${ctx.ident(c.name)} = constant({ ${doc(c.doc)}${abisText(c.abis)}value: ${value} });`;
  },
  ioctl: (i: IoctlItem, ctx) => {
    ctx.used.add("ioctl");
    ctx.used.add("constant");
    const lines: string[] = [];
    // The DSL names the type constant and the number by name: declare what C wrote inline.
    const hasConst = (n: string) =>
      ctx.module.items.some(
        (x) =>
          (x.kind === "constant" && x.name === n) ||
          (x.kind === "enum" && x.members.some((m) => m.name === n)),
      );
    if (i.dir !== "none" && !(i.arg && ctx.model.items.get(i.arg)) && !i.argType) {
      return `// ${i.name}: _IO${{ read: "R", write: "W", readwrite: "WR" }[i.dir]}(${i.type.name}, ${i.nr.name}, ...) passes an argument the importer could not read`;
    }
    let typeName = i.type.name;
    if (
      !hasConst(typeName) ||
      !ctx.module.items.some((x) => x.kind === "constant" && x.name === typeName)
    ) {
      typeName = `${i.name}_TYPE`;
      const printable = i.type.value >= 0x20 && i.type.value < 0x7f;
      if (printable) ctx.used.add("char");
      const value = printable
        ? `char(${JSON.stringify(String.fromCharCode(i.type.value))})`
        : `0x${i.type.value.toString(16)}`;
      lines.push(`export const ${ctx.ident(typeName)} = constant({ value: ${value} });`);
    }
    let nrName = i.nr.name;
    if (!/^[A-Za-z_]\w*$/.test(nrName) || !hasConst(nrName)) {
      nrName = `${i.name}_NR`;
      lines.push(`export const ${ctx.ident(nrName)} = constant({ value: ${i.nr.value} });`);
    }
    const arg =
      i.arg && ctx.model.items.get(i.arg)
        ? `, arg: ${ctx.ident(i.arg)}`
        : i.argType && i.dir !== "none"
          ? `, argType: ${typeText(i.argType, ctx)}`
          : "";
    lines.push(
      `export const ${ctx.ident(i.name)} = ioctl({ ${doc(i.doc)}${abisText(i.abis)}type: ${ctx.ident(typeName)}, nr: ${JSON.stringify(nrName)}, dir: ${JSON.stringify(i.dir)}${arg} });`,
    );
    return lines.join("\n");
  },
  commandSet: (c, ctx) => `// command set ${ctx.ident(c.name)} is not written by the importer`,
};

function writeStruct(s: StructItem, ctx: WriteCtx): string {
  ctx.used.add(s.kind === "union" ? "union" : "struct");
  const note = s.name.includes("::")
    ? `// Anonymous in C (the type of ${s.name.replace(/::/g, ".")}); named here because the DSL has no anonymous structs.\n`
    : "";
  const layout = s.unmodelledLayout ? `// Not reproduced: ${s.unmodelledLayout}.\n` : "";
  // A record of another header stays declared here (for the layouts); generated headers
  // include that header instead of declaring it again.
  const owner =
    s.module !== ctx.module.file ? ctx.model.modules.find((m) => m.file === s.module) : undefined;
  const header = owner?.cInclude ? `header: ${JSON.stringify(owner.cInclude)}, ` : "";
  const variants = (s.variants ?? []).map(
    (v) =>
      `{ abis: ${JSON.stringify(v.abis)}, ${recordAttrs(v)}${v.typedef !== undefined ? `typedef: ${v.typedef}, ` : ""}fields: {\n${writeFields(v.fields, ctx)}\n} }`,
  );
  const extra =
    `${header}${s.typedef ? "typedef: true, " : ""}${recordAttrs(s)}${abisText(s.abis)}` +
    (s.elsewhere ? `elsewhere: ${JSON.stringify(s.elsewhere)}, ` : "") +
    (variants.length ? `variants: [${variants.join(",\n")}], ` : "");
  return `${note}${layout}export const ${ctx.ident(s.name)} = ${s.kind}({ ${doc(s.doc)}${extra}fields: {\n${writeFields(s.fields, ctx)}\n} });`;
}

function writeFields(fields: readonly Field[], ctx: WriteCtx): string {
  let anon = 0;
  return fields
    .map((f) => {
      const key = /^[A-Za-z_]\w*$/.test(f.name) ? f.name : `__anon${++anon}`;
      if (f.type.kind === "anonUnion") {
        const builder = f.type.struct ? "anonymousStruct" : "anonymousUnion";
        ctx.used.add(builder);
        const own = recordAttrs(f.type);
        return `${key}: ${builder}({ ${doc(f.doc)}${own}members: {\n${writeFields(f.type.members, ctx)}\n} }),`;
      }
      const attrs = [`type: ${typeText(f.type, ctx, f.cType)}`, ...fieldAttrs(f)];
      // An unnamed bitfield (padding) has no name in C.
      if (key !== f.name && f.bitWidth !== undefined) attrs.push("unnamed: true");
      if (f.reserved) attrs.push("reserved: true");
      if (
        /_u?ptr$/.test(f.name) &&
        f.type.kind === "scalar" &&
        (f.type.name === "__aligned_u64" || f.type.name === "__u64")
      )
        attrs.push("userPtr: true");
      if (f.doc) attrs.push(`doc: ${JSON.stringify(f.doc)}`);
      const comment =
        key !== f.name && f.bitWidth === undefined
          ? " // an anonymous member in C"
          : f.cType && !(f.type.kind === "scalar" && f.type.byAbi)
            ? ` // C: ${f.cType}`
            : "";
      return `${key}: { ${attrs.join(", ")} },${comment}`;
    })
    .join("\n");
}

function typeText(t: TypeRef, ctx: WriteCtx, cType?: string): string {
  if (t.kind === "scalar") return scalarText(t, cType, ctx.used);
  if (t.kind === "array") {
    ctx.used.add("array");
    // Length 0: a flexible array member (`x[]`), which adds no bytes but aligns.
    return `array(${typeText(t.element, ctx, cType)}, ${t.length})`;
  }
  if (t.kind === "named") return ctx.ident(t.name);
  return "__u8";
}
