/**
 * One write of a set of files into an output folder, as a transaction with a journal.
 *
 * Everything lives in a staging folder inside the output folder, made by mkdtemp (a name
 * nobody can predict, created exclusively, mode 0700): `new/<i>` holds the new content of
 * each file and `old/<i>` a hard link to what it replaces. Writing `journal.json` (to a
 * temporary name, then renamed) is the commit point:
 *
 * - before it, nothing outside the staging folder changed: recovery deletes the folder;
 * - after it, each `new/<i>` is renamed over its target; recovery renames the ones still
 *   there (roll forward), or, if a rename fails for good, puts every `old/<i>` back.
 *
 * Every run of `generate` recovers first, so a `kill -9` at any moment leaves the complete
 * old set or, once recovered, the complete new one, and no temporary file after the next run.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { failure, OutputError, walk } from "./output-paths.js";

/** Prefix of the staging folders: `.uapi-gen-write-XXXXXX`. */
export const STAGING_PREFIX = ".uapi-gen-write-";
const JOURNAL = "journal.json";

interface Journal {
  readonly version: 1;
  /** Targets relative to the output folder; entry i is staged as new/<i>. */
  readonly targets: readonly string[];
}

/** Named points of a write, for tests that kill or fail it there. */
export type StepHook = (step: string) => void;

function writeFileExclusive(path: string, data: string, sync: boolean): void {
  const fd = openSync(path, "wx", 0o600);
  try {
    const buffer = Buffer.from(data, "utf8");
    for (let done = 0; done < buffer.length;)
      done += writeSync(fd, buffer, done, buffer.length - done);
    if (sync) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncFolder(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a folder; the rename is still atomic.
  } finally {
    closeSync(fd);
  }
}

export interface StagedWrite {
  readonly stage: string;
  readonly targets: readonly string[];
}

/** Writes every new content into a fresh staging folder; nothing else is touched. */
export function stage(
  root: string,
  files: readonly { path: string; content: string }[],
  step: StepHook,
  sync: boolean,
): StagedWrite {
  step("stage");
  const dir = mkdtempSync(join(root, STAGING_PREFIX));
  try {
    mkdirSync(join(dir, "new"));
    mkdirSync(join(dir, "old"));
    files.forEach((f, i) => {
      step(`stage ${f.path}`);
      writeFileExclusive(join(dir, "new", String(i)), f.content, sync);
    });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return { stage: dir, targets: files.map((f) => f.path) };
}

/** The commit point: once the journal has its name, the write will be completed. */
export function commit(w: StagedWrite, step: StepHook, sync: boolean): void {
  step("commit");
  const journal: Journal = { version: 1, targets: w.targets };
  const temp = join(w.stage, `${JOURNAL}.tmp`);
  writeFileExclusive(temp, JSON.stringify(journal), sync);
  step("commit rename");
  renameSync(temp, join(w.stage, JOURNAL));
  if (sync) syncFolder(w.stage);
}

/** Renames each staged file over its target, keeping a link to the old one. */
export function apply(root: string, w: StagedWrite, step: StepHook, sync: boolean): void {
  const folders = new Set<string>();
  w.targets.forEach((target, i) => {
    const staged = join(w.stage, "new", String(i));
    if (!existsSync(staged)) return; // applied before an interruption
    step(`keep ${target}`);
    const { path, is } = walk(root, target, true);
    if (is === "folder" || is === "other")
      throw new OutputError(`${target} in the output folder is not a file`, path);
    const old = join(w.stage, "old", String(i));
    if (is !== "missing" && !existsSync(old)) keepOld(path, old, is);
    step(`apply ${target}`);
    renameSync(staged, path);
    folders.add(dirname(path));
  });
  if (sync) for (const f of folders) syncFolder(f);
}

function keepOld(path: string, old: string, is: string): void {
  try {
    linkSync(path, old);
  } catch (e) {
    // A file system without hard links: a copy serves the same purpose.
    if (is !== "file") throw e;
    copyFileSync(path, old);
  }
}

/** Puts back what `apply` replaced: the old files, and no file where there was none. */
export function rollBack(root: string, w: StagedWrite): void {
  for (let i = w.targets.length - 1; i >= 0; i--) {
    if (existsSync(join(w.stage, "new", String(i)))) continue; // never applied
    const { path } = walk(root, w.targets[i]!, false);
    const old = join(w.stage, "old", String(i));
    if (existsSync(old)) renameSync(old, path);
    else rmSync(path, { force: true });
  }
}

/** Removes the staging folder, journal first: from then on nothing is pending. */
export function finish(w: StagedWrite, step: StepHook): void {
  step("finish");
  rmSync(join(w.stage, JOURNAL), { force: true });
  step("finish remove");
  rmSync(w.stage, { recursive: true, force: true });
}

/** The staging folders in `root`, committed or not. */
function stagingFolders(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(STAGING_PREFIX)).map((n) => join(root, n));
}

function readJournal(stage: string): Journal | undefined {
  let text: string;
  try {
    text = readFileSync(join(stage, JOURNAL), "utf8");
  } catch {
    return undefined;
  }
  const j = JSON.parse(text) as Journal;
  if (j?.version !== 1 || !Array.isArray(j.targets))
    throw new OutputError(`${stage} holds a journal this version does not know`, stage);
  return j;
}

export interface Pending {
  readonly stage: string;
  readonly committed: boolean;
}

/** Writes an interrupted run left behind, without changing anything. */
export function pendingWrites(root: string): Pending[] {
  return stagingFolders(root).map((stage) => ({
    stage,
    committed: existsSync(join(stage, JOURNAL)),
  }));
}

/**
 * Completes or undoes what an interrupted run left: a committed write is rolled forward (or
 * back, should a file no longer be writable); anything uncommitted is deleted. Returns what
 * was done, for the user.
 */
export function recover(root: string, step: StepHook = () => {}): string[] {
  const done: string[] = [];
  for (const stageDir of stagingFolders(root)) {
    const journal = readJournal(stageDir);
    const w: StagedWrite = { stage: stageDir, targets: journal?.targets ?? [] };
    if (journal) {
      try {
        apply(root, w, step, true);
        done.push(`completed an interrupted write of ${w.targets.length} file(s)`);
      } catch (e) {
        rollBack(root, w);
        done.push(`undid an interrupted write that cannot be completed (${(e as Error).message})`);
      }
    } else done.push("removed the temporary files of an interrupted write");
    try {
      finish(w, step);
    } catch (e) {
      throw failure(e, stageDir);
    }
  }
  return done;
}
