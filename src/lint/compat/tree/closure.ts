/**
 * The headers a header includes, transitively, as the compiler resolves them in an installed
 * tree: `<asm/x.h>` is the architecture's, anything else generic; `"x.h"` is looked up beside
 * the including header first. Read from the text (`#include` lines), so deciding which headers
 * changed costs no compiler run.
 */
import { posix } from "node:path";
import { fileKey, type HeaderTree, type UapiFile } from "./header-tree.js";

const INCLUDE = /^\s*#\s*include\s*([<"])([^>"]+)[>"]/gm;
const MAX_FILES = 5_000;

export function includesOf(text: string): { path: string; quoted: boolean }[] {
  const out: { path: string; quoted: boolean }[] = [];
  for (const m of text.matchAll(INCLUDE)) out.push({ path: m[2]!.trim(), quoted: m[1] === '"' });
  return out;
}

/**
 * Every header of `tree` that `root` pulls in (itself first), for the architectures given:
 * `asm/` includes resolve to each of theirs (a generic header reads the `asm/` of whichever
 * architecture it is compiled for).
 */
export function closureOf(
  tree: HeaderTree,
  byKey: ReadonlyMap<string, UapiFile>,
  root: UapiFile,
  arches: readonly string[],
): UapiFile[] {
  const out: UapiFile[] = [];
  const seen = new Set<string>([fileKey(root)]);
  // Breadth first, one level at a time: a git revision reads each level in one process.
  let level: UapiFile[] = [root];
  while (level.length && out.length < MAX_FILES) {
    tree.prefetch?.(level);
    const next: UapiFile[] = [];
    for (const f of level) {
      out.push(f);
      const text = tree.read(f);
      if (text === undefined) continue;
      for (const inc of includesOf(text))
        for (const found of resolve(byKey, f, inc, f.arch ? [f.arch] : arches)) {
          if (seen.has(fileKey(found))) continue;
          seen.add(fileKey(found));
          next.push(found);
        }
    }
    level = next;
  }
  return out;
}

function resolve(
  byKey: ReadonlyMap<string, UapiFile>,
  from: UapiFile,
  inc: { path: string; quoted: boolean },
  arches: readonly string[],
): UapiFile[] {
  const candidates: string[] = [];
  if (inc.quoted)
    candidates.push(posix.normalize(posix.join(posix.dirname(from.installed), inc.path)));
  candidates.push(inc.path);
  for (const c of candidates) {
    const found = c.startsWith("asm/")
      ? arches.flatMap((a) => byKey.get(`${a}:${c}`) ?? [])
      : (byKey.get(c) ?? []);
    const list = Array.isArray(found) ? found : [found];
    if (list.length) return list;
  }
  return [];
}
