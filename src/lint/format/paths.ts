import { relative, isAbsolute } from "node:path";

/** A path relative to `cwd` when it is inside it; absolute otherwise. */
export function relativePath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel.startsWith("..") ? file : rel;
}

/** `relativePath` against one `cwd`, remembered per file: a run repeats the same few files. */
export function relativePaths(cwd: string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let rel = known.get(file);
    if (rel === undefined) known.set(file, (rel = relativePath(file, cwd)));
    return rel;
  };
}
