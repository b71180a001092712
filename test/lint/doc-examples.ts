/** The compatibility rules' docs show before/after examples: lint the pair with only that rule. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { compareTrees } from "../../src/lint/compat/tree/compare.js";
import { InstalledTree } from "../../src/lint/compat/tree/installed-tree.js";
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

/**
 * A C example of a compatibility rule: `linux/example.h` in two installed trees (an empty new
 * version means the header is gone), compared as `lint --against` compares header trees, with
 * only that rule. Positions are shown in the new header (`example.h`).
 */
export async function docHeaderExampleDiagnostics(
  rule: Rule<string>,
  before: string,
  after: string,
): Promise<readonly LintDiagnostic[]> {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-doc-"));
  try {
    const tree = (name: string, text: string) => {
      const root = join(dir, name);
      mkdirSync(join(root, "linux"), { recursive: true });
      // The trees hold only the example: it includes nothing but <linux/types.h>, from the host.
      if (text.trim()) writeFileSync(join(root, "linux", "example.h"), text);
      return new InstalledTree(root, name);
    };
    const levels = new Map([[rule.meta.id, rule.meta.severity]]);
    const results = await compareTrees(tree("previous", before), tree("current", after), {
      levels,
      only: (f) => f.installed === "linux/example.h",
    });
    return results.flatMap((r) => r.diagnostics).filter((d) => d.code === rule.meta.id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
