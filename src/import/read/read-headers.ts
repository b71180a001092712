/**
 * Reads C headers on every ABI of the table, as few compiler processes as that takes:
 *
 * 1. per ABI, one preprocessor run over every header's probe unit (probes.ts): the structure
 *    key, the simple typedefs and every macro's expansion on that ABI (preprocessed/);
 * 2. at the same time, one JSON AST of every header on the reference ABI (the first of the
 *    list, x86_64): its declarations and the values of its integer macros;
 * 3. ABIs whose structure key differs from the reference's (a header that declares other
 *    things per architecture, or one whose bounds hold `sizeof`) get one AST per distinct key;
 * 4. a macro or enumerator whose expansion differs between two ABIs of one key, or whose value
 *    can depend on the ABI (read/sensitive.ts), is evaluated on each ABI by its own compiler.
 *
 * Nothing is evaluated by uapi-gen itself: every value is one a compiler printed or emitted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ABIS, type Abi } from "../../abi/abis.js";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { Pool } from "../../util/exec.js";
import { runCc1, type ClangMessage, type Cc1Result } from "../cc1.js";
import { parseAst, probeValues, type AstNode } from "../clang.js";
import {
  blankComments,
  expansionSizes,
  readDefines,
  readFunctionLike,
  type Define,
} from "../defines.js";

/** Tokens a macro may expand to for the compiler to evaluate it (kernel macros: a few hundred). */
const MAX_EXPANSION = 4096;
import { abiIncludes, type IncludeOptions } from "../include-paths.js";
import { HeaderSearch } from "../preprocessed/missing.js";
import { analysePreprocessed, type PreprocessedView } from "../preprocessed/structure.js";
import {
  astUnit,
  macroProbes,
  preprocessUnit,
  UNIT_END,
  type MacroProbe,
  type ProbedValue,
} from "../probes.js";
import { abiReader, type AbiReader } from "../toolchain.js";
import { evaluateOnAbi, type EvalRequest } from "./evaluate.js";
import { valueSensitive } from "./sensitive.js";

export interface ReadOptions extends IncludeOptions {
  /** The ABIs to read; the first is the reference (default: the whole table, x86_64 first). */
  readonly abis?: readonly Abi[];
}

export interface StructureGroup {
  readonly abis: readonly string[];
  readonly ast: AstNode;
  /** `#pragma pack` values of its records (see PreprocessedView.packs). */
  readonly packs: ReadonlyMap<string, number>;
}

export interface MacroOnAbi {
  readonly expansion: readonly string[];
  /** Set when the macro is an integer constant expression on this ABI. */
  readonly value?: ProbedValue;
}

export interface MacroRead {
  readonly define: Define;
  /** The ABIs where the macro is defined. */
  readonly byAbi: ReadonlyMap<string, MacroOnAbi>;
}

export interface HeaderRead {
  readonly file: string;
  readonly text: string | undefined;
  readonly diagnostics: Diagnostic[];
  /** Empty when the header does not compile on the reference ABI; [0] holds the reference. */
  readonly groups: readonly StructureGroup[];
  /** Simple typedefs per ABI (`__kernel_mode_t` → `unsigned short`). */
  readonly typedefs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly macros: readonly MacroRead[];
  /** Enumerators whose values can depend on the ABI: their value on each ABI. */
  readonly enumerators: ReadonlyMap<string, ReadonlyMap<string, bigint>>;
  /** ABIs whose headers could not be read; the reference's declarations stand in. */
  readonly unread: readonly string[];
}

interface Work {
  readonly unit: number;
  readonly file: string;
  readonly text: string | undefined;
  readonly defines: readonly Define[];
  /** Macros too large to evaluate (see MAX_EXPANSION): kept as text. */
  readonly unevaluated: readonly Define[];
  readonly probes: readonly MacroProbe[];
  readonly ppPath: string;
  readonly astPath: string;
  readonly astLines: ReadonlyMap<string, number>;
  readonly diagnostics: Diagnostic[];
  readonly views: Map<string, PreprocessedView>;
  readonly failed: Map<string, ClangMessage[]>;
  /** The header's own code uses a macro too large to expand: no compiler is run on it. */
  readonly refused: boolean;
}

export async function readHeaders(
  files: readonly string[],
  options: ReadOptions = {},
): Promise<HeaderRead[]> {
  const abis = options.abis ?? ABIS;
  const reference = abis[0]!;
  const scratch = mkdtempSync(join(tmpdir(), "uapi-gen-fe-"));
  try {
    const work = files.map((f, unit) => prepare(resolve(f), unit, scratch));
    const readable = work.filter((w) => w.text !== undefined && !w.refused);
    const readers = new Map<string, AbiReader>();
    const setup: Diagnostic[] = [];
    for (const abi of abis) {
      const r = await abiReader(abi);
      if (r.ok) readers.set(abi.name, r.reader);
      else
        setup.push({
          severity: "warning",
          code: "import/toolchain",
          message: r.message,
          hint: r.hint,
        });
    }
    const refReader = readers.get(reference.name);
    if (!refReader) return work.map((w) => failedRead(w, setup));
    const includes = new Map(abis.map((a) => [a.name, abiIncludes(a, options)]));
    const pool = new Pool();

    // Steps 1 and 2: every ABI's preprocessor, and the reference's AST as soon as the
    // reference's preprocessor says which headers read.
    const preprocess = (abi: Abi) => async () => {
      // Missing headers are skipped (-MG, which needs a dependency file), not fatal errors.
      const r = await runCc1(
        readers.get(abi.name)!,
        "preprocess",
        readable.map((w) => w.ppPath),
        includes.get(abi.name)!.args,
        ["-dI", "-MG", "-dependency-file", "/dev/null", "-MT", "uapi"],
      );
      const search = new HeaderSearch(r.args);
      for (const w of readable) {
        const out = r.units.get(w.ppPath);
        const complete = !!out?.stdout.includes(UNIT_END);
        const view = complete
          ? analysePreprocessed(out!.stdout, w.file, w.ppPath, search)
          : undefined;
        const errors: ClangMessage[] = [
          ...(out?.errors ?? []),
          ...(view?.missingIncludes ?? []).map((m) => ({
            file: undefined,
            line: 0,
            col: 0,
            severity: "fatal error" as const,
            message: `${m} file not found`,
          })),
        ];
        if (r.failure || !view || errors.length) {
          w.failed.set(abi.name, errors);
          continue;
        }
        w.views.set(abi.name, view);
      }
    };
    const refAst = pool
      .add(preprocess(reference))
      .then(() =>
        astRuns(pool, refReader, readable, reference.name, includes.get(reference.name)!.args),
      );
    await pool.all(abis.filter((a) => readers.has(a.name) && a !== reference).map(preprocess));
    const ref = await refAst;

    // Step 3: one AST per other structure key.
    const groupsOf = new Map<Work, { key: string; abis: string[] }[]>();
    const extra = new Map<string, Work[]>();
    for (const w of readable) {
      const groups = groupAbis(w, abis, reference.name);
      groupsOf.set(w, groups);
      for (const g of groups.slice(1)) extra.set(g.abis[0]!, [...(extra.get(g.abis[0]!) ?? []), w]);
    }
    const asts = new Map<string, Cc1Result>([[reference.name, ref]]);
    // All at once: each ABI's runs queue on the shared pool.
    await Promise.all(
      [...extra].map(async ([abi, ws]) =>
        asts.set(abi, await astRuns(pool, readers.get(abi)!, ws, abi, includes.get(abi)!.args)),
      ),
    );

    // Step 4: values.
    const results = readable.map((w) => resolveHeader(w, groupsOf.get(w)!, asts, abis, reference));
    const pending = new Map<string, EvalRequest[]>();
    for (const r of results)
      for (const [abi, req] of r.pending) pending.set(abi, [...(pending.get(abi) ?? []), req]);
    const evaluated = new Map<string, Awaited<ReturnType<typeof evaluateOnAbi>>>();
    await pool.all(
      [...pending].map(([abi, reqs]) => async () => {
        const a = abis.find((x) => x.name === abi)!;
        evaluated.set(abi, await evaluateOnAbi(a, reqs, includes.get(abi)!.args, scratch));
      }),
    );
    const notes = [...includes].filter(([, i]) => i.note).map(([, i]) => i.note!);
    return work.map((w) => {
      const r = results.find((x) => x.work === w);
      if (!r) return failedRead(w, setup);
      return r.finish(evaluated, [...setup, ...notes.map(noteDiagnostic)]);
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The JSON ASTs of headers on one ABI: one batch of those the ABI's preprocessor read to the
 * end, and one run each for the others. (In one cc1 process a fatal error silences the
 * diagnostics of every later unit; a unit that fails alone reports with its positions.)
 */
async function astRuns(
  pool: Pool,
  reader: AbiReader,
  works: readonly Work[],
  abi: string,
  includeArgs: readonly string[],
): Promise<Cc1Result> {
  const batch = works.filter((w) => w.views.has(abi));
  const alone = works.filter((w) => !w.views.has(abi));
  const runs = await pool.all([
    () =>
      runCc1(
        reader,
        "ast",
        batch.map((w) => w.astPath),
        includeArgs,
      ),
    ...alone.map((w) => () => runCc1(reader, "ast", [w.astPath], includeArgs)),
  ]);
  const units = new Map(runs.flatMap((r) => [...r.units]));
  const failure = runs.find((r) => r.failure)?.failure;
  const args = runs[0]?.args ?? [];
  return failure ? { units, stdout: "", failure, args } : { units, stdout: "", args };
}

function prepare(file: string, unit: number, scratch: string): Work {
  let text: string | undefined;
  const diagnostics: Diagnostic[] = [];
  try {
    text = readFileSync(file, "utf8");
  } catch {
    diagnostics.push({
      severity: "error",
      code: "import/io",
      message: `cannot read ${file}`,
      hint: "check the path",
    });
  }
  const all = text === undefined ? [] : readDefines(file, text);
  // A macro that expands to an enormous text is not evaluated (kept as text, with a warning).
  const sizes = expansionSizes(all, text === undefined ? new Map() : readFunctionLike(text));
  const defines = all.filter((d) => (sizes.get(d.name) ?? 0) <= MAX_EXPANSION);
  for (const d of all)
    if ((sizes.get(d.name) ?? 0) > MAX_EXPANSION)
      diagnostics.push({
        severity: "warning",
        code: "import/macro-size",
        message: `\`${d.name}\` expands to more than ${MAX_EXPANSION} tokens: it is not evaluated`,
        loc: d.loc,
        hint: "a uAPI constant is a short expression; this one is kept as text",
      });
  const refused = text !== undefined && oversizedUse(file, text, sizes, diagnostics);
  const probes = macroProbes(defines);
  const ppPath = join(scratch, `${unit}.pp.c`);
  const astPath = join(scratch, `${unit}.ast.c`);
  const ast = astUnit(unit, file, probes);
  writeFileSync(ppPath, preprocessUnit(unit, file, probes).text);
  writeFileSync(astPath, ast.text);
  return {
    unit,
    file,
    text,
    defines,
    unevaluated: all.filter((d) => (sizes.get(d.name) ?? 0) > MAX_EXPANSION),
    probes,
    ppPath,
    astPath,
    astLines: ast.lineOf,
    diagnostics,
    views: new Map(),
    failed: new Map(),
    refused,
  };
}

/**
 * Whether a line of the header outside `#define`s (a declaration, an `#if`) uses a macro that
 * expands to more than MAX_EXPANSION tokens: the compiler would expand it in full (31 macros
 * that each double the one before hold a compiler for minutes), so the header is refused with
 * the position of that use. One pass over the text.
 */
function oversizedUse(
  file: string,
  text: string,
  sizes: ReadonlyMap<string, number>,
  diagnostics: Diagnostic[],
): boolean {
  const lines = blankComments(text).split("\n");
  let inDefine = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const continued: boolean = inDefine;
    inDefine = (continued || /^\s*#\s*(define|undef)\b/.test(line)) && line.endsWith("\\");
    if (continued || /^\s*#\s*(define|undef)\b/.test(line)) continue;
    for (const m of line.matchAll(/[A-Za-z_]\w*/g)) {
      const size = sizes.get(m[0]) ?? 0;
      if (size <= MAX_EXPANSION) continue;
      const start = { line: i, character: m.index };
      diagnostics.push({
        severity: "error",
        code: "import/macro-size",
        message: `\`${m[0]}\` expands to more than ${MAX_EXPANSION} tokens here (${size > 1e15 ? "over 10^15" : size}): the header is not compiled`,
        loc: { file, range: { start, end: { line: i, character: m.index + m[0].length } } },
        hint: "a uAPI constant is a short expression; define this one without repeating the macros it uses",
      });
      return true;
    }
  }
  return false;
}

function failedRead(w: Work, extra: readonly Diagnostic[]): HeaderRead {
  return {
    file: w.file,
    text: w.text,
    diagnostics: [...w.diagnostics, ...extra],
    groups: [],
    typedefs: new Map(),
    macros: [],
    enumerators: new Map(),
    unread: [],
  };
}

/** ABIs by structure key, the reference's group first; a layout-sensitive ABI stands alone. */
function groupAbis(
  w: Work,
  abis: readonly Abi[],
  reference: string,
): { key: string; abis: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const abi of abis) {
    const v = w.views.get(abi.name);
    if (!v) continue;
    const key = v.layoutSensitive ? `${v.key}/${abi.name}` : v.key;
    groups.set(key, [...(groups.get(key) ?? []), abi.name]);
  }
  const list = [...groups].map(([key, list]) => ({ key, abis: list }));
  const refIndex = list.findIndex((g) => g.abis.includes(reference));
  if (refIndex > 0) list.unshift(...list.splice(refIndex, 1));
  if (refIndex < 0) list.unshift({ key: "", abis: [reference] });
  // The reference's AST is the reference group's, whoever comes first in it.
  list[0]!.abis.sort((a, b) => (a === reference ? -1 : b === reference ? 1 : 0));
  return list;
}

function noteDiagnostic(message: string): Diagnostic {
  return {
    severity: "warning",
    code: "import/abi",
    message,
    hint: "give the include folders of that architecture with -I (a folder holding <triple>/asm/)",
  };
}

export function clangDiagnostic(m: ClangMessage, fallbackFile: string): Diagnostic {
  const file = m.file ?? fallbackFile;
  const line = Math.max(0, m.line - 1);
  const character = Math.max(0, m.col - 1);
  return {
    severity: "error",
    code: "import/clang",
    message: m.message,
    loc: { file, range: { start: { line, character }, end: { line, character } } },
    hint: "the header must compile on its own (as check-uapi.sh and the kernel's header test require)",
  };
}

import { resolveHeader } from "./resolve.js";
export type { Work };
