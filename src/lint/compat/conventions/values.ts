/**
 * Values as the front end read them, per ABI: a constant's exact integer (`big`, `byAbi`), a
 * character, or a text macro's text; an enumerator's exact integer. Compared and shown alike.
 */
import { valueOn, type ConstantValue, type EnumMember } from "../../../model/ir.js";

/** A comparable value: an exact integer, or the text of a macro that is not one. */
export type Value = { readonly int: bigint } | { readonly text: string };

export function constantOn(v: ConstantValue, abi: string): Value {
  if (v.kind === "text") return { text: v.text };
  if (v.kind === "char") return { int: BigInt(v.value) };
  return { int: valueOn(v, abi) };
}

export function memberOn(m: EnumMember, abi: string): Value {
  return { int: valueOn(m, abi) };
}

/**
 * Integers are the same when their 64 bits are (`-1` and `-1ull`, as `SVM_EXIT_ERR` was
 * respelled): a binary stores either in the same bits.
 */
export function sameValue(a: Value, b: Value): boolean {
  return "int" in a && "int" in b
    ? BigInt.asUintN(64, a.int) === BigInt.asUintN(64, b.int)
    : "text" in a && "text" in b && a.text.replace(/\s+/g, " ") === b.text.replace(/\s+/g, " ");
}

/** A C string literal (`"-ioctl (2025-04-28)"`), possibly several concatenated. */
export function isStringText(v: Value): boolean {
  return "text" in v && /^\(?\s*"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*\s*\)?$/.test(v.text);
}

/** Characters of a macro's text a message shows (an initializer list can run to pages). */
const TEXT_SHOWN = 60;

export function showValue(v: Value, char = false): string {
  if ("text" in v) {
    const t = v.text.replace(/\s+/g, " ");
    return `\`${t.length > TEXT_SHOWN ? `${t.slice(0, TEXT_SHOWN)}…` : t}\``;
  }
  const n = v.int;
  if (char && n >= 0x20n && n < 0x7fn) return `'${String.fromCharCode(Number(n))}'`;
  return n < 0n ? `-0x${(-n).toString(16)}` : `0x${n.toString(16)}`;
}

/** The number a value classifies by (../value-change.ts), when it is one. */
export function numberOf(v: Value): bigint | undefined {
  return "int" in v ? v.int : undefined;
}

/**
 * The ABIs where two values differ, grouped by the change: `[["0x1 → 0x2", [abis]]]`, the
 * largest group first.
 */
export function valueChanges(
  abis: readonly string[],
  old: (abi: string) => Value,
  now: (abi: string) => Value,
  char = false,
): { text: string; abis: string[]; first: { old: Value; new: Value } }[] {
  const groups = new Map<string, { abis: string[]; first: { old: Value; new: Value } }>();
  for (const abi of abis) {
    const [a, b] = [old(abi), now(abi)];
    if (sameValue(a, b)) continue;
    const key = `${showValue(a, char)} → ${showValue(b, char)}`;
    const g = groups.get(key);
    if (g) g.abis.push(abi);
    else groups.set(key, { abis: [abi], first: { old: a, new: b } });
  }
  return [...groups]
    .map(([text, g]) => ({ text, ...g }))
    .sort((x, y) => y.abis.length - x.abis.length);
}
