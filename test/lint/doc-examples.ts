/** The compatibility rules' docs show before/after examples: lint the pair with only that rule. */
import { expect } from "vitest";
import { COMPAT_RULE_LIST } from "../../src/lint/compat/rules/index.js";
import { lint } from "../../src/lint/lint.js";
import type { LintDiagnostic, Rule } from "../../src/lint/types.js";
import { loadDefinitions } from "../../src/load/load.js";
import { DSL_IMPORT } from "./rule-tester.js";

export const DOC_RULES: readonly Rule<string>[] = COMPAT_RULE_LIST as unknown as Rule<string>[];

export function docExampleDiagnostics(
  rule: Rule<string>,
  before: string,
  after: string,
): readonly LintDiagnostic[] {
  const load = (dir: string, code: string) => {
    const file = `/virtual/${dir}/example.ts`;
    const text = `${DSL_IMPORT}\n${code}`;
    const loaded = loadDefinitions([file], { readFile: (f) => (f === file ? text : undefined) });
    expect(
      loaded.diagnostics.map((d) => d.message),
      "the example must load cleanly",
    ).toEqual([]);
    return loaded;
  };
  const levels = new Map([[rule.meta.id, rule.meta.severity]]);
  return lint(load("current", after), {
    rules: [],
    config: { levels, ignores: [] },
    against: load("previous", before),
  }).diagnostics;
}
