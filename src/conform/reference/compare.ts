/**
 * Differences between a generated header and its reference: what one declares and the other
 * does not (structs, members, enums, enumerators, typedefs, macros: missing items are named),
 * what is declared differently (struct or union, function-like or not, a non-integer macro's
 * text, a number that only one side can compute), and per ABI every number that differs.
 */
import type { Finding } from "../types.js";
import { showValue } from "../probe.js";
import type { Candidate } from "./candidates.js";
import type { Inventory } from "./inventory.js";

/** One side of a comparison: what it declares and which candidates compile there. */
export interface Side {
  readonly inventory: Inventory;
  readonly kept: readonly Candidate[];
}

const where = (c: Candidate) =>
  c.struct
    ? `${c.struct}${c.field ? `.${c.field}` : ""} (${c.property})`
    : `${c.field} (${c.property})`;

/** ABI-independent differences, reported once for the whole run. */
export function compareInventories(reference: Side, generated: Side, abi: string): Finding[] {
  const findings: Finding[] = [];
  const say = (message: string, extra: Partial<Finding> = {}) =>
    findings.push({ abi, check: "reference", message, ...extra });
  const both = <T>(
    what: string,
    ref: Iterable<T>,
    gen: Iterable<T>,
    name: (t: T) => string,
    extra: (t: T) => Partial<Finding> = () => ({}),
  ) => {
    const r = new Map([...ref].map((t) => [name(t), t]));
    const g = new Map([...gen].map((t) => [name(t), t]));
    for (const [n, t] of r)
      if (!g.has(n)) say(`${what} ${n} is missing from the generated header`, extra(t));
    for (const [n, t] of g) if (!r.has(n)) say(`${what} ${n} is not in the reference`, extra(t));
  };
  const ri = reference.inventory;
  const gi = generated.inventory;
  both(
    "record",
    ri.records.keys(),
    gi.records.keys(),
    (n) => `${ri.records.get(n)?.kind ?? gi.records.get(n)?.kind} ${n}`,
  );
  for (const [name, r] of ri.records) {
    const g = gi.records.get(name);
    if (!g) continue;
    if (g.kind !== r.kind)
      say(`${name} is a ${r.kind} in the reference and a ${g.kind} in the generated header`, {
        struct: name,
      });
    both(
      "member",
      r.fields,
      g.fields,
      (f) => `${name}.${f}`,
      () => ({ struct: name }),
    );
    if (r.fields.join() !== g.fields.join() && r.fields.length === g.fields.length)
      say(`the members of ${name} are in another order`, { struct: name });
  }
  both("enum", ri.enums, gi.enums, (e) => e);
  both("enumerator", ri.enumerators, gi.enumerators, (e) => e);
  both("typedef", ri.typedefs, gi.typedefs, (t) => t);
  both("macro", ri.macros.keys(), gi.macros.keys(), (m) => m);
  for (const [name, r] of ri.macros) {
    const g = gi.macros.get(name);
    if (!g) continue;
    if (g.kind !== r.kind)
      say(
        `macro ${name} is ${r.kind}-like in the reference, ${g.kind}-like in the generated header`,
      );
  }
  // A number only one side can compute (a string macro against an integer, a bit-field
  // against a plain member) cannot be compared: say so; equal non-integer macros are fine.
  const rk = new Map(reference.kept.map((c) => [c.key, c]));
  const gk = new Map(generated.kept.map((c) => [c.key, c]));
  const rEnumerators = new Set(ri.enumerators);
  const gEnumerators = new Set(gi.enumerators);
  const present = (c: Candidate) => {
    if (c.property === "macro") return gi.macros.has(c.key) && ri.macros.has(c.key);
    if (c.property === "enumerator") return gEnumerators.has(c.key) && rEnumerators.has(c.key);
    return true;
  };
  for (const [key, c] of rk)
    if (!gk.has(key) && present(c) && comparableInGenerated(c, gi))
      say(`${where(c)} is a constant in the reference but not in the generated header`);
  for (const [key, c] of gk)
    if (!rk.has(key) && present(c) && comparableInGenerated(c, ri))
      say(`${where(c)} is a constant in the generated header but not in the reference`);
  for (const [name, r] of ri.macros) {
    const g = gi.macros.get(name);
    if (g && g.kind === r.kind && !rk.has(name) && !gk.has(name) && g.body !== r.body)
      say(`macro ${name} expands to \`${g.body}\`, the reference's to \`${r.body}\``, {
        expected: r.body,
        actual: g.body,
      });
  }
  return findings;
}

/** Whether the other side declares what the candidate measures (else "missing" covers it). */
function comparableInGenerated(c: Candidate, other: Inventory): boolean {
  if (!c.struct || c.property === "enumerator" || c.property === "macro") return true;
  if (c.struct.startsWith("enum ")) return other.enums.has(c.struct.slice(5));
  if (c.struct.startsWith("typedef ")) return other.typedefs.has(c.struct.slice(8));
  const r = other.records.get(c.struct);
  return !!r && (!c.field || r.fields.includes(c.field));
}

/** Every number both sides computed on one ABI that differs. */
export function compareValues(
  abi: string,
  reference: readonly Candidate[],
  referenceValues: readonly (number | bigint)[],
  generated: readonly Candidate[],
  generatedValues: readonly (number | bigint)[],
): Finding[] {
  const ref = new Map(reference.map((c, i) => [c.key, referenceValues[i]!]));
  return generated.flatMap((c, i) => {
    const want = ref.get(c.key);
    const got = generatedValues[i]!;
    if (want === undefined || want === got) return [];
    return [
      {
        abi,
        check: "reference",
        ...(c.struct ? { struct: c.struct } : {}),
        field: c.struct ? `${c.property}${c.field ? `(${c.field})` : ""}` : c.field!,
        expected: showValue(want),
        actual: showValue(got),
        message: `${c.struct ? c.property : `the ${c.property}'s value`} differs from the reference`,
      },
    ];
  });
}
