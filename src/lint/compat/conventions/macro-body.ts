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
  const lines = linesOf(text, loc.file, source);
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

const cache = new WeakMap<(file: string) => string | undefined, Map<string, string[]>>();

/** Lines of a file, split once per reader (a compatibility pass has one per version). */
function linesOf(
  text: (file: string) => string | undefined,
  file: string,
  source: string,
): string[] {
  let files = cache.get(text);
  if (!files) cache.set(text, (files = new Map()));
  let lines = files.get(file);
  if (!lines) files.set(file, (lines = source.split("\n")));
  return lines;
}
