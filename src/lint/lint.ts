/**
 * `lint(input, options)`: runs the enabled rules over the linted modules of a loaded model,
 * then drops what suppression comments and configuration ignores cover. It is a pure
 * function of its input (an editor calls it on every keystroke with unsaved buffers given
 * to the loader), and it never throws for bad input: a rule that fails reports an internal
 * diagnostic instead of taking the others down.
 */
import { readFileSync } from "node:fs";
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";
import { Layouts } from "../layout/layouts.js";
import type { Model } from "../model/ir.js";
import type { LoadResult } from "../load/load.js";
import type { SourceMap } from "../load/source-map.js";
import { toDiagnostic } from "./report.js";
import { compatPass, type CompatOptions } from "./compat/run.js";
import { resolveConfig, type ResolvedConfig } from "./config.js";
import { Fixer } from "./fixer.js";
import { RULE_LIST } from "./rules/index.js";
import { applySuppressions, parseSuppressions } from "./suppressions.js";
import type {
  CompatCategory,
  LintDiagnostic,
  ReportInput,
  Rule,
  RuleContext,
  RuleLevel,
} from "./types.js";
import { COMPAT_RULE_LIST } from "./compat/rules/index.js";

/** What the linter reads: a loaded definitions model, or one imported from C headers. */
export type LintInput = Pick<LoadResult, "model" | "primary" | "diagnostics"> & {
  readonly sourceMap?: SourceMap;
  /** The whole definitions tree of the linted files, when more than they import (see RuleContext). */
  readonly tree?: Model;
};

export interface LintOptions {
  /** Rule levels and ignores; default: the `recommended` preset. */
  readonly config?: ResolvedConfig;
  /** The rules to run (default: every layout rule, at the levels of `config`). */
  readonly rules?: readonly Rule<string>[];
  /** An older version to run the compatibility rules against (`--against`). */
  readonly against?: LintInput;
  /** With `against`: what the compatibility rules read besides the two versions. */
  readonly compat?: CompatOptions;
  /** With `against`: only these compatibility categories (default: both). */
  readonly categories?: readonly CompatCategory[];
  /** Extra rule passes, e.g. the compatibility rules against an older version. */
  readonly extraPasses?: readonly ((known: ReadonlyMap<string, RuleLevel>) => LintDiagnostic[])[];
  /** Source text of a file, for suppression comments (default: the loader's, else the disk's). */
  readonly sourceText?: (file: string) => string | undefined;
  /** Every rule id a suppression or ignore may name (default: the rules run). */
  readonly knownRules?: ReadonlySet<string>;
}

export interface LintResult {
  /** Input diagnostics (loader, import) first, then findings, sorted by position. */
  readonly diagnostics: readonly LintDiagnostic[];
  /** How many findings suppression comments and ignores removed. */
  readonly suppressed: number;
}

export function lint(input: LintInput, options: LintOptions = {}): LintResult {
  const rules = options.rules ?? RULE_LIST;
  const config = options.config ?? resolveConfig(undefined, [...rules, ...COMPAT_RULE_LIST]);
  const layouts = new Layouts(input.model);
  const fixer = new Fixer((file) => input.sourceMap?.sourceFile(file));
  const findings: LintDiagnostic[] = [];
  // Suppressions and ignores of rules that did not run are not "unused".
  const ran = new Set<string>();
  for (const rule of rules) {
    const level = config.levels.get(rule.meta.id) ?? "off";
    if (level === "off") continue;
    ran.add(rule.meta.id);
    // One push per finding: spreading a rule's findings as arguments overflows on big trees.
    for (const d of runRule(rule, level, {
      model: input.model,
      layouts,
      modules: input.primary,
      tree: input.tree ?? input.model,
      fixer,
    }))
      findings.push(d);
  }
  for (const pass of options.extraPasses ?? []) findings.push(...pass(config.levels));
  if (options.against) {
    const categories = options.categories ?? [];
    findings.push(
      ...compatPass(options.against, input, config.levels, categories, {
        ...(config.extensible ? { extensible: config.extensible } : {}),
        ...options.compat,
      }),
    );
    for (const r of COMPAT_RULE_LIST)
      if (
        (config.levels.get(r.meta.id) ?? "off") !== "off" &&
        (!categories.length || categories.includes(r.meta.category))
      )
        ran.add(r.meta.id);
  }

  const known =
    options.knownRules ?? new Set([...rules, ...COMPAT_RULE_LIST].map((r) => r.meta.id));
  const text =
    options.sourceText ?? ((f: string) => input.sourceMap?.sourceFile(f)?.text ?? readText(f));
  const files = new Set(input.primary.map((m) => m.file));
  for (const d of findings) if (d.loc) files.add(d.loc.file);
  const suppressionDiagnostics: LintDiagnostic[] = [];
  const suppressions = [...files].flatMap((file) => {
    const source = text(file);
    if (source === undefined) return [];
    const parsed = parseSuppressions(file, source, known);
    suppressionDiagnostics.push(...parsed.diagnostics);
    return parsed.suppressions;
  });
  const afterComments = applySuppressions(findings, suppressions);
  const afterIgnores = applyIgnores(afterComments.kept, config);
  const unused: LintDiagnostic[] = [
    ...afterComments.unused
      .filter((s) => s.rules.some((r) => ran.has(r)))
      .map((s) =>
        unusedNote(
          `this suppression of ${s.rules.join(", ")} matches no finding`,
          s.loc,
          "lint/unused-suppression",
        ),
      ),
    ...afterIgnores.unused
      .filter((i) => ran.has(i.rule))
      .map((i) =>
        unusedNote(
          `the ignore of ${i.rule} at ${i.path} matches no finding`,
          i.loc,
          "lint/unused-ignore",
        ),
      ),
  ];
  return {
    diagnostics: [
      ...input.diagnostics,
      ...sortDiagnostics([...afterIgnores.kept, ...suppressionDiagnostics, ...unused]),
    ],
    suppressed: afterComments.suppressed + afterIgnores.suppressed,
  };
}

function runRule(
  rule: Rule<string>,
  level: Exclude<RuleLevel, "off">,
  base: Omit<RuleContext<string>, "report">,
): LintDiagnostic[] {
  const out: LintDiagnostic[] = [];
  const ctx: RuleContext<string> = {
    ...base,
    report: (r: ReportInput<string>) => out.push(toDiagnostic(rule, level, r)),
  };
  try {
    rule.check(ctx);
  } catch (e) {
    out.push({
      severity: "error",
      code: "lint/internal",
      message: `rule ${rule.meta.id} failed: ${(e as Error)?.message ?? String(e)}`,
      hint: "please report this",
    });
  }
  return out;
}

function applyIgnores(diagnostics: LintDiagnostic[], config: ResolvedConfig) {
  const used = new Set<(typeof config.ignores)[number]>();
  // By rule, in their order: a finding only looks at the ignores of its own rule.
  const byRule = new Map<string, (typeof config.ignores)[number][]>();
  for (const i of config.ignores) {
    const list = byRule.get(i.rule);
    if (list) list.push(i);
    else byRule.set(i.rule, [i]);
  }
  const kept = diagnostics.filter((d) => {
    const path = d.path;
    const hit =
      path === undefined
        ? undefined
        : byRule.get(d.code)?.find((i) => path === i.path || path.startsWith(`${i.path}.`));
    if (hit) used.add(hit);
    return !hit;
  });
  return {
    kept,
    unused: config.ignores.filter((i) => !used.has(i)),
    suppressed: diagnostics.length - kept.length,
  };
}

function unusedNote(message: string, loc: SourceLoc | undefined, code: string): LintDiagnostic {
  return { severity: "warning", code, message, ...(loc ? { loc } : {}), hint: "remove it" };
}

export function sortDiagnostics<D extends Diagnostic>(list: D[]): D[] {
  return list.sort((a, b) => {
    const fa = a.loc?.file ?? "";
    const fb = b.loc?.file ?? "";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const sa = a.loc?.range.start;
    const sb = b.loc?.range.start;
    return (
      (sa?.line ?? -1) - (sb?.line ?? -1) ||
      (sa?.character ?? -1) - (sb?.character ?? -1) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
    );
  });
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
