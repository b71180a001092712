/**
 * C records to IR structs. Anonymous members become IR anonymous unions (or, for anonymous
 * structs, synthesized items named `parent::(anonymous at file:line:col)`), a run of bitfields
 * becomes one field of its storage type carrying the total width (the linter flags bitfields;
 * their exact packing is not modelled), and `__u64 __attribute__((aligned(8)))` is
 * `__aligned_u64` again. Packed or explicitly aligned records keep a note that their layout is
 * not modelled, and the layout rules skip them.
 */
import { SCALARS } from "../abi/kernel-types.js";
import type { SourceLoc } from "../diagnostics/diagnostic.js";
import type { Field, StructItem, TypeRef } from "../model/ir.js";
import { RESERVED_NAME } from "../lint/rules/reserved-must-be-zero.js";
import { placeOf, type AstLoc, type AstNode } from "./clang.js";
import { resolveType, type TypeScope } from "./ctypes.js";

export interface RecordContext {
  readonly scope: TypeScope;
  /** Every struct made, synthesized ones included. */
  readonly out: StructItem[];
  readonly warn: (loc: SourceLoc | undefined, message: string) => void;
}

const ALIGNED: Readonly<Record<string, "__aligned_u64" | "__aligned_le64" | "__aligned_be64">> = {
  __u64: "__aligned_u64",
  __le64: "__aligned_le64",
  __be64: "__aligned_be64",
};

export function locOf(loc: AstLoc | undefined): SourceLoc | undefined {
  const p = placeOf(loc);
  if (!p) return undefined;
  const line = p.line - 1;
  const character = p.col - 1;
  return {
    file: p.file,
    range: { start: { line, character }, end: { line, character: character + p.len } },
  };
}

export function docOf(node: AstNode): string | undefined {
  const comment = node.inner?.find((n) => n.kind === "FullComment");
  if (!comment) return undefined;
  const texts: string[] = [];
  const walk = (n: AstNode) => {
    if (n.kind === "TextComment" && typeof n.text === "string") texts.push(n.text.trim());
    n.inner?.forEach(walk);
  };
  walk(comment);
  const doc = texts.filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
  return doc || undefined;
}

/** `struct foo`, or clang's spelling of an anonymous record: the key fields use to name it. */
export function recordKey(node: AstNode): string | undefined {
  const p = placeOf(node.loc);
  return p ? `${p.file}:${p.line}:${p.col}` : undefined;
}

export function convertRecord(
  node: AstNode,
  name: string,
  module: string,
  ctx: RecordContext,
): StructItem | undefined {
  const kind = node.tagUsed === "union" ? "union" : "struct";
  const fields: Field[] = [];
  let unmodelled: string | undefined = attrNote(node);
  const nested = new Map<string, AstNode>();
  // A run of bitfields of one storage type: how many units it fills (SysV packing: a
  // bitfield that does not fit the rest of the current unit starts the next one).
  let bitRun:
    { field: Field; bits: number; unitBits: number; units: number; used: number } | undefined;
  const flushBits = () => {
    if (!bitRun) return;
    const units = bitRun.units;
    const type: TypeRef =
      units === 1
        ? bitRun.field.type
        : { kind: "array", element: bitRun.field.type, length: units };
    fields.push({ ...bitRun.field, type, bitWidth: bitRun.bits });
    bitRun = undefined;
  };
  for (const child of node.inner ?? []) {
    if (child.kind === "RecordDecl" && child.completeDefinition) {
      const key = recordKey(child);
      if (key) nested.set(key, child);
      continue;
    }
    if (child.kind !== "FieldDecl") continue;
    const loc = locOf(child.loc);
    const q = child.type?.qualType ?? "";
    const anon = /\((anonymous|unnamed)(?: (?:struct|union))? at (.*?)\)$/.exec(q);
    const at = anon ? anon[2]!.replace(/^.*\//, "") : undefined;
    let resolved: { type: TypeRef; cType?: string; enumType?: string } | undefined;
    if (anon) {
      const inner = nested.get(anon[2]!);
      if (!inner) {
        unmodelled ??= `member \`${child.name ?? "(anonymous)"}\` has a type the importer could not find`;
        continue;
      }
      if (!child.name && inner.tagUsed === "union") {
        const u = convertRecord(inner, `${name}::(anonymous union at ${at})`, module, ctx);
        if (!u) continue;
        if (u.unmodelledLayout) unmodelled ??= u.unmodelledLayout;
        resolved = { type: { kind: "anonUnion", members: u.fields } };
      } else {
        const synthName = `${name}::(anonymous ${inner.tagUsed ?? "struct"} at ${at})`;
        const s = convertRecord(inner, synthName, module, ctx);
        if (!s) continue;
        ctx.out.push(s);
        resolved = { type: { kind: "named", name: synthName } };
      }
    } else {
      resolved = resolveType(q, ctx.scope);
      const aligned = alignAttr(child);
      if (resolved && aligned !== undefined) {
        const a = resolved.type.kind === "scalar" ? ALIGNED[resolved.type.name] : undefined;
        if (a && aligned === 8 && !resolved.cType) resolved = { type: { kind: "scalar", name: a } };
        else unmodelled ??= `\`${child.name}\` has __attribute__((aligned(${aligned})))`;
      }
    }
    if (!resolved) {
      ctx.warn(
        loc,
        `cannot represent the type \`${q}\` of \`${child.name ?? "(anonymous)"}\`; \`${name}\` is skipped`,
      );
      return undefined;
    }
    const fieldName = child.name ?? `(anonymous at ${at ?? "?"})`;
    const field: Field = {
      name: fieldName,
      doc: docOf(child),
      loc,
      type: resolved.type,
      dir: "in",
      reserved: RESERVED_NAME.test(fieldName),
      userPtr: false,
      flags: undefined,
      values: undefined,
      ...(resolved.cType ? { cType: resolved.cType } : {}),
      ...(resolved.enumType ? { enumType: resolved.enumType } : {}),
    };
    if (child.isBitfield) {
      const width = Number(child.inner?.find((n) => n.kind === "ConstantExpr")?.value ?? 0);
      const unitBits = unitBitsOf(resolved.type);
      if (bitRun && bitRun.unitBits === unitBits && width > 0) {
        bitRun.bits += width;
        if (bitRun.used + width <= unitBits) bitRun.used += width;
        else [bitRun.units, bitRun.used] = [bitRun.units + 1, width];
      } else {
        flushBits();
        // A zero-width bitfield only ends the run; named bitfields start one.
        if (width > 0)
          bitRun = {
            field: { ...field, cType: field.cType ?? scalarName(resolved.type) },
            bits: width,
            unitBits,
            units: 1,
            used: width,
          };
      }
      continue;
    }
    flushBits();
    fields.push(field);
  }
  flushBits();
  return {
    kind,
    name,
    module,
    doc: docOf(node),
    loc: locOf(node.loc),
    fields,
    extensible: undefined,
    arrays: [],
    hardware: false,
    ...(unmodelled ? { unmodelledLayout: unmodelled } : {}),
  };
}

function scalarName(t: TypeRef): string {
  return t.kind === "scalar" ? t.name : "int";
}

function unitBitsOf(t: TypeRef): number {
  return t.kind === "scalar" ? (SCALARS[t.name].size ?? 4) * 8 : 32;
}

function alignAttr(node: AstNode): number | undefined {
  const attr = node.inner?.find((n) => n.kind === "AlignedAttr");
  if (!attr) return undefined;
  const v = attr.inner?.find((n) => n.kind === "ConstantExpr")?.value;
  return v === undefined ? -1 : Number(v);
}

function attrNote(node: AstNode): string | undefined {
  if (node.inner?.some((n) => n.kind === "PackedAttr")) return "it is __attribute__((packed))";
  if (node.inner?.some((n) => n.kind === "AlignedAttr"))
    return "it has an explicit __attribute__((aligned))";
  if (node.inner?.some((n) => n.kind === "MaxFieldAlignmentAttr"))
    return "it is under #pragma pack";
  return undefined;
}
