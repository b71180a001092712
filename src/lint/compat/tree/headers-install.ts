/**
 * What `make headers_install` does to a uAPI header of the kernel source before user space sees
 * it (scripts/headers_install.sh), so a kernel tree compares as check-uapi.sh compares it:
 * `__user`, `__force`, `__iomem` and `__attribute_const__` go, `#include <linux/compiler.h>`
 * (and, as up to 6.12, `<linux/compiler_types.h>`) goes, `__packed` becomes `__attribute__((packed))`, bare `inline`/`asm`/`volatile` get their
 * underscored spelling, include guards lose their `_UAPI` prefix, and `#ifdef __KERNEL__`
 * sections go (unifdef -U__KERNEL__ -D__EXPORTED_HEADERS__).
 *
 * Unlike the script, every line stays where it was (what is removed becomes blank), so a
 * finding's line in the installed text is its line in the source file.
 */

const SYMBOLS: Readonly<Record<string, boolean>> = {
  __KERNEL__: false,
  __EXPORTED_HEADERS__: true,
};

export function headersInstall(text: string): string {
  const lines = text.split("\n").map(rewriteLine);
  return unifdef(lines).join("\n");
}

function rewriteLine(line: string): string {
  return (
    line
      // Up to 6.12 the script also dropped compiler_types.h; 7.2 guards that include itself.
      .replace(/^#include <linux\/compiler(_types)?\.h>/, "")
      .replace(/([\s(])(__user|__force|__iomem)(?=\s)/g, "$1")
      .replace(/__attribute_const__(?=\s|$)/g, "")
      .replace(/(^|[^A-Za-z0-9])__packed(?=[^A-Za-z0-9_]|$)/g, "$1__attribute__((packed))")
      // Consumes the character after the keyword, as sed does: `asm volatile` stays half-done.
      .replace(/(^|[\s(])(inline|asm|volatile)([\s(]|$)/g, "$1__$2__$3")
      .replace(/#(ifndef|define|endif\s*\/\*)\s*_UAPI/, "#$1 ")
  );
}

type Known = boolean | undefined;

interface Frame {
  /** Whether lines of the current branch are kept. */
  keep: boolean;
  /** The condition is decided here (the directives themselves are removed). */
  decided: boolean;
  /** A branch of a decided group was already taken. */
  taken: boolean;
  /** The enclosing frames keep their lines. */
  outer: boolean;
}

/** Removes the branches decided by __KERNEL__ (undefined) and __EXPORTED_HEADERS__ (defined). */
function unifdef(lines: string[]): string[] {
  const stack: Frame[] = [];
  const keeping = () => stack.every((f) => f.keep);
  return lines.map((line) => {
    const d = /^\s*#\s*(ifdef|ifndef|if|elif|else|endif)\b(.*)$/.exec(line);
    if (!d) return keeping() ? line : "";
    const [, kind, rest] = d as unknown as [string, string, string];
    if (kind === "ifdef" || kind === "ifndef" || kind === "if") {
      const outer = keeping();
      const value = condition(kind, rest);
      stack.push({
        keep: value !== false,
        decided: value !== undefined,
        taken: value === true,
        outer,
      });
      return value === undefined && outer ? line : "";
    }
    const top = stack[stack.length - 1];
    if (!top) return line;
    if (kind === "endif") {
      stack.pop();
      return !top.decided && top.outer ? line : "";
    }
    if (!top.decided) return top.outer ? line : "";
    if (kind === "else") {
      top.keep = !top.taken;
      top.taken = true;
      return "";
    }
    // #elif in a decided group: decided too only when its condition is.
    const value = condition("if", rest);
    if (top.taken || value === false) {
      top.keep = false;
      return "";
    }
    if (value === true) {
      top.keep = top.taken = true;
      return "";
    }
    // An undecided #elif after a false branch: it becomes the group's #if.
    top.decided = false;
    top.keep = true;
    return top.outer ? line.replace(/#\s*elif/, "#if") : "";
  });
}

/** The value of a directive's condition, when the two symbols decide it. */
function condition(kind: string, rest: string): Known {
  const body = rest
    .replace(/\/\*.*?\*\//g, "")
    .replace(/\/\/.*$/, "")
    .trim();
  if (kind === "ifdef" || kind === "ifndef") {
    const v = SYMBOLS[body];
    return v === undefined ? undefined : kind === "ifdef" ? v : !v;
  }
  return evaluate(body);
}

/**
 * Three-valued evaluation of `defined(X)`, `!`, `&&`, `||` and parentheses: known only where
 * the two symbols decide (`defined(__KERNEL__) && anything` is false); anything else unknown.
 */
function evaluate(expr: string): Known {
  const tokens =
    expr.match(/defined\s*\(\s*\w+\s*\)|defined\s+\w+|&&|\|\||[!()]|[^\s!()&|]+/g) ?? [];
  let i = 0;
  const primary = (depth: number): Known => {
    const t = tokens[i++];
    if (t === undefined || depth > 32) return undefined;
    if (t === "!") {
      const v = primary(depth + 1);
      return v === undefined ? undefined : !v;
    }
    if (t === "(") {
      const v = or(depth + 1);
      if (tokens[i] === ")") i++;
      return v;
    }
    const m = /^defined\s*\(?\s*(\w+)/.exec(t);
    if (m) return SYMBOLS[m[1]!];
    // Anything else (`__LINUX_ARM_ARCH__ < 6`) is one unknown operand.
    while (i < tokens.length && !["&&", "||", ")"].includes(tokens[i]!)) i++;
    return undefined;
  };
  const and = (depth: number): Known => {
    let v = primary(depth);
    while (tokens[i] === "&&") {
      i++;
      const w = primary(depth);
      v = v === false || w === false ? false : v === true && w === true ? true : undefined;
    }
    return v;
  };
  const or = (depth: number): Known => {
    let v = and(depth);
    while (tokens[i] === "||") {
      i++;
      const w = and(depth);
      v = v === true || w === true ? true : v === false && w === false ? false : undefined;
    }
    return v;
  };
  const v = or(0);
  return i === tokens.length ? v : undefined;
}
