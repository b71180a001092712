/**
 * The comments of a C source text, found in one pass: `/* ... *\/` and `// ...`, with string
 * and character literals skipped so that a `"/*"` inside a string opens nothing. Positions are
 * zero-based lines and characters (LSP-style), like every `SourceLoc` of the IR.
 */

export interface CComment {
  /** `doc`: `/**` (kernel-doc and Doxygen); `block`: `/*`; `line`: `//`. */
  readonly style: "doc" | "block" | "line";
  /** `/**<` or `//<`: Doxygen's marker for a comment about what precedes it. */
  readonly trailingMarker: boolean;
  /** The comment's text, delimiters included. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
}

/** Every comment of `text`, in order. Linear in the text's length. */
export function scanComments(text: string): CComment[] {
  const out: CComment[] = [];
  let line = 0;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      line++;
      lineStart = ++i;
      continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // A literal ends at its quote or, unterminated, at the end of the line.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i += 2;
        else if (d === c) {
          i++;
          break;
        } else if (d === 10) break;
        else i++;
      }
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const start = i;
      const startLine = line;
      const startCol = i - lineStart;
      const close = text.indexOf("*/", i + 2);
      const end = close < 0 ? n : close + 2;
      for (let j = i + 2; j < end; j++) {
        if (text.charCodeAt(j) === 10) {
          line++;
          lineStart = j + 1;
        }
      }
      const raw = text.slice(start, end);
      // `/**/` is empty and `/***...` is a banner, not a doc comment.
      const doc = raw.startsWith("/**") && !raw.startsWith("/***") && raw !== "/**/";
      out.push({
        style: doc ? "doc" : "block",
        trailingMarker: raw.startsWith("/**<") || raw.startsWith("/*!<"),
        raw,
        start,
        end,
        startLine,
        startCol,
        endLine: line,
      });
      i = end;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf("\n", i);
      const end = nl < 0 ? n : nl;
      const raw = text.slice(i, end);
      out.push({
        style: "line",
        trailingMarker: raw.startsWith("///<") || raw.startsWith("//!<"),
        raw,
        start: i,
        end,
        startLine: line,
        startCol: i - lineStart,
        endLine: line,
      });
      i = end;
      continue;
    }
    i++;
  }
  return out;
}

/** Zero-based line start offsets of `text`, for turning positions into offsets. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
