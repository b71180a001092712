/**
 * The numbers to ask the compiler for, from a header's inventory: every struct's size and
 * alignment and every member's offset and size, every enum's size, every enumerator, every
 * typedef's size and every object-like macro. Which of them are integer constant expressions
 * (a string macro is not, nor the offset of a bit-field) the compiler says once, on the host:
 * a syntax-only compile with one candidate per line, whose error lines drop candidates.
 */
import { firstLines, type Pool } from "../exec.js";
import type { ProbeEntry } from "../probe.js";
import type { Inventory } from "./inventory.js";
import type { HeaderUnit } from "./inventory.js";

/** A probe entry with the key both sides share (`offsetof(struct x, f)`, `IOMMU_DESTROY`). */
export interface Candidate extends ProbeEntry {
  readonly key: string;
}

export function candidatesOf(inv: Inventory): Candidate[] {
  const out: Candidate[] = [];
  const add = (key: string, expr: string, c: Omit<ProbeEntry, "expr" | "expected">) =>
    out.push({ key, expr, expected: 0, ...c });
  for (const [name, r] of inv.records) {
    const tag = `${r.kind} ${name}`;
    add(`sizeof(${tag})`, `sizeof(${tag})`, { struct: name, property: "sizeof" });
    add(`_Alignof(${tag})`, `_Alignof(${tag})`, { struct: name, property: "alignof" });
    for (const f of r.fields) {
      add(`offsetof(${tag}, ${f})`, `__builtin_offsetof(${tag}, ${f})`, {
        struct: name,
        field: f,
        property: "offsetof",
      });
      add(`sizeof(${tag}.${f})`, `sizeof(((${tag} *)0)->${f})`, {
        struct: name,
        field: f,
        property: "sizeof",
      });
    }
  }
  for (const e of inv.enums)
    add(`sizeof(enum ${e})`, `sizeof(enum ${e})`, { struct: `enum ${e}`, property: "sizeof" });
  for (const t of inv.typedefs)
    add(`sizeof(${t})`, `sizeof(${t})`, { struct: `typedef ${t}`, property: "sizeof" });
  for (const e of inv.enumerators) add(e, e, { field: e, property: "enumerator", wide: true });
  for (const [m, shape] of inv.macros)
    if (shape.kind === "object" && shape.body)
      add(m, m, { field: m, property: "macro", wide: true });
  return out;
}

/** The candidates that compile as constants in `unit` (its flags; host target). */
export async function constantCandidates(
  pool: Pool,
  unit: HeaderUnit,
  candidates: readonly Candidate[],
): Promise<{ kept: Candidate[] } | { error: string }> {
  // Line `first + k` of the source holds candidate k, in the very form the probe tables use
  // (an address cast to an integer passes as an initializer, but not masked or shifted).
  const head = unit.source.endsWith("\n") ? unit.source : `${unit.source}\n`;
  const first = head.split("\n").length;
  const body = candidates
    .map((c, k) => {
      const words = c.wide
        ? `(unsigned)((unsigned long long)(${c.expr}) & 0xffffffffu), (unsigned)((unsigned long long)(${c.expr}) >> 32)`
        : `(unsigned)(${c.expr})`;
      return `static const unsigned uapi_gen_c${k}[] = { ${words} };`;
    })
    .join("\n");
  const r = await pool.exec(
    unit.command,
    [...unit.flags, "-fsyntax-only", "-ferror-limit=0", "-w", "-x", "c", "-"],
    { input: Buffer.from(head + body + "\n") },
  );
  const bad = new Set<number>();
  for (const m of r.stderr.matchAll(/^<stdin>:(\d+):\d+: error:/gm)) bad.add(Number(m[1]) - first);
  if (r.code !== 0 && bad.size === 0)
    return { error: `${unit.command} failed on the header:\n${firstLines(r.stderr, 8)}` };
  return { kept: candidates.filter((_, k) => !bad.has(k)) };
}
