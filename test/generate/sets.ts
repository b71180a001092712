/**
 * Sets of generated files for the write tests, read from disk: the old set is out/ as
 * committed (what `generate` writes for the shipped definitions); the new set changes every
 * one of those files and adds the golden outputs of the module with every construct, so a
 * write replaces every old file and creates new ones.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export const REPO = join(import.meta.dirname, "..", "..");

export interface FileSet {
  readonly path: string;
  readonly content: string;
}

function readTree(dir: string): FileSet[] {
  const out: FileSet[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else out.push({ path: relative(dir, p), content: readFileSync(p, "utf8") });
    }
  };
  visit(dir);
  return out;
}

export function oldAndNew(): { old: FileSet[]; new: FileSet[] } {
  const old = readTree(join(REPO, "out"));
  const known = new Set(old.map((f) => f.path));
  const extra = readTree(join(REPO, "test/golden/everything")).filter((f) => !known.has(f.path));
  return {
    old,
    new: [...old.map((f) => ({ path: f.path, content: `${f.content}\n/* new */\n` })), ...extra],
  };
}

/** Every file under `dir`, relative, with its content; names starting with `.uapi-gen-` apart. */
export function snapshot(dir: string): { files: Map<string, string>; temporary: string[] } {
  const files = new Map<string, string>();
  const temporary: string[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (name.startsWith(".uapi-gen-")) temporary.push(relative(dir, p));
      else if (statSync(p).isDirectory()) visit(p);
      else files.set(relative(dir, p), readFileSync(p, "utf8"));
    }
  };
  visit(dir);
  return { files, temporary };
}

/** Whether `files` (a snapshot's) are exactly `set`. */
export function matches(files: ReadonlyMap<string, string>, set: readonly FileSet[]): boolean {
  return files.size === set.length && set.every((f) => files.get(f.path) === f.content);
}

/** Whether the folder holds exactly `set` (temporaries apart). */
export function holds(dir: string, set: readonly FileSet[]): boolean {
  return matches(snapshot(dir).files, set);
}
