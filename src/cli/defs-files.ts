/** Which definitions files a command works on: those named, or every module in uapi-defs/. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "./usage.js";

export const DEFAULT_DEFS_DIR = "uapi-defs";

export function definitionFiles(args: readonly string[], cwd: string): string[] {
  if (args.length === 0) {
    const dir = join(cwd, DEFAULT_DEFS_DIR);
    if (!existsSync(dir)) throw new UsageError(`no definitions given and no ${DEFAULT_DEFS_DIR}/ folder in ${cwd}`);
    return readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .sort()
      .map((f) => join(dir, f));
  }
  return args.flatMap((a) => {
    const p = resolve(cwd, a);
    if (!existsSync(p)) throw new UsageError(`${a}: no such file or folder`);
    if (statSync(p).isDirectory()) return definitionFiles([], p).length ? readdirSync(p).filter((f) => f.endsWith(".ts")).sort().map((f) => join(p, f)) : [];
    return [p];
  });
}
