/** The replacement text of a `#define`, read from the header at the macro's position. */
import type { SourceLoc } from "../../../diagnostics/diagnostic.js";

const MAX_CONTINUATIONS = 64;

export function macroBody(
  text: ((file: string) => string | undefined) | undefined,
  name: string,
  loc: SourceLoc | undefined,
): string | undefined {
  if (!text || !loc) return undefined;
  const source = text(loc.file);
  if (source === undefined) return undefined;
  const lines = linesOf(source);
  let line = lines[loc.range.start.line];
  if (line === undefined) return undefined;
  const m = new RegExp(`^\\s*#\\s*define\\s+${name}\\b(?!\\()(.*)$`).exec(line);
  if (!m) return undefined;
  let body = m[1]!;
  for (let i = 1; body.endsWith("\\") && i < MAX_CONTINUATIONS; i++) {
    line = lines[loc.range.start.line + i];
    if (line === undefined) break;
    body = body.slice(0, -1) + " " + line;
  }
  return body
    .replace(/\/\*.*?\*\//g, " ")
    .replace(/\/\/.*$/, "")
    .trim();
}

const cache = new Map<string, string[]>();

/** Lines of a source text, split once per text (a few texts per run). */
function linesOf(source: string): string[] {
  let lines = cache.get(source);
  if (!lines) {
    if (cache.size > 64) cache.clear();
    cache.set(source, (lines = source.split("\n")));
  }
  return lines;
}
