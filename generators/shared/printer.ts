/**
 * The printer every generator writes through: lines, indentation and comment blocks, so that
 * no generator concatenates raw template text. C output indents with tabs (kernel style);
 * TypeScript output is formatted by prettier afterwards.
 */
export class Printer {
  private readonly lines: string[] = [];
  private level = 0;

  constructor(private readonly indentUnit: string) {}

  line(text = ""): this {
    this.lines.push(text === "" ? "" : this.indentUnit.repeat(this.level) + text);
    return this;
  }

  blank(): this {
    if (this.lines.length && this.lines.at(-1) !== "") this.lines.push("");
    return this;
  }

  indented(body: () => void): this {
    this.level++;
    body();
    this.level--;
    return this;
  }

  block(open: string, body: () => void, close: string): this {
    this.line(open);
    this.indented(body);
    return this.line(close);
  }

  /** A comment block: `/**` (doc) or `/*` opener, ` * ` per line, ` *\/` closer. */
  comment(
    paragraphs: readonly (string | undefined)[],
    opts: { doc?: boolean; width?: number } = {},
  ): this {
    const width = opts.width ?? 80;
    const body: string[] = [];
    for (const raw of paragraphs) {
      if (raw === undefined) continue;
      const p = commentSafe(raw);
      if (p === "") body.push("");
      // An indented paragraph (a command line) is kept as it is.
      else if (p.startsWith("  ")) body.push(p);
      else body.push(...wrap(p, width - 3 - this.level * 8));
    }
    while (body.at(-1) === "") body.pop();
    this.line(opts.doc ? "/**" : "/*");
    for (const l of body) this.line(l === "" ? " *" : ` * ${l}`);
    return this.line(" */");
  }

  toString(): string {
    const out = this.lines.join("\n").replace(/\n{3,}/g, "\n\n");
    return out.endsWith("\n") ? out : out + "\n";
  }
}

/**
 * Text made safe inside a C comment: `*\/` cannot end it early (docs, file names), `/*` does
 * not nest one (gcc's -Wcomment), and control characters other than line breaks and tabs
 * become spaces.
 */
export function commentSafe(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*");
}

/** Greedy word wrap of each line of `text` to `width` columns. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}

/** The first sentence of a doc string, for kernel-doc's one-line summary. */
export function splitSummary(doc: string | undefined): {
  summary: string;
  rest: string | undefined;
} {
  if (!doc) return { summary: "", rest: undefined };
  const m = /^(.*?\.)(\s+|$)(.*)$/s.exec(doc);
  if (!m || !m[1]) return { summary: doc, rest: undefined };
  const rest = m[3]?.trim();
  return { summary: m[1].replace(/\.$/, ""), rest: rest ? rest : undefined };
}

export function hex(n: number): string {
  return n < 10 ? String(n) : `0x${n.toString(16)}`;
}
