/**
 * The rule tester: valid and invalid tables per rule, with exact positions, in the style of
 * typescript-eslint's RuleTester. Each case is a definitions module in memory (the tester
 * prepends one line importing the whole DSL, and positions are given relative to the case's
 * own text). It is strict on purpose:
 * - a case whose definitions do not load cleanly fails (a broken case tests nothing);
 * - an invalid case must list every diagnostic the rule reports, with messageId, line and
 *   column (1-based), and `data` when the message has placeholders;
 * - `output` is what `--fix` makes of the case (prettier-formatted); `output: null` asserts
 *   that no fix is offered.
 */
import { describe, expect, it } from "vitest";
import * as prettier from "prettier";
import { loadDefinitions } from "../../src/load/load.js";
import { lint } from "../../src/lint/lint.js";
import { fixUntilStable } from "../../src/lint/fix.js";
import type { LintDiagnostic, Rule } from "../../src/lint/types.js";

export const DSL_IMPORT =
  'import { anonymousUnion, array, char, constant, enumeration, flagSet, header, ioctl, struct, union } from "uapi-gen/dsl";';

export interface ExpectedError {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly data?: Readonly<Record<string, string | number>>;
}

export interface InvalidCase {
  readonly name?: string;
  readonly code: string;
  readonly errors: readonly ExpectedError[];
  readonly output?: string | null;
}

export type ValidCase = string | { readonly name?: string; readonly code: string };

const FILE = "/virtual/case.ts";

/** Lints `code` with only `rule` enabled. */
export function lintCase(
  rule: Rule<string>,
  code: string,
  files: Record<string, string> = {},
): readonly LintDiagnostic[] {
  const all: Record<string, string> = { [FILE]: `${DSL_IMPORT}\n${code}`, ...files };
  const loaded = loadDefinitions([FILE], { readFile: (f) => all[f] });
  expect(
    loaded.diagnostics.map((d) => `${d.loc?.range.start.line}:${d.message}`),
    "the case's definitions must load cleanly",
  ).toEqual([]);
  const levels = new Map([[rule.meta.id, rule.meta.severity]]);
  const result = lint(loaded, {
    rules: [rule],
    config: { levels, ignores: [] },
    sourceText: (f) => all[f],
  });
  return result.diagnostics;
}

export function runRuleTests(
  rule: Rule<string>,
  cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] },
): void {
  describe(rule.meta.id, () => {
    cases.valid.forEach((c, i) => {
      const code = typeof c === "string" ? c : c.code;
      const name = typeof c === "string" ? `valid #${i + 1}` : (c.name ?? `valid #${i + 1}`);
      it(name, () => {
        expect(lintCase(rule, code).map(show)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(c.name ?? `invalid #${i + 1}`, async () => {
        expect(c.errors.length, "an invalid case lists at least one error").toBeGreaterThan(0);
        const found = lintCase(rule, c.code);
        expect(found.every((d) => d.code === rule.meta.id)).toBe(true);
        expect(found.map(actual)).toEqual(c.errors.map((e, k) => expected(e, found[k])));
        for (const [k, e] of c.errors.entries()) {
          const template = rule.meta.messages[e.messageId];
          expect(template, `unknown messageId ${e.messageId}`).toBeDefined();
          if (/\{\{/.test(template!) && e.data === undefined) {
            // Placeholders must be pinned by the message itself at least.
            expect(found[k]?.message).not.toMatch(/\{\{/);
          }
        }
        if (c.output !== undefined) await checkOutput(rule, c.code, c.output);
      });
    });
  });
}

function show(d: LintDiagnostic): string {
  return `${d.loc?.range.start.line ?? 0}:${(d.loc?.range.start.character ?? 0) + 1} ${d.code} ${d.message}`;
}

function actual(d: LintDiagnostic) {
  return {
    messageId: d.messageId,
    line: d.loc!.range.start.line,
    column: d.loc!.range.start.character + 1,
    data: d.data,
  };
}

function expected(e: ExpectedError, got: LintDiagnostic | undefined) {
  return { messageId: e.messageId, line: e.line, column: e.column, data: e.data ?? got?.data };
}

async function checkOutput(rule: Rule<string>, code: string, output: string | null): Promise<void> {
  const files = new Map([[FILE, `${DSL_IMPORT}\n${code}`]]);
  const result = await fixUntilStable(
    () => {
      const loaded = loadDefinitions([FILE], { readFile: (f) => files.get(f) });
      return lint(loaded, {
        rules: [rule],
        config: { levels: new Map([[rule.meta.id, "error"]]), ignores: [] },
        sourceText: (f) => files.get(f),
      }).diagnostics;
    },
    { read: (f) => files.get(f), write: (f, t) => void files.set(f, t) },
  );
  if (output === null) {
    expect(result.applied, "no fix is offered").toBe(0);
    return;
  }
  const want = await prettier.format(`${DSL_IMPORT}\n${output}`, { filepath: FILE });
  expect(files.get(FILE)).toBe(want);
}
