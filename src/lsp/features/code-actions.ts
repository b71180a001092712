/**
 * Quick fixes: every fix the linter attached to a diagnostic in the requested range becomes
 * a code action whose workspace edit is the fix's edits, formatted like the code around them
 * (format-edits.ts). Edits to open documents carry the document's version, so a client
 * refuses a fix computed for text that has changed since.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Range,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import type { LintDiagnostic, TextEdit } from "../../lint/index.js";
import type { FeatureContext } from "../server.js";
import { toLspDiagnostic } from "./diagnostics.js";
import { formatEdits } from "./format-edits.js";
import { analysisOf } from "./resolve.js";

export async function codeActions(
  ctx: FeatureContext,
  params: CodeActionParams,
): Promise<CodeAction[]> {
  const only = params.context.only;
  if (only && !only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
  const analysis = analysisOf(ctx, params.textDocument.uri);
  if (!analysis) return [];
  const fixable = (analysis.diagnostics as readonly LintDiagnostic[]).filter(
    (d) => d.fixes?.length && d.loc && overlaps(d.loc.range, params.range),
  );
  const actions: CodeAction[] = [];
  for (const d of fixable) {
    const diagnostic = toLspDiagnostic(d, ctx.uris, {
      relatedInformation: true,
      codeDescription: true,
    });
    for (const fix of d.fixes!) {
      const byFile = new Map<string, TextEdit[]>();
      for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
      const documentChanges: TextDocumentEdit[] = [];
      for (const [file, edits] of byFile) {
        const text = ctx.workspace.sources.text(file);
        const formatted = text === undefined ? edits : await formatEdits(text, edits);
        const uri = ctx.uris.toUri(file);
        documentChanges.push({
          textDocument: { uri, version: ctx.workspace.sources.openDocument(file)?.version ?? null },
          edits: formatted.map((e) => ({ range: e.range, newText: e.newText })),
        });
      }
      // Versioned document edits where the client takes them, plain changes otherwise.
      const edit: WorkspaceEdit = ctx.client().workspace?.workspaceEdit?.documentChanges
        ? { documentChanges }
        : {
            changes: Object.fromEntries(
              documentChanges.map((c) => [c.textDocument.uri, c.edits as LspTextEdit[]]),
            ),
          };
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: d.fixes!.length === 1,
        edit,
      });
    }
  }
  return actions;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range["start"], q: Range["start"]) =>
    p.line < q.line || (p.line === q.line && p.character <= q.character);
  return before(a.start, b.end) && before(b.start, a.end);
}
