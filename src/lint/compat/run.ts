/**
 * Runs the compatibility rules between a baseline and the current version, as an extra pass
 * of `lint()`, with the levels of the configuration and an optional category filter.
 */
import { ABIS } from "../../abi/abis.js";
import { Layouts } from "../../layout/layouts.js";
import type { LintInput } from "../lint.js";
import { toDiagnostic } from "../report.js";
import type { CompatCategory, LintDiagnostic, RuleLevel } from "../types.js";
import { pairVersions } from "./pairs.js";
import { COMPAT_RULE_LIST } from "./rules/index.js";
import type { CompatContext, Side } from "./types.js";

export interface CompatOptions {
  /** Structs declared extensible (`uapi-lint.json`, annotations): name → why. */
  readonly extensible?: ReadonlyMap<string, string>;
  /** Source text of the baseline's and the current files (macro bodies). */
  readonly beforeText?: (file: string) => string | undefined;
  readonly afterText?: (file: string) => string | undefined;
  /** The ABIs both versions stand for (default: every ABI; an `asm/` header: its arch's). */
  readonly abis?: readonly string[];
}

export function compatPass(
  baseline: LintInput,
  current: LintInput,
  levels: ReadonlyMap<string, RuleLevel>,
  categories: readonly CompatCategory[] = [],
  options: CompatOptions = {},
): LintDiagnostic[] {
  const side = (i: LintInput, text: CompatOptions["beforeText"]): Side => ({
    model: i.model,
    layouts: new Layouts(i.model),
    modules: i.primary,
    ...(options.extensible ? { extensible: options.extensible } : {}),
    ...(text ? { text } : {}),
  });
  const before = side(baseline, options.beforeText);
  const after = side(current, options.afterText);
  const abis = options.abis ?? ABIS.map((a) => a.name);
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
      rule.check({
        before,
        after,
        pairs,
        abis,
        report: (r) => out.push(toDiagnostic(rule, level, r)),
      });
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
