/**
 * Tokens of preprocessor output (`clang -E`): identifiers, numbers, string and character
 * literals and punctuators, with the file and line each came from (the `# N "file"` line
 * markers), the `#include`s the preprocessor printed (`-dI`) and `#pragma pack`s. One pass
 * over the character codes: the output of a whole tree runs through here once per ABI.
 */

/** An `#include` the preprocessor printed (`-dI`), and whether it entered a file after it. */
export interface IncludeDirective {
  /** Index into `files` of the including file, and the line. */
  readonly file: number;
  readonly line: number;
  /** As spelled, without the brackets or quotes. */
  readonly name: string;
  /** `"name"` (searched next to the including file first) rather than `<name>`. */
  readonly quoted: boolean;
  /** `#include_next`: searched in the folders after the including file's. */
  readonly next: boolean;
  entered: boolean;
}

export interface TokenStream {
  /** Token texts. */
  readonly text: readonly string[];
  /** Per token, the index into `files` of the file it came from. */
  readonly file: Uint32Array;
  /** Per token, its line in that file (1-based). */
  readonly line: Uint32Array;
  readonly files: readonly string[];
  readonly includes: readonly IncludeDirective[];
}

const MARKER = /^#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"((?:\s+\d)*)/;
const INCLUDE = /^#\s*(include_next|include|import)\s*([<"])([^>"]*)[>"]/;
const PACK = /^#\s*pragma\s+pack\s*\(([^)]*)\)/;

/** Punctuators longer than one character, longest first per first character. */
const LONG: Readonly<Record<string, readonly string[]>> = {
  ".": ["..."],
  "<": ["<<=", "<<", "<="],
  ">": [">>=", ">>", ">="],
  "-": ["->", "--", "-="],
  "+": ["++", "+="],
  "=": ["=="],
  "!": ["!="],
  "&": ["&&", "&="],
  "|": ["||", "|="],
  "*": ["*="],
  "/": ["/="],
  "%": ["%="],
  "^": ["^="],
  "#": ["##"],
};

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function tokenize(source: string): TokenStream {
  const text: string[] = [];
  const fileOf: number[] = [];
  const lineOf: number[] = [];
  const files: string[] = ["<unknown>"];
  const includes: IncludeDirective[] = [];
  const fileIndex = new Map<string, number>();
  let pending: IncludeDirective | undefined;
  let file = 0;
  let line = 1;
  const push = (t: string) => {
    text.push(t);
    fileOf.push(file);
    lineOf.push(line);
  };
  const n = source.length;
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (lineStart && c === 35) {
      // A directive line: a line marker, a printed #include, or a #pragma.
      let end = source.indexOf("\n", i);
      if (end < 0) end = n;
      directive(source.slice(i, end));
      i = end;
      continue;
    }
    lineStart = false;
    const start = i;
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
    } else if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)))) {
      // A pp-number: digits, letters, dots, and an exponent's sign.
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (isIdentPart(d) || d === 46) i++;
        else if ((d === 43 || d === 45) && /[eEpP]/.test(source[i - 1]!)) i++;
        else break;
      }
    } else if (c === 34 || c === 39) {
      i++;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === c || d === 10) {
          if (d === c) i++;
          break;
        } else i++;
      }
    } else {
      const ch = source[i]!;
      const long = LONG[ch]?.find((p) => source.startsWith(p, i));
      i += long ? long.length : 1;
    }
    pending = undefined;
    push(source.slice(start, i));
  }
  return {
    text,
    file: Uint32Array.from(fileOf),
    line: Uint32Array.from(lineOf),
    files,
    includes,
  };

  function directive(d: string): void {
    const marker = MARKER.exec(d);
    if (marker) {
      const name = marker[2]!.replace(/\\(.)/g, "$1");
      let f = fileIndex.get(name);
      if (f === undefined) {
        fileIndex.set(name, (f = files.length));
        files.push(name);
      }
      file = f;
      // The marker names the line of the text that follows it.
      line = Number(marker[1]) - 1;
      // Flag 1: a file is entered; the include printed just before found it.
      if (pending && / 1\b/.test(marker[3] ?? "")) {
        pending.entered = true;
        pending = undefined;
      }
      return;
    }
    const inc = INCLUDE.exec(d);
    if (inc)
      includes.push(
        (pending = {
          file,
          line,
          name: inc[3]!,
          quoted: inc[2] === '"',
          next: inc[1] === "include_next",
          entered: false,
        }),
      );
    // `#pragma pack` stays in the stream as one token: it changes the records after it.
    const pack = PACK.exec(d);
    if (pack) push(`#pragma_pack(${pack[1]!.replace(/\s+/g, "")})`);
  }
}
