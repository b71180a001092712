/**
 * The `uapi-lint-extensible` comment annotation of C headers: a struct whose size the kernel
 * learns at run time from somewhere the header cannot show (a syscall or ioctl argument, a
 * sockopt's `optlen`), so that it may grow at its tail:
 *
 *   /* uapi-lint-extensible -- clone3() takes sizeof(struct clone_args) as its size argument *\/
 *   struct clone_args {
 *
 *   // uapi-lint-extensible open_how -- openat2() takes the size as its fourth argument
 *
 * Without a name it applies to the struct or union defined next after the comment (only
 * comments and blank lines between); with one, to that struct wherever the comment is. The
 * reason after `--` is required, as in suppression comments. `uapi-lint.json` declares the same
 * with `"extensible": { "clone_args": "<reason>" }`.
 */
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";

export interface ExtensibleAnnotation {
  readonly struct: string;
  readonly reason: string;
}

const DIRECTIVE = /uapi-lint-extensible\b([^\n]*)/g;

export function parseExtensibleAnnotations(
  file: string,
  text: string,
): { annotations: ExtensibleAnnotation[]; diagnostics: Diagnostic[] } {
  const annotations: ExtensibleAnnotation[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!text.includes("uapi-lint-extensible")) return { annotations, diagnostics };
  for (const m of text.matchAll(DIRECTIVE)) {
    const at = m.index;
    const before = text.slice(text.lastIndexOf("\n", at) + 1, at);
    const inComment = /(\/\/|\/\*|^\s*\*)[^]*$/.test(before) || insideBlockComment(text, at);
    if (!inComment) continue;
    const body = m[1]!.replace(/\*\/.*$/, "");
    const [head = "", ...rest] = body.split("--");
    const reason = rest.join("--").trim();
    const named = head.trim();
    const line = text.slice(0, at).split("\n").length - 1;
    const character = before.length;
    const loc = {
      file,
      range: { start: { line, character }, end: { line, character: character + m[0].length } },
    };
    if (!reason) {
      diagnostics.push({
        severity: "error",
        code: "lint/annotation",
        message: "a uapi-lint-extensible annotation says why the struct may grow",
        loc,
        hint: "uapi-lint-extensible [struct] -- <how the kernel learns the caller's size>",
      });
      continue;
    }
    const struct = named || nextStruct(text, commentEnd(text, at));
    if (!struct || !/^[A-Za-z_]\w*$/.test(struct)) {
      diagnostics.push({
        severity: "error",
        code: "lint/annotation",
        message: "this uapi-lint-extensible annotation is not followed by a struct definition",
        loc,
        hint: "put it right above `struct name {`, or name the struct after the directive",
      });
      continue;
    }
    annotations.push({ struct, reason });
  }
  return { annotations, diagnostics };
}

function insideBlockComment(text: string, at: number): boolean {
  const open = text.lastIndexOf("/*", at);
  return open >= 0 && text.lastIndexOf("*/", at) < open;
}

function commentEnd(text: string, at: number): number {
  if (insideBlockComment(text, at)) {
    const close = text.indexOf("*/", at);
    return close < 0 ? text.length : close + 2;
  }
  const eol = text.indexOf("\n", at);
  return eol < 0 ? text.length : eol + 1;
}

/** The struct or union defined next, when only comments and blank space come before it. */
function nextStruct(text: string, from: number): string | undefined {
  let i = from;
  for (let guard = 0; guard < 1000 && i < text.length; guard++) {
    const rest = text.slice(i, i + 2);
    if (/\s/.test(text[i]!)) i++;
    else if (rest === "/*")
      i = text.indexOf("*/", i + 2) < 0 ? text.length : text.indexOf("*/", i + 2) + 2;
    else if (rest === "//") i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i) + 1;
    else break;
  }
  return /^(?:struct|union)\s+(\w+)\s*\{/.exec(text.slice(i, i + 200))?.[1];
}
