/**
 * Paths inside an output folder, walked one component at a time with `lstat`: a symbolic
 * link anywhere below the folder is refused (a planted link must not send a write outside
 * it), and folders are made one `mkdir` at a time (a recursive mkdir spins forever on paths
 * such as /proc/self/x, where mkdir says ENOENT for a parent that exists).
 */
import { accessSync, constants, lstatSync, mkdirSync, statSync, type Stats } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";

/** A problem with the output folder or a path in it: shown to the user as is. */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = "OutputError";
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw failure(e, path);
  }
}

export function failure(e: unknown, path: string): OutputError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === "EACCES" || err.code === "EPERM" ? "permission denied" : err.code;
  return new OutputError(`cannot write ${path}: ${why ?? err.message}`, path);
}

/**
 * The output folder, made if missing (with its missing parents). Links on the way to it are
 * the user's choice and are followed; the folder must be a folder.
 */
export function outputRoot(dir: string): string {
  const absolute = resolve(dir);
  const parts = absolute.split(sep).filter(Boolean);
  let path: string = sep;
  for (const part of parts) {
    path = join(path, part);
    let s: Stats | undefined;
    try {
      s = statSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw failure(e, path);
    }
    if (s && !s.isDirectory()) throw new OutputError(`${path} is not a folder`, path);
    if (s) continue;
    try {
      mkdirSync(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw failure(e, path);
    }
  }
  return absolute;
}

/** Checks that `rel` stays inside the folder: no absolute path, no `..`. */
function inside(root: string, rel: string): string {
  const target = resolve(root, rel);
  const back = relative(root, target);
  if (isAbsolute(rel) || back === "" || back.startsWith("..") || isAbsolute(back))
    throw new OutputError(`${rel} is not a path inside the output folder`, rel);
  return target;
}

/** What is at a path inside the folder, without following links. */
export type Existing = "missing" | "file" | "link" | "folder" | "other";

function kind(s: Stats | undefined): Existing {
  if (!s) return "missing";
  if (s.isSymbolicLink()) return "link";
  if (s.isFile()) return "file";
  if (s.isDirectory()) return "folder";
  return "other";
}

/**
 * Walks the folders of `rel` below `root`: each must be a real folder or missing (`create`
 * makes it). Returns the absolute path and what is there now.
 */
export function walk(root: string, rel: string, create: boolean): { path: string; is: Existing } {
  const target = inside(root, rel);
  const parts = relative(root, target).split(sep);
  let path = root;
  for (const part of parts.slice(0, -1)) {
    path = join(path, part);
    const is = kind(lstatOrUndefined(path));
    if (is === "folder") continue;
    if (is === "link")
      throw new OutputError(
        `${relative(root, path)} in the output folder is a symbolic link: uapi-gen writes only inside the folder and never follows links there`,
        path,
      );
    if (is !== "missing")
      throw new OutputError(`${relative(root, path)} in the output folder is not a folder`, path);
    if (!create) return { path: target, is: "missing" };
    try {
      mkdirSync(path);
    } catch (e) {
      throw failure(e, path);
    }
  }
  return { path: target, is: kind(lstatOrUndefined(target)) };
}

/** Throws unless the folder holding `path` may be written. */
export function writableFolderOf(path: string): void {
  const folder = resolve(path, "..");
  try {
    accessSync(folder, constants.W_OK);
  } catch (e) {
    throw failure(e, folder);
  }
}
