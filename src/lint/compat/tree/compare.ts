/**
 * Compares two uAPI header trees as check-uapi.sh does, on every ABI: every header of the new
 * tree that the old one had is read in both versions and compared with the compatibility rules,
 * unless the texts settle it (./settle.ts); a header the old tree had and the new one lacks is a
 * `header-no-delete` finding (renamed, when its declarations moved to a new header). Headers are
 * read in batches (one per version and set of ABIs: every ABI for a generic header, its
 * architecture's for an `asm/` one), both versions at once.
 */
import type { CompatCategory, LintDiagnostic, RuleLevel } from "../../types.js";
import { compatPass } from "../run.js";
import type { RemovedHeader } from "../types.js";
import { abiSensitive } from "./abi-sensitive.js";
import { archByDir, KERNEL_ARCHES } from "./arches.js";
import { closureOf } from "./closure.js";
import { fileKey, filesByKey, type HeaderTree, type UapiFile } from "./header-tree.js";
import { judge } from "./judge.js";
import { readBatchWithClang, type BatchReader } from "./read.js";
import { findRenames } from "./renames.js";
import { ScratchTree } from "./scratch.js";
import { affected, sameCode, sameVersions } from "./settle.js";

export interface TreeCompareOptions {
  readonly levels: ReadonlyMap<string, RuleLevel>;
  readonly categories?: readonly CompatCategory[];
  readonly extensible?: ReadonlyMap<string, string>;
  /** Compare only these headers of the new tree; default: all. */
  readonly only?: (file: UapiFile) => boolean;
  readonly reader?: BatchReader;
  /** Say so (info) for each header of `only` that the baseline lacks, so none passes unseen. */
  readonly announceAdded?: boolean;
  /** Read and compare on these ABIs only (default: every ABI of the table). */
  readonly abis?: readonly string[];
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

/** A header of both trees whose comparison needs the compiler. */
export interface PendingComparison {
  readonly file: UapiFile;
  readonly old: UapiFile;
  readonly oldClosure: readonly UapiFile[];
  readonly newClosure: readonly UapiFile[];
  /** The ABIs it is judged on: every one, or its architecture's. */
  readonly abis: readonly string[];
  /** The ABIs it is read on: the same, or the first only when it cannot differ (./abi-sensitive.ts). */
  readonly readAbis: readonly string[];
}

export interface ComparisonPlan {
  /** Headers settled without the compiler: removed, renamed, added, unchanged, unaffected. */
  readonly settled: readonly HeaderResult[];
  readonly pending: readonly PendingComparison[];
}

const ALL_ABIS = KERNEL_ARCHES.flatMap((a) => a.abis);
const ALL_ARCHES = KERNEL_ARCHES.map((a) => a.dir);
const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const EMPTY = { model: { modules: [], items: new Map() }, primary: [], diagnostics: [] };

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
      settled.push({ file: f, status: "added", diagnostics: announce(f, before, after, options) });
      continue;
    }
    const arches = f.arch ? [f.arch] : ALL_ARCHES;
    const oldClosure = closureOf(before, oldByKey, old, arches);
    const newClosure = closureOf(after, newByKey, f, arches);
    if (sameVersions(before, oldClosure, after, newClosure))
      settled.push({ file: f, status: "unchanged", diagnostics: [] });
    else if (
      sameCode(before, old, after, f) &&
      !affected(after.read(f) ?? "", before, oldClosure, after, newClosure)
    )
      settled.push({ file: f, status: "unaffected", diagnostics: [] });
    else {
      const abis = abisOf(f, options.abis).filter(
        (a) => (!before.abis || before.abis.includes(a)) && (!after.abis || after.abis.includes(a)),
      );
      if (abis.length === 0) {
        settled.push({ file: f, status: "unchanged", diagnostics: [] });
        continue;
      }
      const sensitive =
        abiSensitive(oldClosure, (g) => before.read(g as UapiFile)) ||
        abiSensitive(newClosure, (g) => after.read(g as UapiFile));
      const readAbis = sensitive ? abis : abis.slice(0, 1);
      pending.push({ file: f, old, oldClosure, newClosure, abis, readAbis });
    }
  }
  return { settled, pending };
}

export async function compareTrees(
  before: HeaderTree,
  after: HeaderTree,
  options: TreeCompareOptions,
): Promise<HeaderResult[]> {
  const plan = planComparisons(before, after, options);
  return [...plan.settled, ...(await comparePending(before, after, plan.pending, options))];
}

/** Reads both versions of each pending header and runs the compatibility rules on them. */
export async function comparePending(
  before: HeaderTree,
  after: HeaderTree,
  pending: readonly PendingComparison[],
  options: TreeCompareOptions,
): Promise<HeaderResult[]> {
  if (pending.length === 0) return [];
  const reader = options.reader ?? readBatchWithClang;
  const scratch = { before: new ScratchTree(before), after: new ScratchTree(after) };
  try {
    before.prefetch?.(pending.flatMap((p) => p.oldClosure));
    after.prefetch?.(pending.flatMap((p) => p.newClosure));
    const byAbis = new Map<string, PendingComparison[]>();
    for (const p of pending) {
      const key = `${p.readAbis.join(",")}/${p.abis.join(",")}`;
      const list = byAbis.get(key);
      if (list) list.push(p);
      else byAbis.set(key, [p]);
    }
    const results: HeaderResult[] = [];
    // Batches of a bounded size: the front end holds a batch's syntax trees in memory.
    const batches = [...byAbis.values()].flatMap((g) => chunks(g, BATCH));
    for (const group of batches) {
      const { abis, readAbis } = group[0]!;
      // A tree on disk in Debian's layout is read where it is; any other is written out,
      // only what the ABIs read need: the generic headers, and their architectures' asm/.
      const side = (
        tree: HeaderTree,
        s: ScratchTree,
        root: (p: PendingComparison) => UapiFile,
        closure: (p: PendingComparison) => readonly UapiFile[],
      ) => {
        if (tree.onDisk)
          return {
            includeDir: tree.onDisk.root,
            files: group.map((p) => tree.onDisk!.pathOf(root(p))!),
          };
        const files = group.map((p) => {
          for (const g of closure(p)) s.write(g, readAbis);
          return s.write(root(p), readAbis)!;
        });
        return { includeDir: s.dir, files };
      };
      const o = side(
        before,
        scratch.before,
        (p) => p.old,
        (p) => p.oldClosure,
      );
      const n = side(
        after,
        scratch.after,
        (p) => p.file,
        (p) => p.newClosure,
      );
      const [olds, news] = await Promise.all([
        reader({ files: o.files, includeDir: o.includeDir, abis: readAbis }),
        reader({ files: n.files, includeDir: n.includeDir, abis: readAbis }),
      ]);
      group.forEach((p, i) =>
        results.push(judge(p.file, abis, olds[i]!, news[i]!, scratch, options)),
      );
    }
    return results;
  } finally {
    scratch.before.dispose();
    scratch.after.dispose();
  }
}

/** Headers per batch of the front end: enough to share its compiler runs, few enough to hold. */
const BATCH = 32;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function abisOf(f: UapiFile, only?: readonly string[]): readonly string[] {
  const all = f.arch ? (archByDir(f.arch)?.abis ?? []) : ALL_ABIS;
  return only ? all.filter((a) => only.includes(a)) : all;
}

function announce(
  f: UapiFile,
  before: HeaderTree,
  after: HeaderTree,
  options: TreeCompareOptions,
): LintDiagnostic[] {
  if (!options.announceAdded) return [];
  return [
    {
      severity: "info",
      code: "lint/against",
      message: `\`${f.installed}\` is new: ${before.label} has no such header, so there is nothing to compare it with`,
      loc: { file: after.display(f), range: ZERO },
    },
  ];
}
