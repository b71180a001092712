/**
 * Runs clang-19 over a C header and returns its JSON AST, with every location resolved.
 * clang's JSON dumper omits `file` and `line` when they equal the previously printed ones, so
 * locations only make sense read in document order; `resolveLocations` walks the whole tree
 * once in key order and writes the current file and line into every location object.
 */
import { execFileSync } from "node:child_process";
import type { Diagnostic } from "../diagnostics/diagnostic.js";

export const CLANG = process.env.UAPI_GEN_CLANG ?? "clang-19";

export interface AstNode {
  readonly id?: string;
  readonly kind: string;
  readonly name?: string;
  readonly loc?: AstLoc;
  readonly range?: { readonly begin?: AstLoc; readonly end?: AstLoc };
  readonly inner?: readonly AstNode[];
  readonly type?: { readonly qualType: string; readonly desugaredQualType?: string };
  readonly tagUsed?: "struct" | "union" | "enum";
  readonly completeDefinition?: boolean;
  readonly isImplicit?: boolean;
  readonly isBitfield?: boolean;
  readonly value?: string;
  readonly text?: string;
  readonly fixedUnderlyingType?: { readonly qualType: string };
  readonly [key: string]: unknown;
}

export interface AstLoc {
  readonly offset?: number;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly tokLen?: number;
  readonly spellingLoc?: AstLoc;
  readonly expansionLoc?: AstLoc;
  /** Filled by resolveLocations. */
  _file?: string;
  _line?: number;
}

export interface ClangResult {
  readonly ast: AstNode | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Flags for a header-only translation unit: all comments attached, C11, no warnings noise. */
export function clangArgs(file: string, extra: readonly string[] = []): string[] {
  return [
    "-x",
    "c",
    "-std=gnu11",
    "-fsyntax-only",
    "-fparse-all-comments",
    "-Wno-everything",
    "-Xclang",
    "-ast-dump=json",
    ...extra,
    file,
  ];
}

export function runClang(file: string, extra: readonly string[] = []): ClangResult {
  let stdout = "";
  let stderr = "";
  try {
    stdout = execFileSync(CLANG, clangArgs(file, extra), {
      encoding: "utf8",
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    const err = e as { code?: string; stdout?: string; stderr?: string };
    if (err.code === "ENOENT") {
      return {
        ast: undefined,
        diagnostics: [
          {
            severity: "error",
            code: "import/clang",
            message: `${CLANG} is not installed`,
            hint: "apt-get install clang-19, or set UAPI_GEN_CLANG",
          },
        ],
      };
    }
    // clang exits 1 on errors but still prints the AST of what it could parse.
    stdout = err.stdout ?? "";
    stderr = err.stderr ?? "";
  }
  const diagnostics = parseClangErrors(stderr);
  if (!stdout.trim()) {
    if (diagnostics.length === 0)
      diagnostics.push({
        severity: "error",
        code: "import/clang",
        message: `${CLANG} produced no AST for ${file}`,
      });
    return { ast: undefined, diagnostics };
  }
  const ast = JSON.parse(stdout) as AstNode;
  resolveLocations(ast);
  return { ast, diagnostics };
}

/** `file:line:col: error: message` lines of clang's stderr as diagnostics. */
export function parseClangErrors(stderr: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const line of stderr.split("\n")) {
    const m = /^(.*?):(\d+):(\d+): (fatal error|error): (.*)$/.exec(line);
    if (!m) continue;
    const [l, c] = [Number(m[2]) - 1, Number(m[3]) - 1];
    out.push({
      severity: "error",
      code: "import/clang",
      message: m[5]!,
      loc: {
        file: m[1]!,
        range: { start: { line: l, character: c }, end: { line: l, character: c } },
      },
      hint: "the header must compile on its own (as check-uapi.sh and the kernel's header test require)",
    });
  }
  return out;
}

export function resolveLocations(root: unknown): void {
  let file: string | undefined;
  let line: number | undefined;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (!v || typeof v !== "object") return;
    const o = v as Record<string, unknown>;
    if ("offset" in o && typeof o.offset === "number") {
      if (typeof o.file === "string") file = o.file;
      if (typeof o.line === "number") line = o.line;
      o._file = file;
      o._line = line;
    }
    for (const key of Object.keys(o)) {
      if (key !== "_file" && key !== "_line") visit(o[key]);
    }
  };
  visit(root);
}

/** The position a location stands for in the source: the macro expansion site if any. */
export function placeOf(
  loc: AstLoc | undefined,
): { file: string; line: number; col: number; len: number } | undefined {
  if (!loc) return undefined;
  const l = loc.expansionLoc ?? loc;
  if (!l._file || l._line === undefined || l.col === undefined) return undefined;
  return { file: l._file, line: l._line, col: l.col, len: l.tokLen ?? 1 };
}
