/**
 * What one ABI's preprocessor output of a probe unit says about the header:
 *
 * - a structure key: the tokens of the header's own declarations and of every declaration
 *   they reach by name (through typedefs, tags, enumerators), with the targets of simple
 *   typedefs left out. Two ABIs with the same key read the same declarations and differ only
 *   in what their simple typedefs name, so one AST read serves both;
 * - the simple typedefs (`__kernel_mode_t` → `unsigned short`), resolved per ABI later;
 * - each probed macro's expansion (probes.ts), and whether the header's declarations use
 *   something whose value depends on the ABI inside a bound, a bitfield width or an
 *   attribute (`sizeof`, `_Alignof`, ...), which one AST cannot serve for several ABIs.
 */
import { createHash } from "node:crypto";
import { declarations, isIdentifier, type Declaration } from "./declarations.js";
import type { HeaderSearch } from "./missing.js";
import { tokenize } from "./tokens.js";

export interface PreprocessedView {
  readonly key: string;
  readonly typedefs: ReadonlyMap<string, string>;
  /** Every typedef name the unit declares (simple or not). */
  readonly typedefNames: ReadonlySet<string>;
  /** Macro probe id → expansion tokens; absent when the macro is not defined on this ABI. */
  readonly expansions: ReadonlyMap<number, readonly string[]>;
  /** `sizeof`-like tokens appear in the declarations' structure (see the file comment). */
  readonly layoutSensitive: boolean;
  /** Names of the enumerators the header declares whose values use such tokens. */
  readonly sensitiveEnumerators: readonly string[];
  /** `#include`s that found no file, as `file:line: 'name'`. */
  readonly missingIncludes: readonly string[];
  /** `#pragma pack(N)` in force at each record: by tag, or `file:line` of an untagged one. */
  readonly packs: ReadonlyMap<string, number>;
}

/** Tokens whose value depends on the ABI even when the text is the same. */
export const ABI_SENSITIVE = new Set([
  "sizeof",
  "_Alignof",
  "__alignof__",
  "__alignof",
  "__builtin_offsetof",
  "long",
  "char",
]);

/**
 * `search`: the run's header search, which tells an include that entered no file because it
 * found none from one an include guard skipped (missing.ts).
 */
export function analysePreprocessed(
  source: string,
  header: string,
  probeFile: string,
  search?: HeaderSearch,
): PreprocessedView {
  const ts = tokenize(source);
  const decls = declarations(ts);
  const primary = ts.files.indexOf(header);
  const probe = ts.files.indexOf(probeFile);
  const t = ts.text;

  const typedefs = new Map<string, string>();
  const typedefNames = new Set<string>();
  const declaring = new Map<string, number[]>();
  decls.forEach((d, i) => {
    if (d.simpleTypedef) typedefs.set(d.simpleTypedef.name, d.simpleTypedef.target);
    if (t[d.start] === "typedef" || t[d.start + 1] === "typedef")
      for (const n of d.declares) typedefNames.add(n);
    if (d.file === primary || d.file === probe) return;
    for (const name of d.declares) {
      const list = declaring.get(name);
      if (list) list.push(i);
      else declaring.set(name, [i]);
    }
  });

  // The declarations the header's own reach by name.
  const included = new Uint8Array(decls.length);
  const seen = new Set<string>();
  const queue: string[] = [];
  const use = (d: Declaration) => {
    for (let k = d.start; k < d.end; k++) {
      const tok = t[k]!;
      if (isIdentifier(tok) && !seen.has(tok)) {
        seen.add(tok);
        queue.push(tok);
      }
    }
  };
  decls.forEach((d, i) => {
    if (d.file === primary) {
      included[i] = 1;
      use(d);
    }
  });
  while (queue.length) {
    for (const i of declaring.get(queue.pop()!) ?? []) {
      if (included[i]) continue;
      included[i] = 1;
      use(decls[i]!);
    }
  }

  const hash = createHash("sha256");
  let layoutSensitive = false;
  const sensitiveEnumerators: string[] = [];
  decls.forEach((d, i) => {
    if (!included[i]) return;
    if (d.simpleTypedef) {
      hash.update(`typedef ? ${d.simpleTypedef.name};\n`);
      return;
    }
    hash.update(t.slice(d.start, d.end).join(" "));
    hash.update("\n");
    const s = sensitivity(t, d);
    if (s.layout) layoutSensitive = true;
    if (d.file === primary) sensitiveEnumerators.push(...s.enumerators);
  });

  const missingIncludes = ts.includes
    .filter((i) => !i.entered && !!search?.missing(i, ts.files[i.file]!))
    .map((i) => `${ts.files[i.file]}:${i.line}: '${i.name}'`);
  return {
    packs: packsOf(ts),
    missingIncludes,
    key: hash.digest("hex"),
    typedefs,
    typedefNames,
    expansions: probeExpansions(t, ts.file, probe),
    layoutSensitive,
    sensitiveEnumerators,
  };
}

/**
 * Where an ABI-dependent token sits in a declaration: in an enum body it only changes the
 * enumerators' values (probed per ABI); anywhere else (an array bound, a bitfield width, an
 * attribute) it changes the layout one AST gives.
 */
function sensitivity(
  t: readonly string[],
  d: Declaration,
): { layout: boolean; enumerators: string[] } {
  let layout = false;
  const enumerators: string[] = [];
  let depth = 0;
  let enumDepth = -1;
  let member: string | undefined;
  for (let k = d.start; k < d.end; k++) {
    const tok = t[k]!;
    if (tok === "{" || tok === "(" || tok === "[") {
      if (tok === "{" && (t[k - 1] === "enum" || t[k - 2] === "enum")) enumDepth = depth + 1;
      depth++;
      continue;
    }
    if (tok === "}" || tok === ")" || tok === "]") {
      if (tok === "}" && depth === enumDepth) enumDepth = -1;
      depth--;
      continue;
    }
    if (
      enumDepth >= 0 &&
      depth === enumDepth &&
      isIdentifier(tok) &&
      (t[k - 1] === "{" || t[k - 1] === ",")
    )
      member = tok;
    if (!ABI_SENSITIVE.has(tok)) continue;
    // `long` and `char` as plain types of members do not change a layout the AST gives per
    // ABI; only inside an expression (a bound, a width, an attribute, a cast) do they.
    const inExpression = enumDepth < 0 ? insideExpression(t, d.start, k) : true;
    if (enumDepth >= 0 && depth >= enumDepth) {
      if (member && !enumerators.includes(member)) enumerators.push(member);
    } else if (inExpression) layout = true;
  }
  return { layout, enumerators };
}

/** Whether token k is inside `[...]`, an attribute's or `_Alignas`'s parentheses, or after `:`. */
function insideExpression(t: readonly string[], start: number, k: number): boolean {
  let depth = 0;
  for (let j = k - 1; j >= start; j--) {
    const tok = t[j]!;
    if (tok === ")" || tok === "]") depth++;
    else if (tok === "(" || tok === "[") {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (tok === "[") return true;
      const fn = t[j - 1] === "(" ? t[j - 2] : t[j - 1];
      if (fn === "__attribute__" || fn === "__attribute" || fn === "_Alignas" || fn === "sizeof")
        return true;
      if (fn === "__typeof__" || fn === "typeof" || fn === "__typeof") return true;
    } else if (depth === 0 && (tok === ";" || tok === "{" || tok === "}" || tok === ","))
      return false;
    else if (depth === 0 && tok === ":") return true;
  }
  return false;
}

function probeExpansions(
  t: readonly string[],
  files: Uint32Array,
  probe: number,
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (probe < 0) return out;
  let id = -1;
  let body: string[] = [];
  for (let k = 0; k < t.length; k++) {
    if (files[k] !== probe) continue;
    const tok = t[k]!;
    if (tok.startsWith("__uapi_pb_")) {
      id = Number(tok.slice("__uapi_pb_".length));
      body = [];
    } else if (tok.startsWith("__uapi_pe_") && id >= 0) {
      out.set(id, body);
      id = -1;
    } else if (id >= 0) body.push(tok);
  }
  return out;
}

/** The `#pragma pack` value in force where each record is defined. */
function packsOf(ts: ReturnType<typeof tokenize>): Map<string, number> {
  const out = new Map<string, number>();
  const t = ts.text;
  const stack: (number | undefined)[] = [];
  let pack: number | undefined;
  for (let k = 0; k < t.length; k++) {
    const tok = t[k]!;
    if (tok.startsWith("#pragma_pack(")) {
      const args = tok.slice("#pragma_pack(".length, -1).split(",").filter(Boolean);
      const n = args.find((a) => /^\d+$/.test(a));
      if (args[0] === "push") stack.push(pack);
      if (args[0] === "pop") pack = stack.pop();
      else if (n !== undefined || args.length === 0) pack = n === undefined ? undefined : Number(n);
      continue;
    }
    if (pack === undefined || (tok !== "struct" && tok !== "union")) continue;
    const named = isIdentifier(t[k + 1] ?? "") && t[k + 2] === "{";
    if (named) out.set(t[k + 1]!, pack);
    else if (t[k + 1] === "{") out.set(`${ts.files[ts.file[k]!]}:${ts.line[k]}`, pack);
  }
  return out;
}
