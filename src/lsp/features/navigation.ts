/**
 * Go to definition and find references, over every definitions module of the workspace.
 * Names are global in C (the loader rejects duplicates), so a symbol's key is enough to
 * match occurrences across modules without resolving imports again.
 */
import type { DefinitionParams, Location, ReferenceParams } from "vscode-languageserver/node";
import type { FeatureContext } from "../server.js";
import { equivalentKeys, resolveAt } from "./resolve.js";

export function definition(ctx: FeatureContext, params: DefinitionParams): Location[] | null {
  const hit = resolveAt(ctx, params.textDocument.uri, params.position);
  if (!hit) return null;
  for (const key of equivalentKeys(hit.occurrence.key)) {
    // The document's own analysis first: it sees exactly the modules this one imports.
    const own = hit.analysis.occurrences.filter((o) => o.decl && o.key === key);
    if (own.length)
      return own.map((o) => ({ uri: ctx.uris.toUri(hit.analysis.path), range: o.range }));
    const found = ctx.workspace
      .allAnalyses()
      .flatMap((a) =>
        a.occurrences
          .filter((o) => o.decl && o.key === key)
          .map((o) => ({ uri: ctx.uris.toUri(a.path), range: o.range })),
      );
    if (found.length) return found;
  }
  return null;
}

export function references(ctx: FeatureContext, params: ReferenceParams): Location[] | null {
  const hit = resolveAt(ctx, params.textDocument.uri, params.position);
  if (!hit) return null;
  const keys = new Set(equivalentKeys(hit.occurrence.key));
  const out: Location[] = [];
  for (const a of ctx.workspace.allAnalyses()) {
    for (const o of a.occurrences) {
      if (!keys.has(o.key) || (o.decl && !params.context.includeDeclaration)) continue;
      out.push({ uri: ctx.uris.toUri(a.path), range: o.range });
    }
  }
  return out;
}
