import { relative, isAbsolute } from "node:path";

/** A path relative to `cwd` when it is inside it; absolute otherwise. */
export function relativePath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  return rel.startsWith("..") ? file : rel;
}
