/**
 * The import graph of definitions modules, read with the TypeScript scanner only
 * (`preProcessFile`, a fraction of a parse), so that the modules an analysis needs are
 * known before loading and the dependents of an edited module are known without loading.
 */
import { dirname, resolve } from "node:path";
import { ts } from "ts-morph";
import { isDslSpecifier } from "../../load/evaluate.js";

export interface ModuleImports {
  /** Absolute paths of the definitions modules imported, resolved as the loader does. */
  readonly modules: readonly string[];
  /** True when the text imports uapi-gen/dsl: the file is a definitions module. */
  readonly importsDsl: boolean;
}

export function scanImports(path: string, text: string): ModuleImports {
  const info = ts.preProcessFile(text, true, false);
  const modules: string[] = [];
  let importsDsl = false;
  for (const f of info.importedFiles) {
    if (isDslSpecifier(f.fileName)) importsDsl = true;
    else if (f.fileName.startsWith(".")) modules.push(resolveSpecifier(path, f.fileName));
  }
  return { modules, importsDsl };
}

/** The same resolution as src/load/load.ts: `./x.js` and `./x` name `./x.ts`. */
export function resolveSpecifier(fromFile: string, specifier: string): string {
  const p = specifier.endsWith(".js")
    ? specifier.slice(0, -3) + ".ts"
    : specifier.endsWith(".ts")
      ? specifier
      : specifier + ".ts";
  return resolve(dirname(fromFile), p);
}

/**
 * `path` and every module it imports, imported ones first. The loader needs that order:
 * a module it opens only through an import is not yet declared when the importer asks it
 * for a binding (see the report), so each dependency is passed before its importers.
 */
export function importClosure(path: string, importsOf: (p: string) => readonly string[]): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (p: string): void => {
    if (seen.has(p)) return;
    seen.add(p);
    for (const dep of importsOf(p)) visit(dep);
    order.push(p);
  };
  visit(path);
  return order;
}
