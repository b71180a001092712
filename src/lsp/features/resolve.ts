/** What the cursor is on: the analysis of the document and the symbol occurrence there. */
import type { Position } from "vscode-languageserver/node";
import type { Analysis } from "../analysis/analyse.js";
import { occurrencesAt, type Occurrence } from "../analysis/symbol-index.js";
import type { FeatureContext } from "../server.js";

export interface Resolved {
  readonly analysis: Analysis;
  readonly occurrence: Occurrence;
}

export function analysisOf(ctx: FeatureContext, uri: string): Analysis | undefined {
  return ctx.workspace.analysis(ctx.uris.toPath(uri));
}

export function resolveAt(
  ctx: FeatureContext,
  uri: string,
  position: Position,
): Resolved | undefined {
  return resolveAllAt(ctx, uri, position)[0];
}

/** Every symbol at the position: a shorthand `{ SID }` both names a constant and declares. */
export function resolveAllAt(ctx: FeatureContext, uri: string, position: Position): Resolved[] {
  const analysis = analysisOf(ctx, uri);
  if (!analysis) return [];
  const at = occurrencesAt(analysis.occurrences, position.line, position.character);
  return at.map((occurrence) => ({ analysis, occurrence }));
}

/** Keys that name the same symbol: an `nr: "X"` string names a constant X when no member is X. */
export function equivalentKeys(key: string): string[] {
  return key.startsWith("value:")
    ? [key, `item:${key.slice(6)}`]
    : key.startsWith("item:")
      ? [key, `value:${key.slice(5)}`]
      : [key];
}
