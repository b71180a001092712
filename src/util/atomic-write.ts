/**
 * Writes a set of files into an output folder all or nothing (src/util/write-journal.ts):
 * each run first completes or undoes what an interrupted one left, then stages every new
 * file, commits with a journal and renames the files into place. A failure before the
 * commit changes nothing; a failure after it puts the old files back. Links below the
 * folder are never followed, and only one run writes to a folder at a time.
 */
import { readFileSync } from "node:fs";
import { lockOutput } from "./output-lock.js";
import { failure, OutputError, outputRoot, walk, writableFolderOf } from "./output-paths.js";
import {
  apply,
  commit,
  finish,
  pendingWrites,
  recover,
  rollBack,
  stage,
  type StepHook,
} from "./write-journal.js";

export { OutputError } from "./output-paths.js";
export type { StepHook } from "./write-journal.js";

export interface PlannedFile {
  readonly path: string;
  readonly content: string;
}

export interface WritePlan {
  /** Files whose content would change, with whether they are new. */
  readonly changed: readonly { path: string; created: boolean }[];
  readonly unchanged: readonly string[];
  /** An interrupted write is waiting to be completed or undone by the next write. */
  readonly interrupted: boolean;
}

export interface WriteOptions {
  /** Called at each named step; tests kill or fail the write there. */
  readonly step?: StepHook;
  /** fsync files and folders so the result also survives a power cut (default true). */
  readonly sync?: boolean;
}

/** What writing `files` would change; reads only, never through a link. */
export function planWrites(root: string, files: readonly PlannedFile[]): WritePlan {
  const changed: { path: string; created: boolean }[] = [];
  const unchanged: string[] = [];
  for (const f of files) {
    const { path, is } = walk(root, f.path, false);
    let current: string | undefined;
    if (is === "file") {
      try {
        current = readFileSync(path, "utf8");
      } catch {
        current = undefined;
      }
    }
    if (current === f.content) unchanged.push(f.path);
    else changed.push({ path: f.path, created: is === "missing" });
  }
  return { changed, unchanged, interrupted: pendingWrites(root).length > 0 };
}

export interface WriteResult {
  /** What was written (files whose content already matched are left alone). */
  readonly plan: WritePlan;
  /** What was done first about an interrupted earlier write. */
  readonly notes: readonly string[];
}

/**
 * Makes the folder hold `files` (paths relative to `root`), all or nothing: an interrupted
 * earlier write is completed or undone first, then the files whose content differs are
 * written. Throws an OutputError, with nothing changed, when they cannot be written.
 */
export function writeAtomically(
  root: string,
  all: readonly PlannedFile[],
  options: WriteOptions = {},
): WriteResult {
  const step = options.step ?? (() => {});
  const sync = options.sync ?? true;
  const dir = outputRoot(root);
  step("lock");
  const unlock = lockOutput(dir);
  try {
    step("recover");
    const notes = recover(dir);
    const plan = planWrites(dir, all);
    const changed = new Set(plan.changed.map((c) => c.path));
    const files = all.filter((f) => changed.has(f.path));
    const result = { plan, notes };
    // Every target is checked, and its folders made, before anything is staged.
    for (const f of files) {
      const { path, is } = walk(dir, f.path, true);
      if (is === "folder" || is === "other")
        throw new OutputError(`${f.path} in the output folder is not a file`, path);
      writableFolderOf(path);
    }
    if (files.length === 0) return result;
    const staged = stage(dir, files, step, sync);
    try {
      commit(staged, step, sync);
    } catch (e) {
      finish(staged, step);
      throw e;
    }
    try {
      apply(dir, staged, step, sync);
    } catch (e) {
      try {
        rollBack(dir, staged);
      } catch (undo) {
        // The journal stays: the next run completes the write, or undoes it.
        throw new OutputError(
          `${describe(e)}; putting the old files back failed too (${describe(undo)}): the next \`uapi-gen generate\` completes or undoes the write`,
        );
      }
      finish(staged, step);
      throw e;
    }
    finish(staged, step);
    return result;
  } catch (e) {
    throw asOutputError(e);
  } finally {
    unlock();
  }
}

function describe(e: unknown): string {
  return asOutputError(e).message;
}

/** File system errors as messages for the user (`cannot write PATH: permission denied`). */
function asOutputError(e: unknown): Error {
  if (e instanceof OutputError) return e;
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === "string") return failure(err, err.path ?? "the output folder");
  return e as Error;
}

export { recover as recoverWrites };
