/**
 * `lint --against` over header trees (./plan.ts says when): the tree comparison's findings, then
 * suppression comments and configuration ignores as `lint()` applies them to any finding.
 *
 * A whole tree has hundreds of headers to read twice. With a `fanOut` (the CLI gives one: run
 * itself on a list of headers, as JSON), the headers that need the compiler are split between
 * as many processes as the machine has cores; each compares its share exactly as this process
 * would, and the findings are merged.
 */
import { availableParallelism } from "node:os";
import type { ResolvedConfig } from "../../config.js";
import { lint, type LintResult } from "../../lint.js";
import type { CompatCategory, LintDiagnostic } from "../../types.js";
import {
  comparePending,
  planComparisons,
  type HeaderResult,
  type PendingComparison,
  type TreeCompareOptions,
} from "./compare.js";
import { planTreeRun, type TreePlan } from "./plan.js";

export interface TreeLintOptions {
  readonly config: ResolvedConfig;
  readonly categories: readonly CompatCategory[];
  readonly knownRules?: ReadonlySet<string>;
}

export interface TreeLintResult extends LintResult {
  /** What became of each header (compared, unchanged, removed, ...). */
  readonly headers: readonly HeaderResult[];
}

/** Runs the comparison of some headers (paths as the command line names them) elsewhere. */
export type FanOut = (paths: readonly string[]) => Promise<readonly LintDiagnostic[]>;

/** Below this many headers to read, one process is faster than starting others. */
const FAN_OUT_FROM = 24;

/** The tree comparison these arguments ask for, or undefined when they name no header tree. */
export async function lintHeaderTrees(
  args: readonly string[],
  against: string,
  cwd: string,
  options: TreeLintOptions,
): Promise<TreeLintResult | undefined> {
  const planned = planTreeRun(args, against, cwd);
  if (!planned) return undefined;
  if ("error" in planned) return { diagnostics: [planned.error], suppressed: 0, headers: [] };
  const { plan } = planned;
  const compareOptions = compareOptionsOf(plan, options);
  const { settled, pending } = planComparisons(plan.before, plan.after, compareOptions);
  const headers = [
    ...settled,
    ...(await comparePending(plan.before, plan.after, pending, compareOptions)),
  ];
  return finish(
    headers,
    headers.flatMap((h) => h.diagnostics),
    options,
  );
}

/** As `lintHeaderTrees`, with the compiler's work shared between processes. */
export async function lintHeaderTreesInParallel(
  args: readonly string[],
  against: string,
  cwd: string,
  options: TreeLintOptions,
  fanOut: FanOut,
): Promise<TreeLintResult | undefined> {
  const planned = planTreeRun(args, against, cwd);
  if (!planned) return undefined;
  if ("error" in planned) return { diagnostics: [planned.error], suppressed: 0, headers: [] };
  const { plan } = planned;
  const compareOptions = compareOptionsOf(plan, options);
  const { settled, pending } = planComparisons(plan.before, plan.after, compareOptions);
  const workers = Math.min(availableParallelism(), 8);
  if (pending.length < FAN_OUT_FROM || workers < 2) {
    const compared = await comparePending(plan.before, plan.after, pending, compareOptions);
    const headers = [...settled, ...compared];
    return finish(
      headers,
      headers.flatMap((h) => h.diagnostics),
      options,
    );
  }
  // Round robin, so each share gets headers of every size.
  const shares: PendingComparison[][] = Array.from({ length: workers }, () => []);
  pending.forEach((p, i) => shares[i % workers]!.push(p));
  const found = await Promise.all(
    shares.map((share) => fanOut(share.map((p) => plan.pathOf(p.file)))),
  );
  const compared: HeaderResult[] = pending.map((p) => ({
    file: p.file,
    status: "compared",
    diagnostics: [],
  }));
  return finish(
    [...settled, ...compared],
    [...settled.flatMap((h) => h.diagnostics), ...found.flat()],
    options,
  );
}

function compareOptionsOf(plan: TreePlan, options: TreeLintOptions): TreeCompareOptions {
  return {
    levels: options.config.levels,
    categories: options.categories,
    ...(options.config.extensible ? { extensible: options.config.extensible } : {}),
    only: plan.only,
    announceAdded: true,
  };
}

function finish(
  headers: readonly HeaderResult[],
  findings: readonly LintDiagnostic[],
  options: TreeLintOptions,
): TreeLintResult {
  const result = lint(
    { model: { modules: [], items: new Map() }, primary: [], diagnostics: [] },
    {
      config: options.config,
      rules: [],
      ...(options.knownRules ? { knownRules: options.knownRules } : {}),
      extraPasses: [() => [...findings]],
    },
  );
  return { ...result, headers };
}
