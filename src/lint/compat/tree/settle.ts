/**
 * Which headers need the compiler: a header whose closure (itself and what it includes) is the
 * same in both versions is unchanged; one whose own code is the same (comments aside) and that
 * names nothing whose definition changed in what it includes is unaffected. Both are settled
 * from the texts alone (./definitions.ts).
 */
import { changedNames, definitionsOf, identifiersOf, stripComments } from "./definitions.js";
import { fileKey, type HeaderTree, type UapiFile } from "./header-tree.js";

export function sameVersions(
  before: HeaderTree,
  a: readonly UapiFile[],
  after: HeaderTree,
  b: readonly UapiFile[],
): boolean {
  if (a.length !== b.length) return false;
  const versions = new Map(a.map((f) => [fileKey(f), before.version(f)]));
  return b.every((f) => versions.has(fileKey(f)) && versions.get(fileKey(f)) === after.version(f));
}

/** The header's own code is the same in both versions, comments and spacing aside. */
export function sameCode(
  before: HeaderTree,
  old: UapiFile,
  after: HeaderTree,
  now: UapiFile,
): boolean {
  return (
    before.version(old) === after.version(now) ||
    codeOf(before.read(old)) === codeOf(after.read(now))
  );
}

function codeOf(text: string | undefined): string {
  return stripComments(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

const defsCache = new WeakMap<HeaderTree, Map<string, Map<string, string>>>();

function definitionsIn(tree: HeaderTree, files: readonly UapiFile[]): Map<string, string> {
  let perFile = defsCache.get(tree);
  if (!perFile) defsCache.set(tree, (perFile = new Map()));
  const out = new Map<string, string>();
  for (const f of files) {
    const key = fileKey(f);
    let defs = perFile.get(key);
    if (!defs) perFile.set(key, (defs = definitionsOf(tree.read(f) ?? "")));
    for (const [name, def] of defs) if (!out.has(name)) out.set(name, def);
  }
  return out;
}

/** Whether a header names something whose definition differs between the two closures. */
export function affected(
  text: string,
  before: HeaderTree,
  oldClosure: readonly UapiFile[],
  after: HeaderTree,
  newClosure: readonly UapiFile[],
): boolean {
  const changed = changedNames(definitionsIn(before, oldClosure), definitionsIn(after, newClosure));
  for (const id of identifiersOf(text)) if (changed.has(id)) return true;
  return false;
}

const DEFINES = /^\s*#\s*define\s+(\w+)|\b(?:struct|union|enum)\s+(\w+)\s*\{/gm;
const definitionIndex = new WeakMap<HeaderTree, Map<string, UapiFile>>();

/** Where each name of a tree is defined (its first definition), read from the texts once. */
export function whereDefined(tree: HeaderTree): Map<string, UapiFile> {
  let index = definitionIndex.get(tree);
  if (index) return index;
  index = new Map();
  tree.prefetch?.(tree.files);
  for (const f of tree.files)
    for (const m of (tree.read(f) ?? "").matchAll(DEFINES)) {
      const name = m[1] ?? m[2]!;
      if (!index.has(name)) index.set(name, f);
    }
  definitionIndex.set(tree, index);
  return index;
}
