/**
 * A linear scan of a definitions file before the TypeScript parser sees it. The parser
 * recurses once per nested bracket, prefix operator and arrow, so a few kilobytes of `((((`
 * exhaust its stack; this scan finds such nesting first and reports it at the token that
 * passes the bound. It knows strings, template literals and comments (brackets inside them do
 * not count) and nothing else: it never judges whether the file is valid, only how deep it is.
 */
import { MAX_OPERATOR_RUN, MAX_SYNTAX_NESTING } from "./limits.js";

export interface NestingProblem {
  /** Offsets of the token that passes the bound. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly hint: string;
}

const enum C {
  Tab = 9,
  LineFeed = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Dollar = 36,
  Quote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Slash = 47,
  Semicolon = 59,
  Equals = 61,
  Greater = 62,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Backtick = 96,
  OpenBrace = 123,
  CloseBrace = 125,
  Tilde = 126,
}

/** Keywords the parser treats as prefix operators. */
const PREFIX_WORDS = new Set(["typeof", "void", "delete", "await", "new", "yield"]);

const NESTING_HINT = "split the value into named constants declared one after another";

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36
  );
}

/** The first place where `text` nests deeper than the parser may go, if any. */
export function findDeepNesting(text: string): NestingProblem | undefined {
  // Open brackets; `$` stands for the `${` of a template literal.
  const stack: number[] = [];
  // Arrows at each bracket level, since the last `,` or `;` there.
  const arrows: number[] = [0];
  let run = 0;
  let i = 0;
  const n = text.length;
  const deep = (start: number, end: number): NestingProblem => ({
    start,
    end,
    message: `brackets nest more than ${MAX_SYNTAX_NESTING} levels deep here`,
    hint: NESTING_HINT,
  });
  /** Scans template text from `i` (after a backtick or a `}`); true when it stops at `${`. */
  const template = (): boolean => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === C.Backslash) i += 2;
      else if (c === C.Backtick) {
        i++;
        return false;
      } else if (c === C.Dollar && text.charCodeAt(i + 1) === C.OpenBrace) {
        i += 2;
        return true;
      } else i++;
    }
    return false;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === C.Space || c === C.Tab || c === C.LineFeed || c === C.CarriageReturn) {
      i++;
      continue;
    }
    if (c === C.Slash && text.charCodeAt(i + 1) === C.Slash) {
      const end = text.indexOf("\n", i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (c === C.Slash && text.charCodeAt(i + 1) === C.Star) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
      continue;
    }
    const start = i;
    if (c === C.Quote || c === C.DoubleQuote) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === C.Backslash) i += 2;
        else if (d === c || d === C.LineFeed) {
          i++;
          break;
        } else i++;
      }
      run = 0;
      continue;
    }
    if (c === C.Backtick) {
      i++;
      run = 0;
      if (template()) {
        stack.push(C.Dollar);
        arrows.push(0);
        if (stack.length > MAX_SYNTAX_NESTING) return deep(i - 2, i);
      }
      continue;
    }
    if (c === C.OpenParen || c === C.OpenBracket || c === C.OpenBrace) {
      i++;
      run = 0;
      stack.push(c);
      arrows.push(0);
      if (stack.length > MAX_SYNTAX_NESTING) return deep(start, i);
      continue;
    }
    if (c === C.CloseParen || c === C.CloseBracket || c === C.CloseBrace) {
      i++;
      run = 0;
      const top = stack.pop();
      if (arrows.length > 1) arrows.pop();
      if (top === C.Dollar && c === C.CloseBrace && template()) {
        stack.push(C.Dollar);
        arrows.push(0);
      }
      continue;
    }
    if (c === C.Comma || c === C.Semicolon) {
      i++;
      run = 0;
      arrows[arrows.length - 1] = 0;
      continue;
    }
    if (c === C.Equals && text.charCodeAt(i + 1) === C.Greater) {
      i += 2;
      run = 0;
      if (++arrows[arrows.length - 1]! > MAX_OPERATOR_RUN)
        return {
          start,
          end: i,
          message: `more than ${MAX_OPERATOR_RUN} arrow functions nest here`,
          hint: NESTING_HINT,
        };
      continue;
    }
    let prefix = c === C.Plus || c === C.Minus || c === C.Tilde || c === C.Bang;
    if (isWordChar(c)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      prefix = PREFIX_WORDS.has(text.slice(start, i));
    } else i++;
    if (!prefix) {
      run = 0;
      continue;
    }
    if (++run > MAX_OPERATOR_RUN)
      return {
        start,
        end: i,
        message: `more than ${MAX_OPERATOR_RUN} prefix operators in a row here`,
        hint: "write the value itself",
      };
  }
  return undefined;
}
