/**
 * kernel-doc comments, read as the kernel's documentation tooling reads them: a title naming
 * what is documented (`struct foo - summary`, `enum`, `union`, `typedef`, `define NAME -`,
 * `NAME - summary`, `DOC: heading`), `@member:` descriptions (dotted for nested members, with
 * continuation lines, and further paragraphs when indented after a blank line), then the body.
 * An `@name` inside prose is text, never a command: only a line that starts with `@name:`
 * opens a member description. Linear in the comment's length: each line is matched once by
 * anchored patterns without nested repetition.
 */
import { ioctlsNamedIn } from "../model/doc-text.js";

export type KernelDocTitleKind =
  "struct" | "union" | "enum" | "typedef" | "define" | "name" | "doc";

export interface KernelDocTitle {
  readonly kind: KernelDocTitleKind;
  /** The documented name; for `DOC:`, the heading. */
  readonly name: string;
  /** The short description after ` - `, continuation lines joined. */
  readonly summary: string;
  /** Whether the title has a ` - ` separator (kernel-doc's form; prose rarely has it). */
  readonly dashed: boolean;
  /** Zero-based line of the title within the comment. */
  readonly line: number;
}

export interface KernelDocMember {
  /** `field`, `outer.inner` or `MEMBER`. */
  readonly name: string;
  /** Paragraphs separated by blank lines, lines of a paragraph joined with spaces. */
  readonly text: string;
  /** Zero-based line of the `@name:` within the comment. */
  readonly line: number;
}

export interface KernelDoc {
  readonly title: KernelDocTitle | undefined;
  readonly members: readonly KernelDocMember[];
  /** Paragraphs separated by blank lines; list and indented lines keep their line breaks. */
  readonly body: string;
  /** The ioctls the title names as `ioctl(NAME)`. */
  readonly ioctls: readonly string[];
}

const TITLE_TAG = /^(struct|union|enum|typedef)\s+([A-Za-z_]\w*)\s*(?:(?:-+|:)\s*(.*))?$/;
const TITLE_DEFINE = /^define\s+([A-Za-z_]\w*)\s*(?:-+\s*(.*))?$/;
const TITLE_NAME = /^([A-Za-z_]\w*)(?:\s*\(\))?\s+-+\s+(.*)$/;
const TITLE_DOC = /^DOC:\s*(.*)$/;
const MEMBER = /^@([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|\.\.\.)\s*:\s?(.*)$/;
const SECTION = /^(description|context|returns?|notes?|examples?)\s*:\s*(.*)$/i;
const LIST_ITEM = /^([-*+]\s|\d+[.)]\s)/;

interface Line {
  /** Zero-based line within the comment's text. */
  readonly line: number;
  /** The text after the comment's ` * ` prefix, trailing blanks removed. */
  readonly text: string;
  /** Leading blanks of `text` (a tab counts as 8). */
  readonly indent: number;
}

/** The lines of a comment without its delimiters and its leading ` * `. */
export function commentLines(raw: string): Line[] {
  let body = raw;
  if (body.startsWith("/*")) {
    body = body.replace(/^\/\*[*!]?<?/, "");
    if (body.endsWith("*/")) body = body.slice(0, -2);
  } else body = body.replace(/^\/\/[/!]?<?/, "");
  const out: Line[] = [];
  const split = body.split("\n");
  for (let n = 0; n < split.length; n++) {
    const l = split[n]!;
    // ` * text`, `*text`, `// text`, or text without a prefix.
    let t = l.replace(/^[ \t]*(\*(?!\/) ?|\/\/[/!]? ?)?/, "").trimEnd();
    // A line of stars is a banner's edge, not text.
    if (/^\*+$/.test(t)) t = "";
    const lead = /^[ \t]*/.exec(t)![0];
    out.push({ line: n, text: t, indent: lead.replace(/\t/g, "        ").length });
  }
  while (out.length && !out[0]!.text.trim()) out.shift();
  while (out.length && !out.at(-1)!.text.trim()) out.pop();
  return out;
}

export function parseKernelDoc(raw: string): KernelDoc {
  const lines = commentLines(raw);
  const titleLine = lines[0]?.line ?? 0;
  let title: KernelDocTitle | undefined;
  let i = 0;
  const first = lines[0]?.text.trim() ?? "";
  const t = titleOf(first);
  const summary: string[] = [];
  if (t) {
    summary.push(t.summary);
    // The short description runs on until a blank line, a member or a section.
    for (i = 1; i < lines.length; i++) {
      const s = lines[i]!.text.trim();
      if (!s || MEMBER.test(s) || SECTION.test(s)) break;
      summary.push(s);
    }
    title = { ...t, summary: summary.filter(Boolean).join(" "), line: titleLine };
  }
  // An in-line member comment (`/** @name: ... */` inside a struct) is all description.
  const inline = !t && MEMBER.test(first);
  const members: { name: string; paras: string[][]; line: number }[] = [];
  const body = new Paragraphs();
  let member: (typeof members)[number] | undefined;
  let blankInMember = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const s = line.text.trim();
    const m = MEMBER.exec(s);
    if (m) {
      member = { name: m[1]!, paras: [[m[2]!.trim()].filter(Boolean)], line: line.line };
      members.push(member);
      blankInMember = false;
      continue;
    }
    const section = inline ? null : SECTION.exec(s);
    if (section) {
      member = undefined;
      body.breakParagraph();
      // `Description:` only introduces the body; other sections keep their heading.
      if (section[1]!.toLowerCase() === "description") {
        if (section[2]) body.add({ line: line.line, text: section[2], indent: 0 });
      } else body.add({ line: line.line, text: s, indent: 0 });
      continue;
    }
    if (member) {
      if (!s) {
        blankInMember = true;
        continue;
      }
      // After a blank line, only an indented line goes on describing the member.
      if (!blankInMember) {
        member.paras.at(-1)!.push(s);
        continue;
      }
      if (line.indent > 0 || inline) {
        member.paras.push([s]);
        blankInMember = false;
        continue;
      }
      member = undefined;
    }
    if (!s) body.breakParagraph();
    else body.add(line);
  }
  return {
    title,
    members: members.map((x) => ({
      name: x.name,
      line: x.line,
      text: x.paras
        .map((p) => p.join(" ").replace(/\s+/g, " "))
        .filter(Boolean)
        .join("\n\n"),
    })),
    body: body.toString(),
    ioctls: title ? ioctlsNamedIn(title.summary) : [],
  };
}

function titleOf(s: string): Omit<KernelDocTitle, "line"> | undefined {
  let m = TITLE_DOC.exec(s);
  if (m) return { kind: "doc", name: m[1]!.trim(), summary: "", dashed: false };
  m = TITLE_TAG.exec(s);
  if (m)
    return {
      kind: m[1] as KernelDocTitleKind,
      name: m[2]!,
      summary: (m[3] ?? "").trim(),
      dashed: m[3] !== undefined,
    };
  m = TITLE_DEFINE.exec(s);
  if (m) return { kind: "define", name: m[1]!, summary: (m[2] ?? "").trim(), dashed: !!m[2] };
  m = TITLE_NAME.exec(s);
  if (m) return { kind: "name", name: m[1]!, summary: m[2]!.trim(), dashed: true };
  return undefined;
}

/**
 * Body text: paragraphs separated by blank lines. A paragraph of prose is one line; a paragraph
 * with list items or lines indented past the comment's margin (a literal block, a table) keeps
 * its line breaks and its indentation relative to that margin.
 */
class Paragraphs {
  private readonly done: Line[][] = [];
  private current: Line[] = [];

  add(line: Line): void {
    this.current.push(line);
  }

  breakParagraph(): void {
    if (this.current.length) this.done.push(this.current);
    this.current = [];
  }

  toString(): string {
    this.breakParagraph();
    let margin = Infinity;
    for (const p of this.done) for (const l of p) margin = Math.min(margin, l.indent);
    return this.done
      .map((p) => {
        const kept = p.some((l) => l.indent > margin || LIST_ITEM.test(l.text.trim()));
        if (!kept) return p.map((l) => l.text.trim()).join(" ");
        return p.map((l) => " ".repeat(l.indent - margin) + l.text.trim()).join("\n");
      })
      .join("\n\n");
  }
}
