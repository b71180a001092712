/**
 * Loads definitions modules into the IR: read, parse (syntax errors are diagnostics),
 * evaluate the declarative subset, and build the model. Modules imported by the requested
 * ones are loaded too, so cross-module references resolve; `primary` says which were asked for.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ts } from "ts-morph";
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";
import type { Model, ModuleIR } from "../model/ir.js";
import { buildModel } from "./build-ir.js";
import { EvalBounds } from "./eval-bounds.js";
import { ModuleEvaluator, type ModuleValues } from "./evaluate.js";
import { checkIncludeCycles } from "./include-cycles.js";
import { MAX_SOURCE_CHARACTERS } from "./limits.js";
import { findDeepNesting } from "./prescan.js";
import { SourceMap, toLoc } from "./source-map.js";

export interface LoadOptions {
  /** Reads a file; an editor passes unsaved buffers here. Return undefined when missing. */
  readonly readFile?: (file: string) => string | undefined;
}

export interface LoadResult {
  readonly model: Model;
  readonly diagnostics: readonly Diagnostic[];
  /** The modules that were asked for, in order (not those only imported). */
  readonly primary: readonly ModuleIR[];
  /** Positions of evaluated values; its source files are parsed without parent pointers. */
  readonly sourceMap: SourceMap;
}

function defaultReadFile(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function loadDefinitions(files: readonly string[], options: LoadOptions = {}): LoadResult {
  const readFile = options.readFile ?? defaultReadFile;
  const diagnostics: Diagnostic[] = [];
  const sourceFiles = new Map<string, ts.SourceFile>();
  const map = new SourceMap(sourceFiles);
  const evaluators = new Map<string, ModuleEvaluator | null>();
  const order: string[] = [];

  const bounds = new EvalBounds();

  /** Opens a module once; `importedBy` is set when another module imports it. */
  const open = (file: string, importedBy?: string): ModuleEvaluator | { error: string } => {
    const known = evaluators.get(file);
    if (known !== undefined)
      return known ?? { error: `cannot load ${file} (see the errors there)` };
    const text = readFile(file);
    if (text === undefined) {
      evaluators.set(file, null);
      if (importedBy) return { error: `cannot read ${file}` };
      diagnostics.push({
        severity: "error",
        code: "defs/io",
        message: `cannot read ${file}`,
        loc: fileStart(file),
        hint: "check the path",
      });
      return { error: `cannot read ${file}` };
    }
    const problem = checkText(file, text);
    if (problem) {
      diagnostics.push(problem);
      evaluators.set(file, null);
      return { error: `cannot load ${file} (see the errors there)` };
    }
    const sf = parse(file, text);
    if (!sf) {
      diagnostics.push(tooDeep(file));
      evaluators.set(file, null);
      return { error: `cannot load ${file} (see the errors there)` };
    }
    sourceFiles.set(file, sf);
    const syntax = (sf as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] })
      .parseDiagnostics;
    for (const d of syntax) diagnostics.push(syntaxDiagnostic(sf, d));
    const evaluator = syntax.length
      ? null
      : new ModuleEvaluator(sf, map, resolveImport, diagnostics, bounds);
    evaluators.set(file, evaluator);
    order.push(file);
    return evaluator ?? { error: `cannot load ${file} (see the errors there)` };
  };

  const resolveImport = (fromFile: string, specifier: string, name: string) => {
    if (!specifier.startsWith("."))
      return {
        error: `only uapi-gen/dsl and relative definitions modules can be imported, not "${specifier}"`,
      };
    const path = specifier.endsWith(".js")
      ? specifier.slice(0, -3) + ".ts"
      : specifier.endsWith(".ts")
        ? specifier
        : specifier + ".ts";
    const target = resolve(dirname(fromFile), path);
    const evaluator = open(target, fromFile);
    if ("error" in evaluator) return { error: `cannot load ${specifier}: ${evaluator.error}` };
    return evaluator.exported(name);
  };

  // A file named twice is one module (`generate a.ts a.ts`).
  const absolute = [...new Set(files.map((f) => resolve(f)))];
  for (const file of absolute) open(file);
  const values: ModuleValues[] = [];
  // Evaluating a module may open the modules it imports, so walk until no new one appears.
  for (let i = 0; i < order.length; i++) {
    const evaluator = evaluators.get(order[i]!);
    if (evaluator) values.push(evaluator.run());
  }
  const rank = new Map(order.map((file, i) => [file, i]));
  values.sort((a, b) => rank.get(a.file)! - rank.get(b.file)!);
  const model = buildModel(values, map, diagnostics);
  diagnostics.push(...checkIncludeCycles(model));
  // One module per file (a file is opened once), looked up per requested file.
  const byFile = new Map(model.modules.map((m) => [m.file, m]));
  const primary = absolute.flatMap((f) => {
    const m = byFile.get(f);
    return m ? [m] : [];
  });
  return { model, diagnostics, primary, sourceMap: map };
}

/**
 * Parses of recent texts, shared by the loads of one process: `lint --against` loads two
 * versions whose unchanged modules are byte-identical, and the language server reloads the
 * modules an edited one imports. A parse tree is never changed after parsing, and positions
 * are always taken with the source file passed explicitly, so one tree serves several file
 * names: each caller gets a view of it that differs only in `fileName`.
 */
const recentParses = new Map<string, ts.SourceFile>();
const RECENT_PARSES = 32;

function parse(file: string, text: string): ts.SourceFile | undefined {
  let tree = recentParses.get(text);
  if (tree)
    recentParses.delete(text); // re-inserted below: the map's order is least recent first
  else {
    // No parent pointers: setting them costs a walk of every tree, and nothing here climbs
    // the tree (positions are taken with the source file, `node.getStart(sf)`).
    try {
      tree = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    } catch (e) {
      // The scan before parsing bounds what makes the parser recurse; should some other
      // construct still exhaust its stack, the file is refused, not the process.
      if (e instanceof RangeError) return undefined;
      throw e;
    }
    tree.getLineStarts(); // computed once here, shared by every view
    if (recentParses.size >= RECENT_PARSES) recentParses.delete(recentParses.keys().next().value!);
  }
  recentParses.set(text, tree);
  const view: ts.SourceFile = Object.create(tree);
  view.fileName = file;
  return view;
}

function fileStart(file: string): SourceLoc {
  const start = { line: 0, character: 0 };
  return { file, range: { start, end: start } };
}

/** A file too large, or nested too deeply for the parser: a diagnostic, and it is not parsed. */
function checkText(file: string, text: string): Diagnostic | undefined {
  if (text.length > MAX_SOURCE_CHARACTERS)
    return {
      severity: "error",
      code: "defs/limit",
      message: `this file has ${text.length} characters, over the limit of ${MAX_SOURCE_CHARACTERS}`,
      loc: fileStart(file),
      hint: "split it into several definitions modules",
    };
  const deep = findDeepNesting(text);
  if (!deep) return undefined;
  return {
    severity: "error",
    code: "defs/limit",
    message: deep.message,
    loc: { file, range: { start: positionAt(text, deep.start), end: positionAt(text, deep.end) } },
    hint: deep.hint,
  };
}

function tooDeep(file: string): Diagnostic {
  return {
    severity: "error",
    code: "defs/limit",
    message: "this file nests too deeply for the TypeScript parser",
    loc: fileStart(file),
    hint: "split deeply nested values into named constants declared one after another",
  };
}

/** Line and character of an offset, the way the parser counts them (CR, LF, CRLF, LS, PS). */
function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, character: offset - start };
}

function syntaxDiagnostic(sf: ts.SourceFile, d: ts.DiagnosticWithLocation): Diagnostic {
  const node = { getStart: () => d.start, getEnd: () => d.start + d.length } as unknown as ts.Node;
  return {
    severity: "error",
    code: "defs/syntax",
    message: ts.flattenDiagnosticMessageText(d.messageText, " "),
    loc: toLoc(node, sf),
  };
}
