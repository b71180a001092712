/**
 * Top-level declarations of preprocessor output, with the names each declares (an upper
 * bound: a few parameter names too, which only makes the structure key larger) and the
 * simple typedefs (`typedef unsigned int __kernel_mode_t;`) whose target is a builtin type or
 * another typedef name: those are what architectures differ in most, so they are kept apart
 * from the structure and resolved per ABI.
 */
import type { TokenStream } from "./tokens.js";

export interface Declaration {
  /** Token range [start, end) in the stream. */
  readonly start: number;
  readonly end: number;
  /** Index of the file of its first token. */
  readonly file: number;
  readonly declares: readonly string[];
  /** For `typedef <builtin words or one name> NAME;`: the name and the target words. */
  readonly simpleTypedef?: { readonly name: string; readonly target: string };
}

const KEYWORDS = new Set(
  (
    "auto break case char const continue default do double else enum extern float for goto if " +
    "inline int long register restrict return short signed sizeof static struct switch typedef " +
    "union unsigned void volatile while _Bool _Complex _Alignas _Alignof _Atomic _Generic " +
    "_Noreturn _Static_assert _Thread_local __attribute__ __attribute __extension__ __inline__ " +
    "__inline __signed__ __signed __volatile__ __volatile __const __const__ __restrict " +
    "__restrict__ __typeof__ __typeof typeof __asm__ __asm asm __int128 __alignof__ __alignof " +
    "__builtin_offsetof __builtin_va_list"
  ).split(" "),
);

/** Words a simple typedef's target may consist of (besides one typedef name). */
const BUILTIN_WORDS = new Set(
  "unsigned signed __signed__ __signed char short int long _Bool float double void __int128".split(
    " ",
  ),
);

const DECLARATOR_END = new Set([";", ",", "[", ")", "=", ":"]);
const OPEN: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

export function isIdentifier(t: string): boolean {
  const c = t.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

export function isKeyword(t: string): boolean {
  return KEYWORDS.has(t);
}

/** Splits the stream into top-level declarations (function bodies end one too). */
export function declarations(ts: TokenStream): Declaration[] {
  const out: Declaration[] = [];
  const t = ts.text;
  let start = 0;
  let depth = 0;
  let bodyIsFunction = false;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]!;
    if (tok === "(" || tok === "[" || tok === "{") {
      if (tok === "{" && depth === 0) bodyIsFunction = functionBody(t, start, i);
      depth++;
    } else if (tok === ")" || tok === "]" || tok === "}") {
      depth = Math.max(0, depth - 1);
      if (tok === "}" && depth === 0 && bodyIsFunction) {
        bodyIsFunction = false;
        out.push(declaration(ts, start, i + 1));
        start = i + 1;
      }
    } else if (tok === ";" && depth === 0) {
      if (i > start) out.push(declaration(ts, start, i + 1));
      start = i + 1;
    }
  }
  if (start < t.length) out.push(declaration(ts, start, t.length));
  return out;
}

/** A `{` after a parameter list (past any attributes) opens a function body. */
function functionBody(t: readonly string[], start: number, brace: number): boolean {
  let i = brace - 1;
  while (i >= start && t[i] === ")") {
    // Skip back over the group this `)` closes; if it is an attribute, keep looking.
    let d = 0;
    let j = i;
    for (; j >= start; j--) {
      if (t[j] === ")") d++;
      else if (t[j] === "(" && --d === 0) break;
    }
    const before = t[j - 1];
    if (before === "(" && (t[j - 2] === "__attribute__" || t[j - 2] === "__attribute")) {
      i = j - 3;
      continue;
    }
    return true;
  }
  return false;
}

function declaration(ts: TokenStream, start: number, end: number): Declaration {
  const t = ts.text;
  const declares = new Set<string>();
  let depth = 0;
  let enumBody = -1;
  for (let i = start; i < end; i++) {
    const tok = t[i]!;
    if (OPEN[tok]) {
      if (tok === "{" && (t[i - 1] === "enum" || t[i - 2] === "enum")) enumBody = depth + 1;
      depth++;
      continue;
    }
    if (tok === ")" || tok === "]" || tok === "}") {
      if (tok === "}" && depth === enumBody) enumBody = -1;
      depth--;
      continue;
    }
    if (!isIdentifier(tok) || isKeyword(tok)) continue;
    const prev = t[i - 1];
    const next = t[i + 1];
    if (prev === "struct" || prev === "union" || prev === "enum") declares.add(tok);
    else if (depth === enumBody && (prev === "{" || prev === ",")) declares.add(tok);
    else if (depth <= 1 && next !== undefined && DECLARATOR_END.has(next)) declares.add(tok);
    else if (depth === 0 && next === "(") declares.add(tok);
  }
  const d: Declaration = { start, end, file: ts.file[start]!, declares: [...declares] };
  const simple = simpleTypedef(t, start, end);
  return simple ? { ...d, simpleTypedef: simple } : d;
}

function simpleTypedef(
  t: readonly string[],
  start: number,
  end: number,
): { name: string; target: string } | undefined {
  let i = start;
  if (t[i] === "__extension__") i++;
  if (t[i] !== "typedef" || t[end - 1] !== ";") return undefined;
  const words = t.slice(i + 1, end - 2);
  const name = t[end - 2]!;
  if (!words.length || !isIdentifier(name) || isKeyword(name)) return undefined;
  const builtin = words.every((w) => BUILTIN_WORDS.has(w));
  const alias = words.length === 1 && isIdentifier(words[0]!) && !isKeyword(words[0]!);
  if (!builtin && !alias) return undefined;
  const target = words
    .map((w) => (w === "__signed__" || w === "__signed" ? "signed" : w))
    .join(" ");
  return { name, target };
}
