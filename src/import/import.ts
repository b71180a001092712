/**
 * Reads existing C uAPI headers into the IR, exactly as the compilers of every ABI see them
 * (read/read-headers.ts), with exact source positions, so the same lint rules run on them.
 * Each header is one translation unit: records and enums of every file it includes are in the
 * model (fields refer to them), and the header's own items form the one linted module.
 * Problems are diagnostics (`import/...`), never exceptions.
 */
import { basename, join, resolve } from "node:path";
import { ABIS, findAbi, type Abi } from "../abi/abis.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LintInput } from "../lint/lint.js";
import { deepFreeze, type Item, type Model, type ModuleIR } from "../model/ir.js";
import type { IncludeOptions } from "./include-paths.js";
import { includeGuard, macroItems } from "./convert/macros.js";
import { mergeGroups } from "./convert/merge.js";
import { convertUnit, type UnitItems } from "./convert/unit.js";
import { readHeaders, type HeaderRead } from "./read/read-headers.js";

export interface ImportResult extends LintInput {
  /** Source text of the header, for suppression comments. */
  readonly text: string | undefined;
  /** ABIs the header does not compile for (their layouts follow the reference's declarations). */
  readonly unread?: readonly string[];
}

export interface ImportOptions extends IncludeOptions {
  /** Label for positions when the header was read from elsewhere (a git revision). */
  readonly displayFile?: string;
  /** The ABIs to read, the reference first (default: the whole table). */
  readonly abis?: readonly Abi[];
}

/**
 * Headers read together per chunk: one compiler run per ABI reads the whole chunk, and a
 * chunk's ASTs (megabytes each) are dropped once converted.
 */
const CHUNK = 64;

/** Imports several headers with as few compiler runs as that takes (one per ABI and chunk). */
export async function importHeaders(
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult[]> {
  const out: ImportResult[] = [];
  for (let start = 0; start < files.length; start += CHUNK) {
    const reads = await readHeaders(files.slice(start, start + CHUNK), options);
    for (const read of reads) {
      const r = convertRead(read, options.abis ?? ABIS, options);
      out.push(
        options.displayFile
          ? { ...r, diagnostics: relabel(r.diagnostics, read.file, options.displayFile) }
          : r,
      );
    }
  }
  return out;
}

export async function importHeader(
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  return (await importHeaders([file], options))[0]!;
}

export function convertRead(
  read: HeaderRead,
  abis: readonly Abi[],
  options: IncludeOptions = {},
): ImportResult {
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const reference = abis[0]!;
  const names = abis.map((a) => a.name);
  if (!read.groups.length) return { ...empty(diagnostics), text: read.text };
  const units: { abis: readonly string[]; unit: UnitItems }[] = read.groups.map((g) => ({
    abis: g.abis,
    unit: convertUnit(g.ast, {
      abi: findAbi(g.abis[0]!) ?? reference,
      abis: names,
      reference: reference.name,
      abiTypedefs: read.typedefs,
      enumValues: read.enumerators,
      mainFile: read.file,
      packs: g.packs,
    }),
  }));
  const main = units[0]!.unit;
  // Every group's warnings, once each (a record unsupported on some ABIs only says so too).
  const warned = new Set<string>();
  for (const w of units.flatMap((u) => u.unit.warnings)) {
    const key = `${w.loc?.range.start.line}:${w.message}`;
    if (warned.has(key)) continue;
    warned.add(key);
    diagnostics.push({
      severity: "warning",
      code: "import/unsupported",
      message: w.message,
      loc: w.loc,
    });
  }
  const byFile = mergeGroups(
    units.map((u) => ({ abis: u.abis, byFile: u.unit.byFile })),
    names,
  );
  // `#define X X` keeps an enumerator visible to #ifdef: the enumerator stays. A macro that
  // gives an enumerator's name another value (`#define __X_MAX (__X_MAX - 1)`) hides the
  // enumerator for every later use: the macro stays, the enumerator goes.
  const hiding = new Set(
    read.macros
      .filter((m) => m.define.body.replace(/[()\s]/g, "") !== m.define.name)
      .map((m) => m.define.name),
  );
  for (const [file, items] of byFile)
    byFile.set(
      file,
      items.map((i) =>
        i.kind === "enum" && i.members.some((m) => hiding.has(m.name))
          ? { ...i, members: i.members.filter((m) => !hiding.has(m.name)) }
          : i,
      ),
    );
  const own = byFile.get(read.file) ?? [];
  const enumerators = new Set(
    [...byFile.values()]
      .flat()
      .flatMap((i) => (i.kind === "enum" ? i.members.map((m) => m.name) : [])),
  );
  const macros = macroItems(
    read.macros,
    read.file,
    read.text ?? "",
    reference,
    names,
    main.scope,
    enumerators,
  );
  byFile.set(
    read.file,
    [...own, ...macros].sort(
      (a, b) => (a.loc?.range.start.line ?? 0) - (b.loc?.range.start.line ?? 0),
    ),
  );
  const model = toModel(byFile, read.file, read.text ?? "", (f) => includeName(f, options));
  const primary = model.modules.filter((m) => m.file === read.file);
  return { model, primary, diagnostics, text: read.text, unread: read.unread };
}

function toModel(
  byFile: ReadonlyMap<string, readonly Item[]>,
  mainFile: string,
  text: string,
  cInclude: (file: string) => string | undefined,
): Model {
  const spdx = /SPDX-License-Identifier:\s*(.*?)\s*(\*\/|$)/m.exec(text)?.[1] ?? "";
  const files = [...byFile.keys()].sort((a, b) =>
    a === mainFile ? -1 : b === mainFile ? 1 : a < b ? -1 : 1,
  );
  if (!files.includes(mainFile)) files.unshift(mainFile);
  const modules: ModuleIR[] = files.map((file) => ({
    file,
    name: basename(file).replace(/\.h$/, ""),
    doc: undefined,
    spdx: file === mainFile ? spdx : "",
    includes: [],
    loc:
      file === mainFile
        ? { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }
        : undefined,
    items: byFile.get(file) ?? [],
    source: "c-header" as const,
    ...(cInclude(file) ? { cInclude: cInclude(file) } : {}),
    ...(file === mainFile && includeGuard(text) ? { guard: includeGuard(text) } : {}),
  }));
  const all = new Map<string, Item>();
  // C has one tag namespace per translation unit; the first definition wins.
  for (const m of modules) for (const i of m.items) if (!all.has(i.name)) all.set(i.name, i);
  return deepFreeze({ modules, items: all });
}

function empty(diagnostics: readonly Diagnostic[]): ImportResult {
  return { model: { modules: [], items: new Map() }, primary: [], diagnostics, text: undefined };
}

function relabel(diagnostics: readonly Diagnostic[], from: string, to: string): Diagnostic[] {
  return diagnostics.map((d) => (d.loc?.file === from ? { ...d, loc: { ...d.loc, file: to } } : d));
}

/**
 * The name C includes a file by: its path under the deepest include folder that holds it
 * (`-I` folders, the system root's `<multiarch>/` folders, the system root).
 */
function includeName(file: string, options: IncludeOptions): string | undefined {
  const roots = [
    ...(options.includeDirs ?? []).map((d) => resolve(d)),
    resolve(options.sysroot ?? "/usr/include"),
    "/usr/include",
  ];
  let best: string | undefined;
  for (const root of roots) {
    for (const base of [root, ...ABIS.map((a) => join(root, a.multiarch))]) {
      if (!file.startsWith(`${base}/`)) continue;
      const rel = file.slice(base.length + 1);
      if (!best || rel.length < best.length) best = rel;
    }
  }
  return best;
}
