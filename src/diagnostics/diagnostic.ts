/**
 * Diagnostics are data, shaped like the Language Server Protocol's: every pass returns them
 * and the formatters (text, json, ...) print them. Positions are zero-based internally, as
 * in LSP, and printed one-based, as gcc does.
 */
export type Severity = "error" | "warning" | "info";

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface SourceLoc {
  readonly file: string;
  readonly range: Range;
}

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable identifier: a rule id, or a loader code such as `defs/syntax`. */
  readonly code: string;
  readonly message: string;
  readonly loc?: SourceLoc;
  /** Where in the definitions the finding is, e.g. `iommu_hwpt_alloc.fields.flags.type`. */
  readonly path?: string;
  /** What to do about it. */
  readonly hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** `file:line:col: severity: message [code]`, one-based like gcc. */
export function formatDiagnostic(d: Diagnostic, cwd = process.cwd()): string {
  const where = d.loc
    ? `${relative(d.loc.file, cwd)}:${d.loc.range.start.line + 1}:${d.loc.range.start.character + 1}: `
    : "";
  const hint = d.hint ? `\n  hint: ${d.hint}` : "";
  return `${where}${d.severity}: ${d.message} [${d.code}]${hint}`;
}

function relative(file: string, cwd: string): string {
  return file.startsWith(cwd + "/") ? file.slice(cwd.length + 1) : file;
}
