/**
 * Tokens of preprocessor output (`clang -E`): identifiers, numbers, string and character
 * literals and punctuators, with the file each came from (the `# N "file"` line markers).
 * Linear in the text: one sticky regular expression, no backtracking across lines.
 */

/** An `#include` the preprocessor printed (`-dI`), and whether it entered a file after it. */
export interface IncludeDirective {
  /** Index into `files` of the including file, and the line. */
  readonly file: number;
  readonly line: number;
  /** As spelled, without the brackets or quotes. */
  readonly name: string;
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

// One alternative per token class; directive lines are matched first (at a line start).
const TOKEN =
  /[ \t\r\f\v]+|\n[ \t]*(#[^\n]*)?|([A-Za-z_$][\w$]*)|(\.?\d(?:[\w.]|[eEpP][+-])*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\.\.\.|<<=|>>=|->|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|##|[^\s])/y;
const MARKER = /^#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"((?:\s+\d)*)/;
const INCLUDE = /^#\s*(?:include|include_next|import)\s*[<"]([^>"]*)[>"]/;
const PACK = /^#\s*pragma\s+pack\s*\(([^)]*)\)/;

export function tokenize(source: string): TokenStream {
  const text: string[] = [];
  const fileOf: number[] = [];
  const lineOf: number[] = [];
  const files: string[] = [];
  const includes: IncludeDirective[] = [];
  let pending: IncludeDirective | undefined;
  const fileIndex = new Map<string, number>();
  let file = 0;
  let line = 1;
  const enter = (name: string) => {
    let i = fileIndex.get(name);
    if (i === undefined) {
      fileIndex.set(name, (i = files.length));
      files.push(name);
    }
    return i;
  };
  files.push("<unknown>");
  // A leading newline lets the first line's directive match like every other line's.
  const src = source.startsWith("#") ? `\n${source}` : source;
  if (src !== source) line = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < src.length) {
    const m = TOKEN.exec(src);
    if (!m) break;
    const tok = m[0];
    if (tok.charCodeAt(0) === 10) {
      line++;
      const directive = m[1];
      if (directive) {
        const marker = MARKER.exec(directive);
        if (marker) {
          file = enter(marker[2]!.replace(/\\(.)/g, "$1"));
          // The marker names the line of the text that follows it.
          line = Number(marker[1]) - 1;
          // Flag 1: a file is entered; the include printed just before found it.
          if (pending && / 1\b/.test(marker[3] ?? "")) {
            pending.entered = true;
            pending = undefined;
          }
        } else {
          const inc = INCLUDE.exec(directive);
          if (inc) includes.push((pending = { file, line, name: inc[1]!, entered: false }));
          // `#pragma pack` stays in the stream as one token: it changes the records after it.
          const pack = PACK.exec(directive);
          if (pack) {
            text.push(`#pragma_pack(${pack[1]!.replace(/\s+/g, "")})`);
            fileOf.push(file);
            lineOf.push(line);
          }
        }
      }
      continue;
    }
    if (m[2] !== undefined || m[3] !== undefined || m[4] !== undefined || m[5] !== undefined) {
      pending = undefined;
      text.push(tok);
      fileOf.push(file);
      lineOf.push(line);
    }
  }
  return {
    text,
    file: Uint32Array.from(fileOf),
    line: Uint32Array.from(lineOf),
    files,
    includes,
  };
}
