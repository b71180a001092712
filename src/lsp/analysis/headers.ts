/**
 * Lint diagnostics for C uAPI headers, through the C front end (src/import). Its compiler
 * runs take a few hundred milliseconds, so headers are analysed off the event loop: the
 * editor's buffer goes to a scratch copy next to nothing else, the compilers run as
 * asynchronous child processes (quoted includes still resolve: the header's own folder is an
 * include folder), and the model is linted like the `uapi-gen lint` command does. One run per
 * header at a time; edits during a run cause one more run afterwards, never a queue of them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { Layouts } from "../../layout/layouts.js";
import type { Model, ModuleIR } from "../../model/ir.js";
import { importHeader } from "../../import/import.js";
import { lint, type LintDiagnostic, type LintOptions } from "../../lint/index.js";
import { tooLarge } from "./files.js";
import type { Sources } from "./sources.js";

export interface HeaderHost {
  readonly sources: Sources;
  readonly lintOptions: () => LintOptions;
  publish(path: string, diagnostics: readonly Diagnostic[], version: number | undefined): void;
  log(message: string): void;
}

/** The last model imported from a header, for hovers; its locations name the scratch copy. */
export interface HeaderModel {
  readonly model: Model;
  readonly layouts: Layouts;
  readonly primary: readonly ModuleIR[];
}

export class HeaderAnalyser {
  private readonly models = new Map<string, HeaderModel>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly host: HeaderHost) {}

  /** Analyses the header after `delayMs` (edits) or at once (open, save, configuration). */
  schedule(path: string, delayMs: number): void {
    const t = this.timers.get(path);
    if (t) clearTimeout(t);
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        void this.run(path);
      }, delayMs),
    );
  }

  /** The model of the header's last analysis, when clang could read it. */
  model(path: string): HeaderModel | undefined {
    return this.models.get(path);
  }

  cancel(path: string): void {
    const t = this.timers.get(path);
    if (t) clearTimeout(t);
    this.timers.delete(path);
  }

  private async run(path: string): Promise<void> {
    if (this.running.has(path)) {
      this.again.add(path);
      return;
    }
    this.running.add(path);
    try {
      const stamp = this.host.sources.stamp(path);
      const version = this.host.sources.openDocument(path)?.version;
      const text = this.host.sources.text(path);
      const size = this.host.sources.tooLarge(path);
      if (size !== undefined)
        return this.host.publish(path, [tooLarge(path, size, this.host.sources.limit)], version);
      if (text === undefined) return;
      const result = await analyseHeaderModel(path, text, this.host.lintOptions());
      // Published only if still current; a newer edit has its own run coming.
      if (this.host.sources.stamp(path) === stamp) {
        if (result.model) this.models.set(path, result.model);
        this.host.publish(path, result.diagnostics, version);
      } else this.again.add(path);
    } catch (e) {
      this.host.log(`header analysis of ${path} failed: ${(e as Error)?.stack ?? String(e)}`);
    } finally {
      this.running.delete(path);
      if (this.again.delete(path)) void this.run(path);
    }
  }
}

/** Imports and lints one header's text; diagnostics are located in `path`. */
export async function analyseHeader(
  path: string,
  text: string,
  options: LintOptions,
): Promise<LintDiagnostic[]> {
  return (await analyseHeaderModel(path, text, options)).diagnostics;
}

/** Like {@link analyseHeader}, keeping the imported model for hovers. */
async function analyseHeaderModel(
  path: string,
  text: string,
  options: LintOptions,
): Promise<{ diagnostics: LintDiagnostic[]; model?: HeaderModel }> {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-lsp-"));
  const scratch = join(dir, basename(path));
  try {
    writeFileSync(scratch, text);
    // Quoted includes of the header still resolve from its own folder.
    const imported = await importHeader(scratch, { includeDirs: [dirname(path)] });
    let result: readonly LintDiagnostic[] = imported.diagnostics;
    let kept: HeaderModel | undefined;
    if (imported.primary.length) {
      const { model, primary } = imported;
      kept = { model, layouts: new Layouts(model), primary };
      result = lint(imported, {
        ...options,
        sourceText: (f) => (f === scratch ? text : undefined),
      }).diagnostics;
    }
    // Back from the scratch copy to the header the editor has open.
    const back = result
      .filter((d) => !d.loc || d.loc.file === scratch)
      .map((d) => ({ ...d, loc: d.loc ? { ...d.loc, file: path } : top(path) }));
    return kept ? { diagnostics: back, model: kept } : { diagnostics: back };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function top(path: string) {
  return {
    file: path,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
