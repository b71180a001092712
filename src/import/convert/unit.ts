/**
 * One translation unit's AST to IR items, by the file that declares them: records (named,
 * typedef'd, nested: C has one tag namespace), enums and the typedefs fields name. Anonymous
 * enums are named by where they are among their named siblings:
 * `(anonymous enum after iommu_destroy)`.
 */
import type { Abi } from "../../abi/abis.js";
import type { ScalarName } from "../../abi/kernel-types.js";
import type { SourceLoc } from "../../diagnostics/diagnostic.js";
import type { EnumItem, Item, StructItem } from "../../model/ir.js";
import { placeOf, type AstNode } from "../clang.js";
import { convertEnum, enumScalar } from "./enums.js";
import { alignOf, convertRecord, recordKey } from "./records.js";
import { anonymousKey, type TypeScope } from "./types.js";

export interface UnitContext {
  /** The ABI whose AST this is, and every ABI read. */
  readonly abi: Abi;
  readonly abis: readonly string[];
  readonly reference: string;
  readonly abiTypedefs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly enumValues: ReadonlyMap<string, ReadonlyMap<string, bigint>>;
  /** Warnings are kept for this file only (the header read). */
  readonly mainFile: string;
  /** `#pragma pack` values of records (by tag or `file:line`). */
  readonly packs: ReadonlyMap<string, number>;
}

export interface UnitItems {
  /** Items by file, in declaration order. */
  readonly byFile: Map<string, Item[]>;
  readonly scope: TypeScope;
  readonly warnings: { loc: SourceLoc | undefined; message: string }[];
}

interface Found {
  readonly node: AstNode;
  readonly name: string;
  readonly file: string;
  readonly anonymous: boolean;
}

export function convertUnit(tu: AstNode, ctx: UnitContext): UnitItems {
  const typedefs = new Map<string, string>();
  const typedefAlign = new Map<string, number>();
  const records = new Map<string, string>();
  const recordNodes: Found[] = [];
  const typedefNamed = new Set<AstNode>();
  const enumNodes: Found[] = [];
  const lastNamed = new Map<string, string>();
  const usedNames = new Set<string>();
  const top = (tu.inner ?? []).filter((n) => !n.isImplicit && placeOf(n.loc));

  const addRecord = (node: AstNode, name: string, file: string) => {
    const tag = node.tagUsed === "union" ? "union" : "struct";
    const key = `${tag} ${name}`;
    if (records.has(key)) return;
    records.set(key, name);
    const anon = recordKey(node);
    if (anon) records.set(anon, name);
    recordNodes.push({ node, name, file, anonymous: false });
  };
  const addEnum = (node: AstNode, file: string, inRecord?: string) => {
    let name = node.name;
    if (!name) {
      const base = inRecord
        ? `(anonymous enum in ${inRecord})`
        : `(anonymous enum ${lastNamed.has(file) ? `after ${lastNamed.get(file)}` : "at start"})`;
      name = base;
      for (let i = 2; usedNames.has(name); i++) name = `${base.slice(0, -1)}, ${i})`;
    }
    usedNames.add(name);
    enumNodes.push({ node, name, file, anonymous: !node.name });
  };
  // Records declared inside a record are file-scope in C.
  const visitNested = (node: AstNode, file: string, owner: string) => {
    for (const child of node.inner ?? []) {
      if (child.kind === "RecordDecl") {
        if (child.completeDefinition && child.name) addRecord(child, child.name, file);
        visitNested(child, file, child.name ?? owner);
      }
      if (child.kind === "EnumDecl" && child.inner?.length) addEnum(child, file, owner);
    }
  };

  top.forEach((node, i) => {
    const file = placeOf(node.loc)!.file;
    if (node.kind === "TypedefDecl" && node.name && node.type) {
      typedefs.set(node.name, node.type.qualType);
      const a = alignOf(node);
      if (a !== undefined && a > 0) typedefAlign.set(node.name, a);
      lastNamed.set(file, node.name);
    }
    if (node.kind === "RecordDecl" && node.completeDefinition) {
      let name = node.name;
      // `typedef struct { ... } name;`: the record takes the typedef's name.
      const next = top[i + 1];
      const key = recordKey(node);
      if (
        !name &&
        next?.kind === "TypedefDecl" &&
        // clang spells the typedef's type `struct name` (the record takes it for linkage)
        // or by the anonymous record's position.
        (next.type?.qualType === `${node.tagUsed ?? "struct"} ${next.name}` ||
          (key !== undefined && anonymousKey(next.type?.qualType ?? "") === key))
      )
        name = next.name;
      if (!node.name && name) typedefNamed.add(node);
      if (name) {
        addRecord(node, name, file);
        lastNamed.set(file, name);
      }
      visitNested(node, file, name ?? "(anonymous)");
    }
    if (node.kind === "EnumDecl" && node.inner?.length) {
      addEnum(node, file);
      if (node.name) lastNamed.set(file, node.name);
    }
  });

  const byFile = new Map<string, Item[]>();
  const add = (file: string, item: Item) => {
    const list = byFile.get(file);
    if (list) list.push(item);
    else byFile.set(file, [item]);
  };
  const enums = new Map<string, ScalarName>();
  const enumItems = new Map<AstNode, EnumItem>();
  for (const e of enumNodes) {
    const item = convertEnum(e.node, e.name, e.anonymous, e.file, {
      longSize: ctx.abi.longSize,
      perAbi: e.file === ctx.mainFile ? ctx.enumValues : new Map(),
      reference: ctx.reference,
    });
    enumItems.set(e.node, item);
    if (e.node.name) enums.set(e.node.name, enumScalar(item));
  }
  const scope: TypeScope = {
    typedefs,
    records,
    enums,
    abiTypedefs: ctx.abiTypedefs,
    abis: ctx.abis,
  };
  const warnings: UnitItems["warnings"] = [];
  const warn = (loc: SourceLoc | undefined, message: string) => {
    if (loc?.file === ctx.mainFile) warnings.push({ loc, message });
  };
  // Items in declaration order: records (each after the items synthesized for its members)
  // and enums, merged by position.
  const ordered: { line: number; file: string; items: Item[] }[] = [];
  for (const r of recordNodes) {
    const out: StructItem[] = [];
    const converted = convertRecord(r.node, r.name, r.file, {
      scope,
      typedefAlign,
      out,
      warn,
      packs: ctx.packs,
    });
    const item: StructItem = typedefNamed.has(r.node) ? { ...converted, typedef: true } : converted;
    ordered.push({ line: placeOf(r.node.loc)?.line ?? 0, file: r.file, items: [...out, item] });
  }
  for (const e of enumNodes)
    ordered.push({
      line: placeOf(e.node.loc)?.line ?? 0,
      file: e.file,
      items: [enumItems.get(e.node)!],
    });
  ordered.sort((a, b) => a.line - b.line);
  for (const o of ordered) for (const item of o.items) add(o.file, item);
  return { byFile, scope, warnings };
}
