/**
 * What a C header declares, as the compiler sees it: the structs and unions with their
 * members, enums and enumerators, typedefs (clang-19's JSON AST) and the macros the header
 * itself defines (`clang -E -dD`). Only declarations located in the header's own files count,
 * not those of what it includes. Names only: every value is read from the compiler per ABI.
 * It never goes through uapi-gen's C importer, so a reference is judged by something other
 * than uapi-gen's own reading of it.
 */
import { readFileSync } from "node:fs";
import { firstLines, type Pool } from "../exec.js";

export interface RecordShape {
  readonly kind: "struct" | "union";
  /** Members as C names them: anonymous union and struct members are direct members. */
  readonly fields: readonly string[];
}

export interface MacroShape {
  readonly kind: "object" | "function";
  /** The replacement text, spaces collapsed. */
  readonly body: string;
}

export interface Inventory {
  readonly records: ReadonlyMap<string, RecordShape>;
  readonly enums: ReadonlySet<string>;
  readonly enumerators: readonly string[];
  readonly typedefs: ReadonlySet<string>;
  /** Macros defined by the header files, without their include guards. */
  readonly macros: ReadonlyMap<string, MacroShape>;
}

/** A translation unit to read: its source (includes), the flags, and the files that count. */
export interface HeaderUnit {
  readonly source: string;
  readonly command: string;
  readonly flags: readonly string[];
  readonly files: readonly string[];
}

export async function readInventory(
  pool: Pool,
  unit: HeaderUnit,
): Promise<Inventory | { error: string }> {
  const input = { input: Buffer.from(unit.source) };
  const common = [...unit.flags, "-x", "c", "-"];
  const [ast, pre] = await Promise.all([
    pool.exec(unit.command, ["-fsyntax-only", "-Xclang", "-ast-dump=json", ...common], input),
    pool.exec(unit.command, ["-E", "-dD", ...common], input),
  ]);
  if (ast.code !== 0 || pre.code !== 0)
    return {
      error: `${unit.command} cannot read ${unit.files.join(", ")}:\n${firstLines(ast.stderr || pre.stderr, 8)}`,
    };
  const files = new Set(unit.files);
  const decls = declarations(JSON.parse(ast.stdout.toString("utf8")) as Node, files);
  const guards = new Set(unit.files.flatMap((f) => includeGuard(f) ?? []));
  return { ...decls, macros: macrosOf(pre.stdout.toString("utf8"), files, guards) };
}

interface Node {
  readonly kind?: string;
  readonly name?: string;
  readonly tagUsed?: string;
  readonly completeDefinition?: boolean;
  readonly isImplicit?: boolean;
  readonly loc?: unknown;
  readonly inner?: readonly Node[];
}

/**
 * clang's JSON dump writes a location's `file` only when it differs from the location written
 * before it, so the file of a declaration is the last one seen, in document order, up to its
 * own `loc`. Every value is visited once with an explicit stack (no recursion on the input).
 */
function declarations(root: Node, files: ReadonlySet<string>): Omit<Inventory, "macros"> {
  const records = new Map<string, RecordShape>();
  const enums = new Set<string>();
  const enumerators: string[] = [];
  const typedefs = new Set<string>();
  let lastFile = "";
  const track = (value: unknown): void => {
    const stack: unknown[] = [value];
    while (stack.length) {
      const v = stack.pop();
      if (!v || typeof v !== "object") continue;
      const entries = Array.isArray(v)
        ? v.map((x, i) => [String(i), x] as const)
        : Object.entries(v);
      if (!Array.isArray(v) && typeof (v as { file?: unknown }).file === "string")
        lastFile = (v as { file: string }).file;
      for (let i = entries.length - 1; i >= 0; i--)
        if (entries[i]![0] !== "includedFrom") stack.push(entries[i]![1]);
    }
  };
  for (const decl of root.inner ?? []) {
    track(decl.loc);
    const here = files.has(lastFile);
    const { loc: _loc, ...rest } = decl;
    track(rest);
    if (!here) continue;
    // Named records nested in a record are file-scope types in C: gather them too.
    const pending: Node[] = [decl];
    while (pending.length) {
      const node = pending.pop()!;
      if (node.kind === "RecordDecl" && node.name && node.completeDefinition) {
        const fields: string[] = [];
        for (const m of node.inner ?? []) {
          if ((m.kind === "FieldDecl" || m.kind === "IndirectFieldDecl") && m.name)
            fields.push(m.name);
          if (m.kind === "RecordDecl") pending.push(m);
        }
        records.set(node.name, { kind: node.tagUsed === "union" ? "union" : "struct", fields });
      } else if (node.kind === "EnumDecl") {
        if (node.name) enums.add(node.name);
        for (const e of node.inner ?? [])
          if (e.kind === "EnumConstantDecl" && e.name) enumerators.push(e.name);
      } else if (node.kind === "TypedefDecl" && node.name && !node.isImplicit) {
        typedefs.add(node.name);
      } else if (node.kind === "RecordDecl") {
        for (const m of node.inner ?? []) if (m.kind === "RecordDecl") pending.push(m);
      }
    }
  }
  return { records, enums, enumerators, typedefs };
}

const LINE_MARKER = /^# \d+ "((?:[^"\\]|\\.)*)"/;
const DEFINE = /^#define ([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?(?: (.*))?$/;

/** The macros `clang -E -dD` shows defined in `files`, minus include guards. */
function macrosOf(
  text: string,
  files: ReadonlySet<string>,
  guards: ReadonlySet<string>,
): Map<string, MacroShape> {
  const macros = new Map<string, MacroShape>();
  let current = "";
  for (const line of text.split("\n")) {
    const marker = LINE_MARKER.exec(line);
    if (marker) {
      current = marker[1]!.replace(/\\(.)/g, "$1");
      continue;
    }
    if (line.startsWith("#undef ")) {
      if (files.has(current)) macros.delete(line.slice(7).trim());
      continue;
    }
    const d = DEFINE.exec(line);
    if (!d || !files.has(current) || guards.has(d[1]!)) continue;
    macros.set(d[1]!, {
      kind: d[2] ? "function" : "object",
      body: (d[3] ?? "").trim().replace(/\s+/g, " "),
    });
  }
  return macros;
}

/** The `#ifndef X` / `#define X` pair that opens a header, if it has one. */
export function includeGuard(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const code = text.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, " ");
  const m = /^\s*#\s*ifndef\s+(\w+)\s*\n\s*#\s*define\s+(\w+)/.exec(code);
  return m && m[1] === m[2] ? m[1] : undefined;
}
