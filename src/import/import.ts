/**
 * Reads an existing C uAPI header into the IR through clang's JSON AST, with exact source
 * positions, so the same lint rules run on it. The header is one translation unit: records and
 * enums of every file it includes are in the model (fields refer to them), and the header's own
 * items form the one linted module. Problems are diagnostics (`import/...`), never exceptions.
 */
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import type { ScalarName } from "../abi/kernel-types.js";
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";
import type { LintInput } from "../lint/lint.js";
import {
  deepFreeze,
  type EnumItem,
  type Item,
  type Model,
  type ModuleIR,
  type StructItem,
} from "../model/ir.js";
import { placeOf, runClang, type AstNode } from "./clang.js";
import type { TypeScope } from "./ctypes.js";
import { importKernelDoc } from "./kernel-doc-attach.js";
import { macroItems } from "./macros.js";
import { convertRecord, docOf, locOf, recordKey } from "./records.js";

export interface ImportResult extends LintInput {
  /** Source text of the header, for suppression comments. */
  readonly text: string | undefined;
}

export interface ImportOptions {
  /** Extra clang arguments, e.g. `-I` folders or `--target=`. */
  readonly clangArgs?: readonly string[];
  /** Label for positions when the header was read from elsewhere (a git revision). */
  readonly displayFile?: string;
}

export function importHeader(file: string, options: ImportOptions = {}): ImportResult {
  const path = resolve(file);
  const diagnostics: Diagnostic[] = [];
  let text: string | undefined;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return empty([
      {
        severity: "error",
        code: "import/io",
        message: `cannot read ${file}`,
        hint: "check the path",
      },
    ]);
  }
  const clang = runClang(path, options.clangArgs);
  diagnostics.push(...clang.diagnostics);
  if (!clang.ast) return { ...empty(diagnostics), text };
  const converted = convertTranslationUnit(clang.ast, path, text, diagnostics);
  const model = importKernelDoc(converted, path, text, diagnostics);
  const primary = model.modules.filter((m) => m.file === path);
  return { model, primary, diagnostics: relabel(diagnostics, path, options.displayFile), text };
}

function empty(diagnostics: Diagnostic[]): ImportResult {
  return { model: { modules: [], items: new Map() }, primary: [], diagnostics, text: undefined };
}

function relabel(diagnostics: Diagnostic[], from: string, to: string | undefined): Diagnostic[] {
  if (!to) return diagnostics;
  return diagnostics.map((d) => (d.loc?.file === from ? { ...d, loc: { ...d.loc, file: to } } : d));
}

interface Collected {
  records: { node: AstNode; name: string; file: string }[];
  enums: { node: AstNode; name: string; anonymous: boolean; file: string }[];
  typedefs: Map<string, string>;
  recordNames: Map<string, string>;
}

function collect(tu: AstNode): Collected {
  const c: Collected = { records: [], enums: [], typedefs: new Map(), recordNames: new Map() };
  const top = tu.inner ?? [];
  const visitRecord = (node: AstNode, file: string) => {
    // Named records declared inside another struct are file-scope in C.
    for (const child of node.inner ?? []) {
      if (child.kind === "RecordDecl" && child.completeDefinition && child.name)
        addRecord(child, child.name, file);
      if (child.kind === "RecordDecl") visitRecord(child, file);
      if (child.kind === "EnumDecl" && child.name)
        c.enums.push({ node: child, name: child.name, anonymous: false, file });
    }
  };
  const addRecord = (node: AstNode, name: string, file: string) => {
    const key = `${node.tagUsed ?? "struct"} ${name}`;
    if (c.recordNames.has(key)) return;
    c.recordNames.set(key, name);
    c.records.push({ node, name, file });
  };
  top.forEach((node, i) => {
    const file = placeOf(node.loc)?.file;
    if (!file || node.isImplicit) return;
    if (node.kind === "TypedefDecl" && node.name && node.type)
      c.typedefs.set(node.name, node.type.qualType);
    if (node.kind === "RecordDecl" && node.completeDefinition) {
      let name = node.name;
      const next = top[i + 1];
      if (
        !name &&
        next?.kind === "TypedefDecl" &&
        next.type?.qualType === `${node.tagUsed} ${next.name}`
      )
        name = next.name;
      if (name) addRecord(node, name, file);
      visitRecord(node, file);
    }
    if (node.kind === "EnumDecl") {
      const p = placeOf(node.loc);
      c.enums.push({
        node,
        name: node.name ?? `(anonymous enum at ${basename(file)}:${p?.line ?? 0})`,
        anonymous: !node.name,
        file,
      });
    }
  });
  return c;
}

export function convertTranslationUnit(
  tu: AstNode,
  mainFile: string,
  text: string,
  diagnostics: Diagnostic[],
): Model {
  const c = collect(tu);
  const values = new Map<string, number>();
  const enumScalars = new Map<string, ScalarName>();
  const items = new Map<string, Item[]>();
  const add = (file: string, item: Item) => items.set(file, [...(items.get(file) ?? []), item]);
  for (const e of c.enums) {
    const item = convertEnum(e.node, e.name, e.anonymous, e.file, values);
    enumScalars.set(e.name, item.members.some((m) => m.value < 0) ? "int" : "unsigned int");
    add(e.file, item);
  }
  const scope: TypeScope = {
    typedefs: c.typedefs,
    records: withAnonymous(c, tu),
    enums: enumScalars,
  };
  const warn = (loc: SourceLoc | undefined, message: string) => {
    if (loc?.file === mainFile)
      diagnostics.push({ severity: "warning", code: "import/unsupported", message, loc });
  };
  for (const r of c.records) {
    const out: StructItem[] = [];
    const item = convertRecord(r.node, r.name, r.file, { scope, out, warn });
    for (const s of [...out, ...(item ? [item] : [])]) add(r.file, s);
  }
  const records = new Map([...scope.records].map(([k, v]) => [k, v]));
  const macros = macroItems(mainFile, text, mainFile, { values, records });
  for (const i of [...macros.constants, ...macros.ioctls]) add(mainFile, i);
  const modules: ModuleIR[] = [...items.keys()]
    .sort((a, b) => (a === mainFile ? -1 : b === mainFile ? 1 : a < b ? -1 : 1))
    .map((file) => ({
      file,
      name: basename(file).replace(/\.h$/, ""),
      doc: undefined,
      spdx:
        file === mainFile
          ? (/SPDX-License-Identifier:\s*(.*?)\s*(\*\/|$)/m.exec(text)?.[1] ?? "")
          : "",
      includes: [],
      loc:
        file === mainFile
          ? { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }
          : undefined,
      items: items.get(file)!,
      source: "c-header" as const,
    }));
  if (!modules.some((m) => m.file === mainFile)) {
    modules.unshift({
      file: mainFile,
      name: basename(mainFile).replace(/\.h$/, ""),
      doc: undefined,
      spdx: "",
      includes: [],
      loc: undefined,
      items: [],
      source: "c-header",
    });
  }
  const all = new Map<string, Item>();
  // C has one tag namespace per translation unit; the first definition wins.
  for (const m of modules) for (const i of m.items) if (!all.has(i.name)) all.set(i.name, i);
  return deepFreeze({ modules, items: all });
}

/** Record spellings fields use: `struct foo`, and clang's `(anonymous at f.h:L:C)` forms. */
function withAnonymous(c: Collected, _tu: AstNode): Map<string, string> {
  const map = new Map(c.recordNames);
  for (const r of c.records) {
    const key = recordKey(r.node);
    if (key) map.set(`struct (unnamed struct at ${key})`, r.name);
  }
  return map;
}

function convertEnum(
  node: AstNode,
  name: string,
  anonymous: boolean,
  file: string,
  values: Map<string, number>,
): EnumItem {
  let next = 0;
  const members = (node.inner ?? [])
    .filter((m) => m.kind === "EnumConstantDecl" && m.name)
    .map((m) => {
      const explicit = m.inner?.find((x) => x.kind === "ConstantExpr")?.value;
      const value = explicit !== undefined ? Number(BigInt(explicit)) : next;
      next = value + 1;
      values.set(m.name!, value);
      return {
        name: m.name!,
        value,
        doc: docOf(m),
        loc: locOf(m.loc),
        ...(explicit === undefined ? { implicit: true } : {}),
      };
    });
  return {
    kind: "enum",
    name,
    module: file,
    doc: docOf(node),
    loc: locOf(node.loc),
    anonymous,
    members,
  };
}
