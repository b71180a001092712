/**
 * In-source suppression comments, in definitions modules and C headers alike:
 *
 *   // uapi-lint-disable-next-line <rule-id>[, <rule-id>...] -- <reason>
 *   field: { ... }, // uapi-lint-disable-line <rule-id>[, <rule-id>...] -- <reason>
 *   /* uapi-lint-disable-next-line <rule-id> -- <reason> *\/
 *
 * `next-line` covers findings reported on the next line, `line` those on its own line. The
 * reason after `--` is required; a comment without one, or naming an unknown rule, is an
 * error and suppresses nothing. A suppression that suppresses nothing is reported too, so
 * they do not outlive the problem.
 */
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";

export interface Suppression {
  readonly file: string;
  /** Zero-based line whose findings it covers. */
  readonly line: number;
  readonly rules: readonly string[];
  readonly reason: string;
  readonly loc: SourceLoc;
}

const DIRECTIVE = /uapi-lint-disable-(next-line|line)\b(.*)/;

export function parseSuppressions(
  file: string,
  text: string,
  known: ReadonlySet<string>,
): { suppressions: Suppression[]; diagnostics: Diagnostic[] } {
  const suppressions: Suppression[] = [];
  const diagnostics: Diagnostic[] = [];
  // Most files have no directive: skip splitting them into lines.
  if (!text.includes("uapi-lint-disable-")) return { suppressions, diagnostics };
  text.split("\n").forEach((lineText, line) => {
    const m = DIRECTIVE.exec(lineText);
    if (!m) return;
    const before = lineText.slice(0, m.index);
    if (!/(\/\/|\/\*)\s*$/.test(before)) return;
    const character = m.index;
    const loc: SourceLoc = {
      file,
      range: { start: { line, character }, end: { line, character: lineText.length } },
    };
    const body = m[2]!.replace(/\*\/.*$/, "");
    const [rulesPart = "", ...reasonParts] = body.split("--");
    const reason = reasonParts.join("--").trim();
    const rules = rulesPart.split(/[\s,]+/).filter(Boolean);
    const bad = (message: string, hint: string) =>
      diagnostics.push({ severity: "error", code: "lint/suppression", message, loc, hint });
    if (rules.length === 0)
      return bad(
        "a suppression names the rules it disables",
        "uapi-lint-disable-next-line <rule-id> -- <reason>",
      );
    const unknown = rules.filter((r) => !known.has(r));
    if (unknown.length)
      return bad(
        `unknown rule ${unknown.map((r) => `"${r}"`).join(", ")} in a suppression`,
        "see docs/rules/ for the rule ids",
      );
    if (!reason)
      return bad(
        "a suppression needs a reason after `--`",
        "write down why the finding is accepted",
      );
    suppressions.push({ file, line: m[1] === "next-line" ? line + 1 : line, rules, reason, loc });
  });
  return { suppressions, diagnostics };
}

/** Drops suppressed diagnostics; returns the rest and the suppressions that matched nothing. */
export function applySuppressions<D extends Diagnostic>(
  diagnostics: readonly D[],
  suppressions: readonly Suppression[],
): { kept: D[]; unused: Suppression[]; suppressed: number } {
  const used = new Set<Suppression>();
  // By file and line, in their order, so each finding looks at the few of its own line.
  const byLine = new Map<string, Map<number, Suppression[]>>();
  for (const s of suppressions) {
    let lines = byLine.get(s.file);
    if (!lines) byLine.set(s.file, (lines = new Map()));
    const list = lines.get(s.line);
    if (list) list.push(s);
    else lines.set(s.line, [s]);
  }
  const kept = diagnostics.filter((d) => {
    if (!d.loc) return true;
    const hit = byLine
      .get(d.loc.file)
      ?.get(d.loc.range.start.line)
      ?.find((s) => s.rules.includes(d.code));
    if (hit) used.add(hit);
    return !hit;
  });
  return {
    kept,
    unused: suppressions.filter((s) => !used.has(s)),
    suppressed: diagnostics.length - kept.length,
  };
}
