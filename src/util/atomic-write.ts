/**
 * Writes a set of files all or nothing: every file goes to a temporary sibling first, and
 * only when all are written are they renamed into place (rename is atomic on one file system).
 * A failure removes the temporaries and leaves every existing file as it was.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PlannedFile {
  readonly path: string;
  readonly content: string;
}

export interface WritePlan {
  /** Files whose content would change, with whether they are new. */
  readonly changed: readonly { path: string; created: boolean }[];
  readonly unchanged: readonly string[];
}

export function planWrites(root: string, files: readonly PlannedFile[]): WritePlan {
  const changed: { path: string; created: boolean }[] = [];
  const unchanged: string[] = [];
  for (const f of files) {
    let current: string | undefined;
    try {
      current = readFileSync(join(root, f.path), "utf8");
    } catch {
      current = undefined;
    }
    if (current === f.content) unchanged.push(f.path);
    else changed.push({ path: f.path, created: current === undefined });
  }
  return { changed, unchanged };
}

export function writeAtomically(root: string, files: readonly PlannedFile[]): void {
  const temps: { temp: string; target: string }[] = [];
  try {
    for (const f of files) {
      const target = join(root, f.path);
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, f.content);
      temps.push({ temp, target });
    }
  } catch (e) {
    for (const t of temps) rmSync(t.temp, { force: true });
    throw e;
  }
  for (const t of temps) renameSync(t.temp, t.target);
}
