/**
 * A removed header whose declarations reappear in a header added in the same change was
 * renamed (or moved): told from its text, by the names it defines (struct, union and enum tags,
 * macros), so it costs no compiler run.
 */
import { fileKey, type HeaderTree, type UapiFile } from "./header-tree.js";

const DEFINES = /^\s*(?:struct|union|enum)\s+(\w+)\s*\{|^\s*#\s*define\s+(\w+)/gm;

function namesOf(text: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const m of (text ?? "").matchAll(DEFINES)) {
    const name = m[1] ?? m[2]!;
    // Include guards say nothing about the content.
    if (!/^_+[A-Z0-9_]*_H_*$/.test(name)) out.add(name);
  }
  return out;
}

/** For each removed header (by key): the added header that took most of its names, if any. */
export function findRenames(
  before: HeaderTree,
  removed: readonly UapiFile[],
  after: HeaderTree,
  added: readonly UapiFile[],
): Map<string, UapiFile> {
  const out = new Map<string, UapiFile>();
  const addedNames = added.map((f) => ({ f, names: namesOf(after.read(f)) }));
  for (const r of removed) {
    const names = namesOf(before.read(r));
    if (names.size < 2) continue;
    let best: { f: UapiFile; share: number } | undefined;
    for (const a of addedNames) {
      if ((a.f.arch ?? "") !== (r.arch ?? "")) continue;
      let kept = 0;
      for (const n of names) if (a.names.has(n)) kept++;
      const share = kept / names.size;
      if (share >= 0.6 && (!best || share > best.share)) best = { f: a.f, share };
    }
    if (best) out.set(fileKey(r), best.f);
  }
  return out;
}
