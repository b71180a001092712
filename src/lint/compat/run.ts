/**
 * Runs the compatibility rules between a baseline and the current version, as an extra pass
 * of `lint()`, with the levels of the configuration and an optional category filter.
 */
import { Layouts } from "../../layout/layouts.js";
import type { LintInput } from "../lint.js";
import { toDiagnostic } from "../report.js";
import type { CompatCategory, LintDiagnostic, RuleLevel } from "../types.js";
import { pairVersions } from "./pairs.js";
import { COMPAT_RULE_LIST } from "./rules/index.js";
import type { CompatContext, Side } from "./types.js";

export function compatPass(
  baseline: LintInput,
  current: LintInput,
  levels: ReadonlyMap<string, RuleLevel>,
  categories: readonly CompatCategory[] = [],
): LintDiagnostic[] {
  const side = (i: LintInput): Side => ({
    model: i.model,
    layouts: new Layouts(i.model),
    modules: i.primary,
  });
  const before = side(baseline);
  const after = side(current);
  let pairs: CompatContext["pairs"];
  try {
    pairs = pairVersions(before, after);
  } catch (e) {
    return [
      {
        severity: "error",
        code: "lint/internal",
        message: `comparing versions failed: ${(e as Error).message}`,
      },
    ];
  }
  const out: LintDiagnostic[] = [];
  for (const rule of COMPAT_RULE_LIST) {
    const level = levels.get(rule.meta.id) ?? "off";
    if (level === "off" || (categories.length && !categories.includes(rule.meta.category)))
      continue;
    try {
      rule.check({ before, after, pairs, report: (r) => out.push(toDiagnostic(rule, level, r)) });
    } catch (e) {
      out.push({
        severity: "error",
        code: "lint/internal",
        message: `rule ${rule.meta.id} failed: ${(e as Error).message}`,
      });
    }
  }
  return out;
}
