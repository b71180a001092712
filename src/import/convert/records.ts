/**
 * C records to IR structs, everything that decides a layout kept: bitfields one by one with
 * their widths, `packed`, `aligned(N)` on records and members (`__aligned_le64 x[2]` is an
 * array of 8-aligned elements), `#pragma pack`. Anonymous members are IR anonymous member
 * records, named by where they are: `(anonymous union after flags)`, the first named sibling
 * before them, never a line number; an unnamed bitfield likewise `(bitfield after mode)`. A
 * named member of an anonymous record type gets a synthesized item `parent::member`.
 */
import type { SourceLoc } from "../../diagnostics/diagnostic.js";
import type { Field, StructItem, TypeRef } from "../../model/ir.js";
import { RESERVED_NAME } from "../../lint/rules/reserved-must-be-zero.js";
import { placeOf, type AstNode } from "../clang.js";
import { docOf, locOf } from "./nodes.js";
import { anonymousKey, resolveType, type TypeScope } from "./types.js";

export interface RecordContext {
  readonly scope: TypeScope;
  /** Alignment attributes of typedefs, by name (`typedef __u64 __attribute__((aligned(8))) t`). */
  readonly typedefAlign: ReadonlyMap<string, number>;
  /** Every struct made, synthesized ones included. */
  readonly out: StructItem[];
  /** `#pragma pack` values by record tag or `file:line` (read from the preprocessor output). */
  readonly packs: ReadonlyMap<string, number>;
  readonly warn: (loc: SourceLoc | undefined, message: string) => void;
}

const ALIGNED: Readonly<Record<string, "__aligned_u64" | "__aligned_le64" | "__aligned_be64">> = {
  __u64: "__aligned_u64",
  __le64: "__aligned_le64",
  __be64: "__aligned_be64",
};

/** `file:line:col` of a record declaration: how clang names an anonymous record in types. */
export function recordKey(node: AstNode): string | undefined {
  const p = placeOf(node.loc);
  return p ? `${p.file}:${p.line}:${p.col}` : undefined;
}

export function convertRecord(
  node: AstNode,
  name: string,
  module: string,
  ctx: RecordContext,
): StructItem {
  const fields = convertFields(node, name, module, ctx);
  const attrs = recordAttributes(node, ctx.packs);
  if (node.inner?.some((n) => n.kind === "MaxFieldAlignmentAttr") && !attrs.maxFieldAlign)
    fields.unmodelled ??= "it is under a #pragma pack whose value was not found";
  return {
    kind: node.tagUsed === "union" ? "union" : "struct",
    name,
    module,
    doc: docOf(node),
    loc: locOf(node.loc),
    fields: fields.fields,
    extensible: undefined,
    arrays: [],
    hardware: false,
    ...attrs,
    ...(fields.unmodelled ? { unmodelledLayout: fields.unmodelled } : {}),
  };
}

function convertFields(
  node: AstNode,
  parent: string,
  module: string,
  ctx: RecordContext,
): { fields: Field[]; unmodelled?: string | undefined } {
  const fields: Field[] = [];
  let unmodelled: string | undefined;
  const nested = new Map<string, AstNode>();
  let lastNamed: string | undefined;
  const used = new Set<string>();
  const positional = (what: string) => {
    const base = `(${what} ${lastNamed === undefined ? "at start" : `after ${lastNamed}`})`;
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base.slice(0, -1)}, ${i})`;
    used.add(n);
    return n;
  };
  for (const child of node.inner ?? []) {
    if (child.kind === "RecordDecl") {
      const key = recordKey(child);
      if (key) nested.set(key, child);
      continue;
    }
    if (child.kind !== "FieldDecl") continue;
    const loc = locOf(child.loc);
    const q = child.type?.qualType ?? "";
    // The element type, for a member that is an array of anonymous records.
    const element = q.replace(/(?:\[\d*\])+$/, "");
    const anonymousType = /\((anonymous|unnamed)/.test(element) && !element.includes("*");
    if (anonymousType && !child.name) {
      // A C11 anonymous member: its members are members of this record.
      const inner = nested.get(anonymousKey(q));
      if (!inner) {
        unmodelled ??= "an anonymous member whose record the importer could not find";
        continue;
      }
      const tag = inner.tagUsed === "union" ? "union" : "struct";
      const own = positional(`anonymous ${tag}`);
      const members = convertFields(inner, `${parent}::${own}`, module, ctx);
      if (members.unmodelled) unmodelled ??= members.unmodelled;
      const attrs = recordAttributes(inner, ctx.packs);
      if (attrs.maxFieldAlign) unmodelled ??= `the anonymous ${tag} is under #pragma pack`;
      fields.push({
        ...plain(own, loc, docOf(child)),
        type: {
          kind: "anonUnion",
          members: members.fields,
          ...(tag === "struct" ? { struct: true } : {}),
          ...(attrs.packed ? { packed: true } : {}),
          ...(attrs.align !== undefined ? { align: attrs.align } : {}),
        },
      });
      continue;
    }
    let resolved: ReturnType<typeof resolveType>;
    if (anonymousType) {
      // A named member of an anonymous record type: the type becomes an item `parent::member`.
      const inner = nested.get(anonymousKey(element));
      if (!inner) {
        unmodelled ??= `member \`${child.name}\` has a record type the importer could not find`;
        continue;
      }
      const item = convertRecord(inner, `${parent}::${child.name}`, module, ctx);
      ctx.out.push(item);
      const dims = /((?:\[\d*\])+)$/.exec(q);
      let type: TypeRef = { kind: "named", name: item.name };
      for (const n of [...(dims?.[1] ?? "").matchAll(/\[(\d*)\]/g)]
        .map((m) => Number(m[1] || 0))
        .reverse())
        type = { kind: "array", element: type, length: n };
      resolved = { type };
    } else resolved = resolveType(q, ctx.scope);
    const fieldName = child.name ?? positional("bitfield");
    if (child.name) lastNamed = child.name;
    if (resolved.unsupported) {
      ctx.warn(
        loc,
        `\`${fieldName}\` of \`${parent}\`: ${resolved.unsupported}; its layout is not checked`,
      );
      unmodelled ??= `\`${fieldName}\`: ${resolved.unsupported}`;
    }
    let type = resolved.type;
    let align = alignOf(child) ?? typedefAlign(q, ctx);
    if (align === -1) {
      unmodelled ??= `\`${fieldName}\` has __attribute__((aligned)) without a number (the ABI's largest alignment)`;
      align = undefined;
    }
    // `__u64 __attribute__((aligned(8)))` is the kernel's __aligned_u64, also in arrays.
    if (align === 8 && !resolved.cType) {
      const scalar = type.kind === "array" ? type.element : type;
      const aligned = scalar.kind === "scalar" ? ALIGNED[scalar.name] : undefined;
      if (aligned) {
        const s: TypeRef = { kind: "scalar", name: aligned };
        type = type.kind === "array" ? { ...type, element: s } : s;
        align = undefined;
      }
    }
    const width = child.isBitfield ? bitWidth(child) : undefined;
    fields.push({
      ...plain(fieldName, loc, docOf(child)),
      type,
      ...(resolved.cType ? { cType: resolved.cType } : {}),
      ...(resolved.enumType ? { enumType: resolved.enumType } : {}),
      ...(width !== undefined ? { bitWidth: width } : {}),
      ...(align !== undefined ? { align } : {}),
      ...(child.inner?.some((n) => n.kind === "PackedAttr") ? { packed: true } : {}),
    });
  }
  return unmodelled ? { fields, unmodelled } : { fields };
}

function plain(
  name: string,
  loc: SourceLoc | undefined,
  doc: string | undefined,
): Omit<Field, "type"> {
  return {
    name,
    doc,
    loc,
    dir: "in",
    reserved: RESERVED_NAME.test(name),
    userPtr: false,
    flags: undefined,
    values: undefined,
  };
}

function bitWidth(node: AstNode): number {
  const c = node.inner?.find((n) => n.kind === "ConstantExpr") ?? findConstant(node);
  return Number(c?.value ?? 0);
}

function findConstant(node: AstNode): AstNode | undefined {
  for (const n of node.inner ?? []) {
    if (n.kind === "ConstantExpr") return n;
    const deeper = findConstant(n);
    if (deeper) return deeper;
  }
  return undefined;
}

/** The number of an `aligned(N)` attribute; -1 for `aligned` without one. */
export function alignOf(node: AstNode): number | undefined {
  let best: number | undefined;
  for (const attr of node.inner ?? []) {
    if (attr.kind !== "AlignedAttr") continue;
    const v = findConstant(attr)?.value;
    const n = v === undefined ? -1 : Number(v);
    if (n === -1) return -1;
    best = Math.max(best ?? 0, n);
  }
  return best;
}

function typedefAlign(q: string, ctx: RecordContext): number | undefined {
  let name = q.replace(/\[\d*\]/g, "").trim();
  for (let i = 0; i < 32; i++) {
    const a = ctx.typedefAlign.get(name);
    if (a !== undefined) return a;
    const next = ctx.scope.typedefs.get(name);
    if (next === undefined) return undefined;
    name = next.replace(/\[\d*\]/g, "").trim();
  }
  return undefined;
}

export function recordAttributes(
  node: AstNode,
  packs: ReadonlyMap<string, number>,
): {
  packed?: true;
  align?: number;
  maxFieldAlign?: number;
} {
  const inner = node.inner ?? [];
  const packed = inner.some((n) => n.kind === "PackedAttr");
  const align = alignOf(node);
  // clang's JSON says a record is under `#pragma pack` but not the number: the
  // preprocessor output has it.
  const packed_ = inner.some((n) => n.kind === "MaxFieldAlignmentAttr");
  const p = placeOf(node.loc);
  const maxValue = packed_
    ? ((node.name ? packs.get(node.name) : undefined) ??
      (p ? packs.get(`${p.file}:${p.line}`) : undefined))
    : undefined;
  return {
    ...(packed ? { packed: true as const } : {}),
    ...(align !== undefined && align > 0 ? { align } : {}),
    ...(maxValue ? { maxFieldAlign: maxValue } : {}),
  };
}
