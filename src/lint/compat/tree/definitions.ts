/**
 * What a header defines, read from its text: each macro, struct, union, enum (its enumerators
 * with it) and typedef by name, with its definition normalised (comments and spacing dropped).
 * A tree comparison uses it to decide, without a compiler, whether a header whose own text did
 * not change is affected by a change in a header it includes: only if it names something whose
 * definition changed, or that is defined from something that changed (the closure of "uses").
 */

export type Definitions = ReadonlyMap<string, string>;

const MAX_DEFINITION = 200_000;

/** The header's text without comments, strings kept, line structure kept. */
export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (c) => c.replace(/[^\n]/g, " "));
}

export function definitionsOf(text: string): Map<string, string> {
  const code = stripComments(text);
  const out = new Map<string, string>();
  const norm = (s: string) => s.replace(/\s+/g, " ").trim();
  // Macros, with their continuation lines.
  for (const m of code.matchAll(/^[ \t]*#[ \t]*define[ \t]+(\w+)((?:\\\n|[^\n])*)/gm))
    out.set(m[1]!, norm(macroDefinition(m[2]!.replace(/\\\n/g, " "))));
  // Tagged bodies: struct/union/enum NAME { ... }, braces matched.
  for (const m of code.matchAll(/\b(struct|union|enum)\s+(\w+)\s*\{/g)) {
    const body = braced(code, m.index + m[0].length - 1);
    if (body === undefined) continue;
    out.set(`${m[1]} ${m[2]}`, norm(body));
    if (m[1] === "enum") for (const e of enumerators(body)) out.set(e, norm(body));
  }
  // Anonymous enums: their enumerators, each defined by the whole body.
  for (const m of code.matchAll(/\benum\s*\{/g)) {
    const body = braced(code, m.index + m[0].length - 1);
    if (body !== undefined) for (const e of enumerators(body)) out.set(e, norm(body));
  }
  // Typedefs: the name before the final `;`, defined by the whole declaration.
  for (const m of code.matchAll(/\btypedef\b/g)) {
    const end = declarationEnd(code, m.index);
    const decl = code.slice(m.index, end);
    const name = /(\w+)\s*(\[[^\]]*\]\s*)*(\)\s*\([^)]*\))?\s*$/.exec(
      decl.replace(/\s*;$/, ""),
    )?.[1];
    if (name) out.set(name, norm(decl));
  }
  return out;
}

/**
 * A macro's definition with a function-like macro's parameters numbered, so renaming a
 * parameter (`_IOW(type,nr,size)` → `_IOW(type,nr,argtype)`) is no change.
 */
function macroDefinition(rest: string): string {
  const params = /^\(([^)]*)\)/.exec(rest);
  if (!params) return rest;
  const names = params[1]!.split(",").map((p) => p.trim());
  const index = new Map(names.map((n, i) => [n, `$${i}`]));
  const body = rest.slice(params[0].length).replace(/[A-Za-z_]\w*/g, (id) => index.get(id) ?? id);
  return `(${names.map((_, i) => `$${i}`).join(",")})${body}`;
}

/** `{ ... }` starting at `open`, braces matched; undefined when unbalanced or too long. */
function braced(code: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < code.length && i - open < MAX_DEFINITION; i++) {
    const c = code[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return code.slice(open, i + 1);
  }
  return undefined;
}

/** The `;` that ends a declaration from `from`, skipping braced bodies. */
function declarationEnd(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length && i - from < MAX_DEFINITION; i++) {
    const c = code[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (c === ";" && depth === 0) return i + 1;
  }
  return Math.min(code.length, from + MAX_DEFINITION);
}

function enumerators(body: string): string[] {
  const inner = body.slice(1, -1);
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= inner.length; i++) {
    const c = inner[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if ((c === "," && depth === 0) || i === inner.length) {
      const name = /^\s*(\w+)/.exec(inner.slice(start, i))?.[1];
      if (name) out.push(name);
      start = i + 1;
    }
  }
  return out;
}

/** Identifiers a text uses (outside comments), and its tags as `struct foo`. */
export function identifiersOf(text: string): Set<string> {
  const code = stripComments(text);
  const out = new Set(code.match(/[A-Za-z_]\w*/g) ?? []);
  for (const t of code.match(/\b(?:struct|union|enum)\s+\w+/g) ?? [])
    out.add(t.replace(/\s+/g, " "));
  return out;
}

/**
 * The names whose meaning differs between two sets of definitions: changed, added or removed
 * ones, and then every definition that mentions one of those, transitively, so a struct that
 * embeds a changed struct counts as changed.
 */
export function changedNames(before: Definitions, after: Definitions): Set<string> {
  const changed = new Set<string>();
  for (const [name, def] of after) if (before.get(name) !== def) changed.add(name);
  for (const name of before.keys()) if (!after.has(name)) changed.add(name);
  // Who uses what: definitions reference tags as `struct foo`.
  const usedBy = new Map<string, string[]>();
  for (const [name, def] of after)
    for (const id of identifiersOf(def)) {
      const list = usedBy.get(id);
      if (list) list.push(name);
      else usedBy.set(id, [name]);
    }
  const queue = [...changed];
  for (let next = 0; next < queue.length; next++)
    for (const user of usedBy.get(queue[next]!) ?? [])
      if (!changed.has(user)) {
        changed.add(user);
        queue.push(user);
      }
  return changed;
}
