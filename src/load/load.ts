/**
 * Loads definitions modules into the IR: read, parse (syntax errors are diagnostics),
 * evaluate the declarative subset, and build the model. Modules imported by the requested
 * ones are loaded too, so cross-module references resolve; `primary` says which were asked for.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ts } from "ts-morph";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Model, ModuleIR } from "../model/ir.js";
import { buildModel } from "./build-ir.js";
import { ModuleEvaluator, type ModuleValues } from "./evaluate.js";
import { checkIncludeCycles } from "./include-cycles.js";
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

  const open = (file: string): ModuleEvaluator | null => {
    const known = evaluators.get(file);
    if (known !== undefined) return known;
    const text = readFile(file);
    if (text === undefined) {
      diagnostics.push({
        severity: "error",
        code: "defs/io",
        message: `cannot read ${file}`,
        hint: "check the path",
      });
      evaluators.set(file, null);
      return null;
    }
    const sf = parse(file, text);
    sourceFiles.set(file, sf);
    const syntax = (sf as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] })
      .parseDiagnostics;
    for (const d of syntax) diagnostics.push(syntaxDiagnostic(sf, d));
    const evaluator = syntax.length
      ? null
      : new ModuleEvaluator(sf, map, resolveImport, diagnostics);
    evaluators.set(file, evaluator);
    order.push(file);
    return evaluator;
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
    const evaluator = open(target);
    if (!evaluator) return { error: `cannot load ${specifier} (see the errors there)` };
    return evaluator.exported(name);
  };

  const absolute = files.map((f) => resolve(f));
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

function parse(file: string, text: string): ts.SourceFile {
  let tree = recentParses.get(text);
  if (tree)
    recentParses.delete(text); // re-inserted below: the map's order is least recent first
  else {
    // No parent pointers: setting them costs a walk of every tree, and nothing here climbs
    // the tree (positions are taken with the source file, `node.getStart(sf)`).
    tree = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
    tree.getLineStarts(); // computed once here, shared by every view
    if (recentParses.size >= RECENT_PARSES) recentParses.delete(recentParses.keys().next().value!);
  }
  recentParses.set(text, tree);
  const view: ts.SourceFile = Object.create(tree);
  view.fileName = file;
  return view;
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
