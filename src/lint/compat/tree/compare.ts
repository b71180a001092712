/**
 * Compares two uAPI header trees as check-uapi.sh does, on every ABI: every header of the new
 * tree that the old one had is read in both versions and compared with the compatibility rules,
 * unless nothing it includes changed; a header the old tree had and the new one lacks is a
 * `header-no-delete` finding (renamed, when its declarations moved to a new header). Findings
 * are shown at the source paths (`include/uapi/linux/x.h`, `@v6.12/include/uapi/…`).
 */
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";
import { importHeader, type ImportResult } from "../../../import/import.js";
import type { CompatCategory, LintDiagnostic, RuleLevel } from "../../types.js";
import { compatPass } from "../run.js";
import type { RemovedHeader } from "../types.js";
import { archByDir, KERNEL_ARCHES, type KernelArch } from "./arches.js";
import { closureOf } from "./closure.js";
import { changedNames, definitionsOf, identifiersOf, stripComments } from "./definitions.js";
import { fileKey, filesByKey, type HeaderTree, type UapiFile } from "./header-tree.js";
import { findRenames } from "./renames.js";
import { ScratchTree } from "./scratch.js";

export interface ReadRequest {
  /** The header written out for the compiler. */
  readonly file: string;
  /** `-I` folders, in order: the architecture's `asm/`, then the tree. */
  readonly includeDirs: readonly string[];
  readonly arch: KernelArch;
}

/** Reads one header into the IR; the C front end by default. */
export type HeaderReader = (request: ReadRequest) => ImportResult;

export const readWithClang: HeaderReader = (r) =>
  importHeader(r.file, {
    clangArgs: [
      ...(r.arch.dir === "x86" ? [] : [`--target=${r.arch.triples[r.arch.abis[0]!]}`]),
      ...r.includeDirs.flatMap((d) => ["-I", d]),
    ],
  });

export interface TreeCompareOptions {
  readonly levels: ReadonlyMap<string, RuleLevel>;
  readonly categories?: readonly CompatCategory[];
  readonly extensible?: ReadonlyMap<string, string>;
  /** Compare only these headers of the new tree (by key, ./header-tree.ts); default: all. */
  readonly only?: (file: UapiFile) => boolean;
  readonly reader?: HeaderReader;
  /** Say so (info) for each header of `only` that the baseline lacks, so none passes unseen. */
  readonly announceAdded?: boolean;
}

/**
 * `unchanged`: it and everything it includes are the same; `unaffected`: its own code is the
 * same (comments aside) and it names nothing whose definition changed in what it includes.
 */
export type HeaderStatus =
  "unchanged" | "unaffected" | "compared" | "added" | "removed" | "renamed" | "unreadable";

export interface HeaderResult {
  readonly file: UapiFile;
  readonly status: HeaderStatus;
  readonly diagnostics: readonly LintDiagnostic[];
}

/** The architecture whose `asm/` a generic header is read with. */
const GENERIC_ARCH = archByDir("x86")!;

/** A header of both trees whose comparison needs the compiler. */
export interface PendingComparison {
  readonly file: UapiFile;
  readonly old: UapiFile;
  readonly oldClosure: readonly UapiFile[];
  readonly newClosure: readonly UapiFile[];
  readonly arch: KernelArch;
}

export interface ComparisonPlan {
  /** Headers settled without the compiler: removed, renamed, added, unchanged, unaffected. */
  readonly settled: readonly HeaderResult[];
  readonly pending: readonly PendingComparison[];
}

/** Which headers need comparing, and the findings that need no compiler. */
export function planComparisons(
  before: HeaderTree,
  after: HeaderTree,
  options: TreeCompareOptions,
): ComparisonPlan {
  const oldByKey = filesByKey(before);
  const newByKey = filesByKey(after);
  const only = options.only ?? (() => true);
  const settled: HeaderResult[] = [];
  const pending: PendingComparison[] = [];
  // Many headers: read both trees whole, in one git process each (one header: its closure).
  if (after.files.filter((f) => only(f)).length > 16) {
    before.prefetch?.(before.files);
    after.prefetch?.(after.files);
  }
  const removed = before.files.filter((f) => !newByKey.has(fileKey(f)) && !f.generated && only(f));
  const added = after.files.filter((f) => !oldByKey.has(fileKey(f)) && !f.generated);
  const renames = findRenames(before, removed, after, added);
  for (const f of removed) {
    const to = renames.get(fileKey(f));
    const header: RemovedHeader = {
      installed: f.installed,
      was: before.display(f),
      ...(to ? { renamedTo: { installed: to.installed, shown: after.display(to) } } : {}),
      abis: abisOf(f),
    };
    const diagnostics = compatPass(EMPTY, EMPTY, options.levels, options.categories ?? [], {
      removedHeaders: [header],
    });
    settled.push({ file: f, status: to ? "renamed" : "removed", diagnostics });
  }
  for (const f of after.files) {
    if (f.generated || !only(f)) continue;
    const old = oldByKey.get(fileKey(f));
    if (!old) {
      const diagnostics: LintDiagnostic[] = options.announceAdded
        ? [
            {
              severity: "info",
              code: "lint/against",
              message: `\`${f.installed}\` is new: ${before.label} has no such header, so there is nothing to compare it with`,
              loc: { file: after.display(f), range: ZERO },
            },
          ]
        : [];
      settled.push({ file: f, status: "added", diagnostics });
      continue;
    }
    const arch = f.arch ? archByDir(f.arch)! : GENERIC_ARCH;
    const oldClosure = closureOf(before, oldByKey, old, arch.dir);
    const newClosure = closureOf(after, newByKey, f, arch.dir);
    if (sameVersions(before, oldClosure, after, newClosure)) {
      settled.push({ file: f, status: "unchanged", diagnostics: [] });
      continue;
    }
    const sameText =
      before.version(old) === after.version(f) ||
      codeOf(before.read(old)) === codeOf(after.read(f));
    if (sameText && !affected(after.read(f) ?? "", before, oldClosure, after, newClosure)) {
      settled.push({ file: f, status: "unaffected", diagnostics: [] });
      continue;
    }
    pending.push({ file: f, old, oldClosure, newClosure, arch });
  }
  return { settled, pending };
}

export function compareTrees(
  before: HeaderTree,
  after: HeaderTree,
  options: TreeCompareOptions,
): HeaderResult[] {
  const plan = planComparisons(before, after, options);
  return [...plan.settled, ...comparePending(before, after, plan.pending, options)];
}

/** Reads both versions of each pending header and runs the compatibility rules on them. */
export function comparePending(
  before: HeaderTree,
  after: HeaderTree,
  pending: readonly PendingComparison[],
  options: TreeCompareOptions,
): HeaderResult[] {
  if (pending.length === 0) return [];
  const scratch = { before: new ScratchTree(before), after: new ScratchTree(after) };
  try {
    before.prefetch?.(pending.flatMap((p) => p.oldClosure));
    after.prefetch?.(pending.flatMap((p) => p.newClosure));
    return pending.map((p) =>
      compareOne(p.file, p.old, p.oldClosure, p.newClosure, p.arch, scratch, options),
    );
  } finally {
    scratch.before.dispose();
    scratch.after.dispose();
  }
}

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

const EMPTY = { model: { modules: [], items: new Map() }, primary: [], diagnostics: [] };

function abisOf(f: UapiFile): readonly string[] {
  return f.arch ? (archByDir(f.arch)?.abis ?? []) : KERNEL_ARCHES.flatMap((a) => a.abis);
}

function sameVersions(
  before: HeaderTree,
  a: readonly UapiFile[],
  after: HeaderTree,
  b: readonly UapiFile[],
): boolean {
  if (a.length !== b.length) return false;
  const versions = new Map(a.map((f) => [fileKey(f), before.version(f)]));
  return b.every((f) => versions.has(fileKey(f)) && versions.get(fileKey(f)) === after.version(f));
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

/** The text without comments and spacing: equal when only comments or layout changed. */
function codeOf(text: string | undefined): string {
  return stripComments(text ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether a header whose own text is unchanged names something that changed in its includes. */
function affected(
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

function compareOne(
  f: UapiFile,
  old: UapiFile,
  oldClosure: readonly UapiFile[],
  newClosure: readonly UapiFile[],
  arch: KernelArch,
  scratch: { before: ScratchTree; after: ScratchTree },
  options: TreeCompareOptions,
): HeaderResult {
  const reader = options.reader ?? readWithClang;
  scratch.before.tree.prefetch?.(oldClosure);
  scratch.after.tree.prefetch?.(newClosure);
  for (const g of oldClosure) scratch.before.write(g);
  for (const g of newClosure) scratch.after.write(g);
  const read = (s: ScratchTree, file: UapiFile) => {
    const path = s.write(file)!;
    return { path, result: reader({ file: path, includeDirs: s.includeDirs(arch), arch }) };
  };
  const b = read(scratch.before, old);
  const a = read(scratch.after, f);
  const relabel = (d: LintDiagnostic) => relabelDiagnostic(d, scratch);
  const broken = (r: ImportResult) => r.diagnostics.some((d) => d.severity === "error");
  if (broken(b.result) || broken(a.result)) {
    const diagnostics: LintDiagnostic[] = [];
    if (broken(b.result) && broken(a.result)) {
      const first = a.result.diagnostics.find((d) => d.severity === "error")!;
      diagnostics.push({
        severity: "warning",
        code: "lint/against",
        message: `not compared: \`${f.installed}\` does not compile on its own in either version (${first.message})`,
        ...(first.loc ? { loc: first.loc } : {}),
        hint: "check-uapi.sh skips such headers too (usr/include/Makefile's no-header-test)",
      });
    } else if (broken(b.result)) {
      // Nothing to compare against; the new version compiles, so nothing is wrong with it.
      const first = b.result.diagnostics.find((d) => d.severity === "error")!;
      diagnostics.push({
        ...first,
        severity: "warning",
        code: "lint/against",
        message: `not compared: \`${f.installed}\` does not compile on its own in ${scratch.before.tree.label} (${first.message})`,
      });
    } else diagnostics.push(...a.result.diagnostics.filter((d) => d.severity === "error"));
    return { file: f, status: "unreadable", diagnostics: diagnostics.map(relabel) };
  }
  const found = compatPass(b.result, a.result, options.levels, options.categories ?? [], {
    ...(options.extensible ? { extensible: options.extensible } : {}),
    elsewhere: (name) => {
      const g = definitions(scratch.after.tree).get(name);
      return g && (g.arch ? `asm/${g.installed.slice(4)} of ${g.arch}` : g.installed);
    },
    abis: f.arch ? arch.abis : KERNEL_ARCHES.flatMap((x) => x.abis),
  });
  return { file: f, status: "compared", diagnostics: found.map(relabel) };
}

const DEFINES = /^\s*#\s*define\s+(\w+)|\b(?:struct|union|enum)\s+(\w+)\s*\{/gm;
const definitionIndex = new WeakMap<HeaderTree, Map<string, UapiFile>>();

/** Where each name of a tree is defined (its first definition), read from the texts once. */
function definitions(tree: HeaderTree): Map<string, UapiFile> {
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

function relabelDiagnostic(
  d: LintDiagnostic,
  scratch: { before: ScratchTree; after: ScratchTree },
): LintDiagnostic {
  const show = (file: string) =>
    scratch.after.display.get(file) ?? scratch.before.display.get(file) ?? file;
  const loc = (l: Diagnostic["loc"]) => (l ? { ...l, file: show(l.file) } : l);
  return {
    ...d,
    ...(d.loc ? { loc: loc(d.loc)! } : {}),
    ...(d.related
      ? { related: d.related.map((r) => (r.loc ? { ...r, loc: loc(r.loc)! } : r)) }
      : {}),
  };
}
