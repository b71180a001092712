/**
 * `lint --against` over header trees (./plan.ts says when): the tree comparison's findings, then
 * suppression comments and configuration ignores as `lint()` applies them to any finding.
 */
import type { ResolvedConfig } from "../../config.js";
import { lint, type LintResult } from "../../lint.js";
import type { CompatCategory } from "../../types.js";
import { compareTrees, type HeaderResult } from "./compare.js";
import { planTreeRun } from "./plan.js";

export interface TreeLintOptions {
  readonly config: ResolvedConfig;
  readonly categories: readonly CompatCategory[];
  readonly knownRules?: ReadonlySet<string>;
}

export interface TreeLintResult extends LintResult {
  /** What became of each header (compared, unchanged, removed, ...). */
  readonly headers: readonly HeaderResult[];
}

/** The tree comparison these arguments ask for, or undefined when they name no header tree. */
export function lintHeaderTrees(
  args: readonly string[],
  against: string,
  cwd: string,
  options: TreeLintOptions,
): TreeLintResult | undefined {
  const planned = planTreeRun(args, against, cwd);
  if (!planned) return undefined;
  if ("error" in planned) return { diagnostics: [planned.error], suppressed: 0, headers: [] };
  const { plan } = planned;
  const headers = compareTrees(plan.before, plan.after, {
    levels: options.config.levels,
    categories: options.categories,
    ...(options.config.extensible ? { extensible: options.config.extensible } : {}),
    only: plan.only,
    announceAdded: true,
  });
  const findings = headers.flatMap((h) => h.diagnostics);
  const result = lint(
    { model: { modules: [], items: new Map() }, primary: [], diagnostics: [] },
    {
      config: options.config,
      rules: [],
      ...(options.knownRules ? { knownRules: options.knownRules } : {}),
      extraPasses: [() => findings],
    },
  );
  return { ...result, headers };
}
