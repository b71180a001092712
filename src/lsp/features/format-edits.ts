/**
 * Makes the linter's fix edits look like the code around them. The linter's fixer leaves
 * edits unformatted (`--fix` runs prettier over the whole file afterwards), but a code action
 * must not reformat a user's file, and the shipped definitions are not all prettier-clean. So
 * only the inserted text is formatted: with prettier (the project's configuration), at the
 * indentation of the line it goes into. The result is checked to parse; if formatting broke
 * anything, the raw edits are used.
 */
import { ts } from "ts-morph";
import * as prettier from "prettier";
import type { TextEdit } from "../../lint/index.js";

interface Style {
  readonly printWidth: number;
  readonly options: prettier.Options;
}

const styles = new Map<string, Promise<Style>>();

async function styleFor(file: string): Promise<Style> {
  let s = styles.get(file);
  if (!s) {
    s = prettier
      .resolveConfig(file)
      .catch(() => null)
      .then((cfg) => ({
        printWidth: cfg?.printWidth ?? 80,
        options: { ...(cfg ?? {}), parser: "typescript" },
      }));
    styles.set(file, s);
  }
  return s;
}

/** Forgets cached prettier configurations (a configuration file changed). */
export function clearFormatCache(): void {
  styles.clear();
}

export async function formatEdits(text: string, edits: readonly TextEdit[]): Promise<TextEdit[]> {
  if (!edits.length) return [];
  const style = await styleFor(edits[0]!.file);
  const lines = text.split("\n");
  const out: TextEdit[] = [];
  for (const e of edits) out.push(await formatOne(lines, e, style).catch(() => e));
  return parses(applyEdits(text, out)) || !parses(applyEdits(text, edits)) ? out : [...edits];
}

async function formatOne(lines: readonly string[], e: TextEdit, style: Style): Promise<TextEdit> {
  const line = lines[e.range.start.line] ?? "";
  const indent = /^\s*/.exec(line)![0];
  const nl = e.newText.indexOf("\n");
  if (nl >= 0) {
    // `,\n<properties>` after a property: format the properties as an object body.
    const head = e.newText.slice(0, nl + 1);
    const body = e.newText.slice(nl + 1);
    const formatted = await prettier.format(`({\n${body}\n});\n`, {
      ...style.options,
      printWidth: Math.max(40, style.printWidth - indent.length + 2),
    });
    const inner = formatted.split("\n").slice(1, -2);
    const reindented = inner
      .map((l) => (l ? indent + l.replace(/^ {2}/, "") : l))
      .join("\n")
      .replace(/,$/, "");
    return { ...e, newText: head + reindented };
  }
  // An element appended to a one-per-line list (an import list): put it on its own line.
  if (
    /^, [\w$]+$/.test(e.newText) &&
    /^\s*[\w$]+,?\s*$/.test(line) &&
    e.range.start.character >= line.trimEnd().replace(/,$/, "").length
  ) {
    return { ...e, newText: `,\n${indent}${e.newText.slice(2)}` };
  }
  // An inline edit that makes its line too long: let prettier break that line, when the line
  // is a whole statement (an import) or a whole property (a field: `name: { ... },`).
  const start = e.range.start.character;
  const end = e.range.end.line === e.range.start.line ? e.range.end.character : line.length;
  const result = line.slice(0, start) + e.newText + line.slice(end);
  if (result.length <= style.printWidth || e.range.end.line !== e.range.start.line) return e;
  const reflowed = await reflow(result.trim(), indent, style);
  if (reflowed === undefined) return e;
  const whole = {
    start: { line: e.range.start.line, character: indent.length },
    end: { line: e.range.start.line, character: line.length },
  };
  return { file: e.file, range: whole, newText: reflowed };
}

async function reflow(text: string, indent: string, style: Style): Promise<string | undefined> {
  const width = { ...style.options, printWidth: Math.max(40, style.printWidth - indent.length) };
  if (/;$/.test(text) && parses(text)) {
    const formatted = (await prettier.format(text, width)).replace(/\n$/, "");
    return formatted.split("\n").join(`\n${indent}`);
  }
  if (/^[\w$"']+\s*:/.test(text) && parses(`({\n${text}\n});`)) {
    const formatted = await prettier.format(`({\n${text}\n});\n`, {
      ...width,
      printWidth: width.printWidth + 2,
    });
    const inner = formatted
      .split("\n")
      .slice(1, -2)
      .map((l) => l.replace(/^ {2}/, ""));
    const body = inner.join(`\n${indent}`);
    // Keep the line's own trailing comma (or its absence); prettier adds one.
    return text.endsWith(",") ? (body.endsWith(",") ? body : `${body},`) : body.replace(/,$/, "");
  }
  return undefined;
}

/** Applies non-overlapping edits to a text (last first, so earlier offsets stay valid). */
export function applyEdits(
  text: string,
  edits: readonly Pick<TextEdit, "range" | "newText">[],
): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const offset = (p: { line: number; character: number }) =>
    Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

function parses(text: string): boolean {
  const sf = ts.createSourceFile("fix.ts", text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return (sf as unknown as { parseDiagnostics: readonly unknown[] }).parseDiagnostics.length === 0;
}
