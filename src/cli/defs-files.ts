/** Which definitions files a command works on: those named, or every module in uapi-defs/. */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "./usage.js";

export const DEFAULT_DEFS_DIR = "uapi-defs";

function modulesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(dir, f));
}

/** The files named (a folder stands for the modules in it), or uapi-defs/*.ts when none is. */
export function definitionFiles(args: readonly string[], cwd: string): string[] {
  if (args.length === 0) {
    const dir = join(cwd, DEFAULT_DEFS_DIR);
    if (!existsSync(dir))
      throw new UsageError(`no definitions given and no ${DEFAULT_DEFS_DIR}/ folder in ${cwd}`);
    return modulesIn(dir);
  }
  return args.flatMap((a) => {
    const p = resolve(cwd, a);
    if (!existsSync(p)) throw new UsageError(`${a}: no such file or folder`);
    return statSync(p).isDirectory() ? modulesIn(p) : [p];
  });
}
