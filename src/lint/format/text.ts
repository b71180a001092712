/**
 * gcc-style text: `file:line:col: severity: message [rule-id]`, then the hint, related
 * locations as `note:` lines, and fixes as gcc's parseable `fix-it:` lines, so editors'
 * problem matchers and Vim's errorformat read it as they read a compiler's.
 */
import type { LintDiagnostic } from "../types.js";
import { relativePaths } from "./paths.js";

export function formatText(diagnostics: readonly LintDiagnostic[], cwd: string): string {
  const rel = relativePaths(cwd);
  return diagnostics.map((d) => formatOne(d, rel)).join("\n");
}

type Rel = (file: string) => string;

function where(loc: LintDiagnostic["loc"], rel: Rel): string {
  return loc
    ? `${rel(loc.file)}:${loc.range.start.line + 1}:${loc.range.start.character + 1}: `
    : "";
}

function formatOne(d: LintDiagnostic, rel: Rel): string {
  const lines = [
    `${where(d.loc, rel)}${d.severity === "info" ? "note" : d.severity}: ${d.message} [${d.code}]`,
  ];
  for (const r of d.related ?? []) lines.push(`${where(r.loc, rel)}note: ${r.message}`);
  if (d.hint) lines.push(`  hint: ${d.hint}`);
  for (const fix of d.fixes ?? []) {
    for (const e of fix.edits) {
      const { start, end } = e.range;
      const text = JSON.stringify(e.newText).slice(1, -1);
      lines.push(
        `fix-it:"${rel(e.file)}":{${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}}:"${text}"`,
      );
    }
  }
  return lines.join("\n");
}

export function summary(diagnostics: readonly LintDiagnostic[]): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const [e, w, i] = [count("error"), count("warning"), count("info")];
  const fixable = diagnostics.filter((d) => d.fixes?.length).length;
  return `${e} error(s), ${w} warning(s), ${i} note(s)${fixable ? `; ${fixable} fixable with --fix` : ""}`;
}
