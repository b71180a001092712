/**
 * `--format json`: the diagnostics as the API returns them (zero-based LSP ranges), with the
 * file relative to the working directory and one-based `line`/`column` added for humans.
 */
import type { LintDiagnostic } from "../types.js";
import { relativePaths } from "./paths.js";

export function formatJson(diagnostics: readonly LintDiagnostic[], cwd: string): string {
  const rel = relativePaths(cwd);
  const out = diagnostics.map((d) => ({
    ...d,
    ...(d.loc
      ? {
          file: rel(d.loc.file),
          line: d.loc.range.start.line + 1,
          column: d.loc.range.start.character + 1,
        }
      : {}),
  }));
  return JSON.stringify({ version: 1, diagnostics: out }, null, 2);
}
