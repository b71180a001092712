/**
 * `--format json`: the diagnostics as the API returns them (zero-based LSP ranges), with the
 * file relative to the working directory and one-based `line`/`column` added for humans.
 */
import type { LintDiagnostic } from "../types.js";
import { relativePath } from "./paths.js";

export function formatJson(diagnostics: readonly LintDiagnostic[], cwd: string): string {
  const out = diagnostics.map((d) => ({
    ...d,
    ...(d.loc
      ? {
          file: relativePath(d.loc.file, cwd),
          line: d.loc.range.start.line + 1,
          column: d.loc.range.start.character + 1,
        }
      : {}),
  }));
  return JSON.stringify({ version: 1, diagnostics: out }, null, 2);
}
