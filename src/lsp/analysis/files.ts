/**
 * Small facts about files the workspace needs: which are headers, which definitions modules
 * a configured folder holds, and the diagnostics for files it will not analyse.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";

/** clang takes tens of milliseconds: a header waits for this pause in typing. */
export const HEADER_DEBOUNCE_MS = 300;

export function isHeader(path: string): boolean {
  return path.endsWith(".h");
}

export async function definitionsIn(target: string): Promise<string[]> {
  try {
    const s = await stat(target);
    if (s.isFile()) return target.endsWith(".ts") ? [target] : [];
    const names = await readdir(target);
    return names
      .filter((n) => n.endsWith(".ts") && !n.endsWith(".d.ts"))
      .sort()
      .map((n) => join(target, n));
  } catch {
    return [];
  }
}

export function tooLarge(path: string, size: number, limit: number): Diagnostic {
  return {
    severity: "warning",
    code: "lsp/too-large",
    message: `this document is ${size} bytes, over the limit of ${limit} bytes: it is not analysed`,
    loc: {
      file: path,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    },
    hint: "raise uapiGen.maxFileBytes in the editor settings",
  };
}

export function internalError(path: string, e: unknown): Diagnostic {
  return {
    severity: "error",
    code: "lsp/internal",
    message: `internal error while analysing this file: ${(e as Error)?.message ?? String(e)}`,
    loc: {
      file: path,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    },
    hint: "please report it",
  };
}
