/** Upward search: the nearest folder, from `from` up to the root, that holds `name`. */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export function nearestFolderWith(name: string, from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
