/**
 * What `uapi-gen lint` reads: definitions modules (`*.ts`, or folders of them), loaded
 * together as one model, and C headers (`*.h`), each imported through clang as its own
 * translation unit. A baseline for `--against` is read the same way from git or a folder.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../cli/usage.js";
import { definitionFiles } from "../cli/defs-files.js";
import { importHeader, importHeaders } from "../import/import.js";
import { loadDefinitions } from "../load/load.js";
import { baselineSource, readBaseline } from "./compat/baseline.js";
import type { Model } from "../model/ir.js";
import type { LintInput } from "./lint.js";
import type { LintDiagnostic } from "./types.js";

export interface Input extends LintInput {
  readonly kind: "definitions" | "header";
  /** The file a header came from (definitions: every primary module). */
  readonly files: readonly string[];
  readonly text?: (file: string) => string | undefined;
}

export interface ReadOptions {
  /** Include folders for C headers (`-I`, the configuration's `includePath`). */
  readonly includeDirs?: readonly string[];
}

export async function readInputs(
  args: readonly string[],
  cwd: string,
  options: ReadOptions = {},
): Promise<Input[]> {
  const headers = args.filter((a) => a.endsWith(".h"));
  const defs = args.filter((a) => !a.endsWith(".h"));
  const out: Input[] = [];
  if (defs.length || !headers.length) {
    const files = definitionFiles(defs, cwd);
    const loaded = loadDefinitions(files);
    const tree = treeOf(files, loaded.model);
    out.push({ ...loaded, kind: "definitions", files, ...(tree ? { tree } : {}) });
  }
  // Every header in one batch: one compiler run per ABI for all of them.
  const files = headerFiles(headers, cwd);
  const imported = await importHeaders(files, { includeDirs: options.includeDirs ?? [] });
  files.forEach((h, i) => {
    const one = imported[i]!;
    out.push({ ...one, kind: "header", files: [h], text: (f) => (f === h ? one.text : undefined) });
  });
  return out;
}

/**
 * The rest of the definitions tree of the linted files (every module of their folders), for
 * the rules whose uniqueness spans it: `lint FILE` from a pre-commit hook must still see an
 * ioctl number another module of the tree took. Undefined when the model already holds the
 * whole tree. The tree's own load problems are not the linted files' and are dropped.
 */
function treeOf(files: readonly string[], model: Model): Model | undefined {
  const loaded = new Set(model.modules.map((m) => m.file));
  const tree = [...new Set(files.map((f) => dirname(f)))].flatMap((d) => definitionFiles([d], d));
  if (tree.every((f) => loaded.has(f))) return undefined;
  return loadDefinitions(tree).model;
}

function headerFiles(headers: readonly string[], cwd: string): string[] {
  return headers.map((h) => {
    const p = resolve(cwd, h);
    if (!existsSync(p)) throw new UsageError(`${h}: no such file`);
    return p;
  });
}

/** The baseline of one input, or the diagnostics saying why there is none. */
export async function readBaselineOf(
  input: Input,
  against: string,
  cwd: string,
  options: ReadOptions = {},
): Promise<{ input?: LintInput; diagnostics: LintDiagnostic[] }> {
  const source = baselineSource(against, cwd);
  if (!("read" in source)) return { diagnostics: [source] };
  if (input.kind === "definitions") {
    const baseline = readBaseline(against, input, cwd, source);
    return baseline.ok
      ? { input: baseline.input, diagnostics: [] }
      : { diagnostics: baseline.diagnostics };
  }
  const header = input.files[0]!;
  const path = source.pathOf(header);
  const text = path === undefined ? undefined : source.read(path);
  // Never silently: a header the baseline lacks is new, and nothing was compared.
  if (text === undefined)
    return {
      input: { model: { modules: [], items: new Map() }, primary: [], diagnostics: [] },
      diagnostics: [
        {
          severity: "info",
          code: "lint/against",
          message: `${basename(header)} is new: ${source.label} has no such file, so there is nothing to compare it with`,
          loc: {
            file: header,
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          },
          hint: "if it should be there, check that the baseline folder mirrors the paths of the work tree",
        },
      ],
    };
  // clang reads files: write the old text to a scratch folder; quoted includes still resolve.
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-baseline-"));
  try {
    const tmp = join(dir, basename(header));
    writeFileSync(tmp, text);
    const imported = await importHeader(tmp, {
      includeDirs: [dirname(header), ...(options.includeDirs ?? [])],
      displayFile: path,
    });
    return {
      input: imported,
      diagnostics: imported.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => ({
          ...d,
          code: "lint/against",
          message: `baseline ${source.label}: ${d.message}`,
        })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
