/**
 * One analysis of one definitions module: load it with the modules it imports (from the
 * editor's buffers where open), lint it, and index its symbols. The result is immutable and
 * cached by the workspace under a key made of the stamps of every file it read, so an
 * edit re-analyses only the edited module and the modules that import it.
 */
import type { ts } from "ts-morph";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { Layouts } from "../../layout/layouts.js";
import { loadDefinitions, type LoadResult } from "../../load/load.js";
import type { Model } from "../../model/ir.js";
import { lint, type LintDiagnostic, type LintInput, type LintOptions } from "../../lint/index.js";
import { rehome, type ModuleBaseline } from "./baseline.js";
import { indexSymbols, type Occurrence } from "./symbol-index.js";

export interface Analysis {
  readonly path: string;
  /** Stamps of the files read and the configuration generation: equal key, equal result. */
  readonly key: string;
  readonly model: Model;
  readonly loaded: LoadResult;
  /** Loader and lint diagnostics located in this module (or nowhere). */
  readonly diagnostics: readonly LintDiagnostic[];
  readonly occurrences: readonly Occurrence[];
  readonly sourceFile: ts.SourceFile | undefined;
  /** Layouts are computed on demand (hover), shared by every request on this analysis. */
  readonly layouts: Layouts;
  readonly millis: number;
}

export interface AnalyseInput {
  readonly path: string;
  /** The module's import closure, imported modules first (see imports.ts). */
  readonly closure: readonly string[];
  readonly key: string;
  readonly readFile: (path: string) => string | undefined;
  readonly lintOptions: LintOptions;
  /** The baseline for the compatibility rules, when one is configured. */
  readonly baseline?: (current: LintInput) => ModuleBaseline;
}

export function analyseDefinitions(input: AnalyseInput): Analysis {
  const t0 = performance.now();
  const loaded = loadDefinitions(input.closure, { readFile: input.readFile });
  const mine = (d: Diagnostic) => !d.loc || d.loc.file === input.path;
  let diagnostics: LintDiagnostic[];
  try {
    const current: LintInput = {
      model: loaded.model,
      primary: loaded.primary.filter((m) => m.file === input.path),
      diagnostics: loaded.diagnostics.filter(mine),
      sourceMap: loaded.sourceMap,
    };
    // A module that does not load has no version to compare: only its errors are shown.
    const base = input.baseline && current.primary.length ? input.baseline(current) : undefined;
    const result = lint(current, {
      ...input.lintOptions,
      ...(base?.input ? { against: base.input } : {}),
    });
    diagnostics = [
      ...(base?.diagnostics ?? []),
      ...result.diagnostics.map((d) => (base ? rehome(d, input.path, base) : d)),
    ].filter(mine);
  } catch (e) {
    // The linter promises not to throw; if it does, the loader's findings still show.
    diagnostics = [
      ...loaded.diagnostics.filter(mine),
      {
        severity: "error",
        code: "lsp/internal",
        message: `the linter failed: ${(e as Error)?.message ?? String(e)}`,
      },
    ];
  }
  const sourceFile = loaded.sourceMap.sourceFile(input.path);
  // The symbol index serves requests only: built on the first one, off the path from an
  // edit to its diagnostics.
  let occurrences: readonly Occurrence[] | undefined;
  return {
    path: input.path,
    key: input.key,
    model: loaded.model,
    loaded,
    diagnostics,
    get occurrences() {
      return (occurrences ??= sourceFile ? indexSymbols(sourceFile) : []);
    },
    sourceFile,
    layouts: new Layouts(loaded.model),
    millis: performance.now() - t0,
  };
}
