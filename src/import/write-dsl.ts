/**
 * The pieces of a definitions module that say what a C header's declarations hold beyond a
 * plain uAPI: exact values (`cInt("0xffffffffffffffffULL")`), per-ABI scalars
 * (`perAbi("__kernel_long_t", "long", { x32: "long long" })`), bitfields, packed and aligned
 * records and members, records of other headers, per-ABI declarations. write-defs.ts uses
 * them, so an imported header generates back to the same layouts and values.
 */
import {
  exactValue,
  type Field,
  type IntConstant,
  type StructItem,
  type TypeRef,
} from "../model/ir.js";
import { cIntLiteral } from "../../generators/shared/c-literal.js";

/** `abis: [...]` for an item declared on some ABIs only. */
export function abisText(abis: readonly string[] | undefined): string {
  return abis ? `abis: ${JSON.stringify(abis)}, ` : "";
}

/** An integer as the DSL writes it: a number when it is one, else `cInt("...")`. */
export function intText(
  v: Pick<IntConstant, "value" | "big" | "unsigned" | "size">,
  used: Set<string>,
): string {
  const exact = exactValue(v);
  const plain = !v.unsigned && (v.size ?? 4) === 4 && Number.isSafeInteger(v.value);
  if (plain) return v.value < 0 ? String(v.value) : `0x${v.value.toString(16)}`;
  used.add("cInt");
  const literal = cIntLiteral({
    value: Number(exact),
    big: exact,
    unsigned: v.unsigned,
    size: v.size,
  });
  return `cInt(${JSON.stringify(literal.replace(/^\((.*)\)$/, "$1"))})`;
}

/** `c:` and `byAbi:` of a constant whose value differs between ABIs. */
export function perAbiValueText(v: IntConstant, used: Set<string>): string {
  if (!v.byAbi) return "";
  return `${v.c ? `c: ${JSON.stringify(v.c)}, ` : ""}${byAbiText(v.byAbi, used)}, `;
}

/** `byAbi: { powerpc: 0x80004a04, ... }`. */
export function byAbiText(byAbi: Readonly<Record<string, bigint>>, used: Set<string>): string {
  const entries = Object.entries(byAbi).map(
    ([abi, x]) => `${abi}: ${intText({ ...storedOf(x) }, used)}`,
  );
  return `byAbi: { ${entries.join(", ")} }`;
}

function storedOf(v: bigint): { value: number; big?: bigint; size?: number } {
  const n = Number(v);
  const wide = v > 0x7fffffffn || v < -0x80000000n;
  return Number.isSafeInteger(n)
    ? { value: n, ...(wide ? { size: 8 } : {}) }
    : { value: n, big: v, size: 8 };
}

/** A scalar type: its name, or `perAbi(...)` when it is another scalar on some ABIs. */
export function scalarText(
  t: Extract<TypeRef, { kind: "scalar" }>,
  cType: string | undefined,
  used: Set<string>,
): string {
  if (!t.byAbi) return JSON.stringify(t.name);
  used.add("perAbi");
  return `perAbi(${JSON.stringify(cType ?? t.name)}, ${JSON.stringify(t.name)}, ${JSON.stringify(t.byAbi)})`;
}

/** The layout attributes of a field (`bitWidth`, `align`, `packed`), as DSL properties. */
export function fieldAttrs(f: Field): string[] {
  return [
    ...(f.bitWidth !== undefined ? [`bitWidth: ${f.bitWidth}`] : []),
    ...(f.align !== undefined ? [`align: ${f.align}`] : []),
    ...(f.packed ? ["packed: true"] : []),
  ];
}

/** A record's own attributes, as DSL properties (`packed: true, align: 8, ...`). */
export function recordAttrs(s: Pick<StructItem, "packed" | "align" | "maxFieldAlign">): string {
  return [
    ...(s.packed ? ["packed: true"] : []),
    ...(s.align !== undefined ? [`align: ${s.align}`] : []),
    ...(s.maxFieldAlign !== undefined ? [`maxFieldAlign: ${s.maxFieldAlign}`] : []),
  ]
    .map((x) => `${x}, `)
    .join("");
}
