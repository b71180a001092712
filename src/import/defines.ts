/**
 * The object-like `#define`s a header writes, read from its text: the candidates the compiler
 * is asked to evaluate (src/import/probes.ts). Function-like macros are not candidates (they
 * have no value without arguments). One pass over the text; comments are blanked first so a
 * `#define` inside a comment is not one.
 */
import type { SourceLoc } from "../diagnostics/diagnostic.js";

export interface Define {
  readonly name: string;
  /** The replacement text as written (continuations joined, comments removed). */
  readonly body: string;
  readonly loc: SourceLoc;
  /** 0-based line, for ordering items as the header writes them. */
  readonly line: number;
}

const DEFINE = /^(\s*#\s*define\s+)([A-Za-z_]\w*)(\(?)(.*)$/;

export function readDefines(file: string, text: string): Define[] {
  const lines = blankComments(text).split("\n");
  const byName = new Map<string, Define>();
  for (let i = 0; i < lines.length; i++) {
    const m = DEFINE.exec(lines[i]!);
    if (!m) continue;
    const start = i;
    const parts = [m[4]!];
    while (parts[parts.length - 1]!.endsWith("\\") && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
      parts.push(lines[++i]!);
    }
    const body = parts.join(" ");
    if (m[3]) continue; // function-like
    const character = m[1]!.length;
    const name = m[2]!;
    // A later definition replaces an earlier one (the compiler sees the last).
    byName.delete(name);
    byName.set(name, {
      name,
      body: body.replace(/\s+/g, " ").trim(),
      line: start,
      loc: {
        file,
        range: {
          start: { line: start, character },
          end: { line: start, character: character + name.length },
        },
      },
    });
  }
  return [...byName.values()];
}

/**
 * Replaces the characters of block and line comments by spaces, keeping newlines: one pass,
 * so an unterminated comment costs no more than a terminated one.
 */
export function blankComments(text: string): string {
  const out: string[] = [];
  let i = 0;
  let from = 0;
  const blank = (a: number, b: number) => out.push(text.slice(a, b).replace(/[^\n]/g, " "));
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // A literal: skip to its end on this line, so `"/*"` opens no comment.
      i++;
      while (i < text.length && text[i] !== c && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "/" && text[i + 1] === "*") {
      out.push(text.slice(from, i));
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      blank(i, stop);
      i = from = stop;
    } else if (c === "/" && text[i + 1] === "/") {
      out.push(text.slice(from, i));
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      blank(i, stop);
      i = from = stop;
    } else i++;
  }
  out.push(text.slice(from));
  return out.join("");
}

/**
 * How many tokens each macro expands to, at most, counting only the header's own macros
 * (`#define A1 (A0+A0)` doubles): memoised over the definitions, so linear in their text. A
 * header of a few hundred bytes can define a macro that expands to billions of tokens; such
 * a macro is not given to the compiler to evaluate (it is kept as text).
 */
const MAX_NESTING = 2000;

export function expansionSizes(
  defines: readonly Define[],
  functionLike: ReadonlyMap<string, string>,
): Map<string, number> {
  const bodies = new Map(defines.map((d) => [d.name, d.body]));
  const memo = new Map<string, number>();
  const active = new Set<string>();
  const CAP = Number.MAX_SAFE_INTEGER;
  const sizeOf = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    // A macro does not expand inside its own expansion.
    if (active.has(name)) return 1;
    // Macros nested this deep are no uAPI constant: treated as too large, with bounded recursion.
    if (active.size > MAX_NESTING) return CAP;
    const body = bodies.get(name) ?? functionLike.get(name);
    if (body === undefined) return 1;
    active.add(name);
    let n = 0;
    for (const tok of body.match(/[A-Za-z_]\w*|\S/g) ?? []) {
      n = Math.min(CAP, n + (bodies.has(tok) || functionLike.has(tok) ? sizeOf(tok) : 1));
      // A function-like macro's arguments may appear in its body many times: its own size
      // is a factor, not a summand (an upper bound).
      if (functionLike.has(tok)) n = Math.min(CAP, n * Math.max(1, sizeOf(tok)));
    }
    active.delete(name);
    memo.set(name, n);
    return n;
  };
  for (const d of defines) sizeOf(d.name);
  return memo;
}

/** Function-like macros of a header's text: name → body. */
export function readFunctionLike(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = blankComments(text).split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*#\s*define\s+([A-Za-z_]\w*)\(([^)]*)\)(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const parts = [m[3]!];
    while (parts[parts.length - 1]!.endsWith("\\") && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
      parts.push(lines[++i]!);
    }
    out.set(m[1]!, parts.join(" "));
  }
  return out;
}
