/**
 * Lint diagnostics as LSP diagnostics. The project's `Diagnostic` is already LSP-shaped
 * (zero-based UTF-16 positions); what is added here is the protocol's extras where the client
 * supports them: the rule's documentation link, related locations (per-ABI offsets, the
 * baseline), and a marker that code actions exist.
 */
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver/node";
import type { Diagnostic, Range, Severity } from "../../diagnostics/diagnostic.js";
import type { LintDiagnostic } from "../../lint/index.js";
import type { UriMap } from "../uri.js";

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const SOURCE = "uapi-gen";
export const NOWHERE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface DiagnosticCapabilities {
  readonly relatedInformation: boolean;
  readonly codeDescription: boolean;
}

export function toLspDiagnostic(
  d: Diagnostic,
  uris: UriMap,
  caps: DiagnosticCapabilities,
): LspDiagnostic {
  const lint = d as LintDiagnostic;
  const related: DiagnosticRelatedInformation[] = [];
  const unplaced: string[] = [];
  for (const r of lint.related ?? []) {
    if (r.loc && caps.relatedInformation)
      related.push({
        location: { uri: uris.toUri(r.loc.file), range: r.loc.range },
        message: r.message,
      });
    else unplaced.push(r.message);
  }
  const message = [d.message, ...(d.hint ? [`hint: ${d.hint}`] : []), ...unplaced].join("\n");
  return {
    range: d.loc?.range ?? NOWHERE,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: SOURCE,
    message,
    ...(lint.docsUrl && caps.codeDescription ? { codeDescription: { href: lint.docsUrl } } : {}),
    ...(related.length ? { relatedInformation: related } : {}),
    ...(lint.fixes?.length ? { data: { fixable: lint.fixes.length } } : {}),
  };
}
