/**
 * clang's JSON AST as the front end reads it: node shapes, locations resolved in document
 * order, and the value probes (probes.ts) a probe unit's AST carries.
 *
 * clang's JSON dumper omits `file` and `line` when they equal the previously printed ones, so
 * locations only make sense read in document order; `resolveLocations` walks the whole tree
 * once in key order and writes the current file and line into every location object.
 */
import { decodeValueProbe, type ProbedValue } from "./probes.js";

export { CLANG } from "./toolchain.js";

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

/** Parses one translation unit's JSON AST and resolves its locations. */
export function parseAst(json: string): AstNode | undefined {
  if (!json.trim()) return undefined;
  const ast = JSON.parse(json) as AstNode;
  resolveLocations(ast);
  return ast;
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

/** The value probes of a unit's AST: `__uapi_m_K` declarations, by K. */
export function probeValues(tu: AstNode, prefix = "__uapi_m_"): Map<number, ProbedValue> {
  const out = new Map<number, ProbedValue>();
  for (const node of tu.inner ?? []) {
    if (node.kind !== "FunctionDecl" || !node.name?.startsWith(prefix) || !node.type) continue;
    const v = decodeValueProbe(node.type.qualType);
    if (v) out.set(Number(node.name.slice(prefix.length)), v);
  }
  return out;
}
