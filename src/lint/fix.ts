/**
 * `--fix`: applies the safe fixes the rules offer to definitions files, then formats the
 * changed files with prettier. Fixes are applied in passes, each followed by a fresh lint:
 * within a pass at most one fix per item (two paddings in one struct would pick the same
 * fresh name) and never two overlapping edits. It stops when no fix is left or a pass
 * changes nothing.
 */
import type { Position } from "../diagnostics/diagnostic.js";
import type { Fix, LintDiagnostic, TextEdit } from "./types.js";

export interface FixIo {
  readonly read: (file: string) => string | undefined;
  readonly write: (file: string, text: string) => void;
}

const MAX_PASSES = 25;

export async function fixUntilStable(
  lintOnce: () => readonly LintDiagnostic[] | Promise<readonly LintDiagnostic[]>,
  io: FixIo,
): Promise<{ applied: number; files: string[] }> {
  let applied = 0;
  const touched = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = chooseFixes(await lintOnce());
    if (chosen.length === 0) break;
    const byFile = new Map<string, TextEdit[]>();
    for (const fix of chosen)
      for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
    let changed = false;
    for (const [file, edits] of byFile) {
      const before = io.read(file);
      if (before === undefined) continue;
      const after = await format(file, applyEdits(before, edits));
      if (after !== before) {
        io.write(file, after);
        touched.add(file);
        changed = true;
      }
    }
    if (!changed) break;
    applied += chosen.length;
  }
  return { applied, files: [...touched] };
}

function chooseFixes(diagnostics: readonly LintDiagnostic[]): Fix[] {
  const items = new Set<string>();
  const taken: TextEdit[] = [];
  const out: Fix[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes?.[0];
    if (!fix) continue;
    const item = `${d.loc?.file ?? ""}#${(d.path ?? "").split(".")[0]}`;
    if (items.has(item) || fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    items.add(item);
    taken.push(...fix.edits);
    out.push(fix);
  }
  return out;
}

const cmp = (a: Position, b: Position) => a.line - b.line || a.character - b.character;

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  // Two insertions at one point would interleave: treat touching ranges as overlapping.
  return cmp(a.range.start, b.range.end) <= 0 && cmp(b.range.start, a.range.end) <= 0;
}

/** Applies non-overlapping edits to a text, last first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const offset = (p: Position) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

async function format(file: string, text: string): Promise<string> {
  // Imported here, not at the top: prettier takes ~40 ms to load and only --fix needs it.
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(text, { ...options, filepath: file });
}
