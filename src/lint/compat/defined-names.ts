/**
 * The names a version's translation unit defines, read from the texts of its files: what the
 * front end could not turn into an item (a macro that is not an integer, an ioctl through a
 * wrapper macro) is still defined for user space, so it was not removed.
 */
import type { Side } from "./types.js";

const DEFINES =
  /^\s*#\s*define\s+(\w+)|\b(?:struct|union|enum)\s+(\w+)\s*\{|^\s*typedef\b[^;{]*?(\w+)\s*;/gm;

const cache = new WeakMap<Side, ReadonlySet<string>>();

export function definedNames(side: Side): ReadonlySet<string> {
  let names = cache.get(side);
  if (names) return names;
  const out = new Set<string>();
  for (const m of side.model.modules) {
    const text = side.text?.(m.file);
    if (text === undefined) continue;
    for (const d of text.matchAll(DEFINES)) {
      const name = d[1] ?? d[2] ?? d[3];
      if (name) out.add(name);
    }
  }
  cache.set(side, (names = out));
  return names;
}
