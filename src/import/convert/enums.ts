/**
 * C enums to IR enums with exact values. clang's AST gives each initializer's value as the
 * compiler computed it (a `ConstantExpr`, under an implicit conversion for `1U << 0`,
 * `_BITULL(n)` or `(__u64)-2048`); the enumerator's own value is that value in the
 * enumerator's type, and an enumerator without an initializer is the previous one plus one.
 * Enumerators whose initializers depend on the ABI (`sizeof`) carry each ABI's value, which
 * that ABI's compiler computed (read/evaluate.ts).
 */
import type { ScalarName } from "../../abi/kernel-types.js";
import { storedValue, type EnumItem, type EnumMember } from "../../model/ir.js";
import type { AstNode } from "../clang.js";
import { docOf, locOf } from "./nodes.js";

export interface EnumContext {
  /** Bytes of `long` on the ABI whose AST this is. */
  readonly longSize: number;
  /** Per enumerator whose value depends on the ABI: its value on each ABI. */
  readonly perAbi: ReadonlyMap<string, ReadonlyMap<string, bigint>>;
  /** The reference ABI (its value is the member's own). */
  readonly reference: string;
}

export function convertEnum(
  node: AstNode,
  name: string,
  anonymous: boolean,
  module: string,
  ctx: EnumContext,
): EnumItem {
  let previous: { value: bigint; type: string } | undefined;
  const members: EnumMember[] = [];
  for (const m of node.inner ?? []) {
    if (m.kind !== "EnumConstantDecl" || !m.name) continue;
    const type = m.type?.qualType ?? "int";
    const init = firstConstant(m);
    const value =
      init?.value !== undefined
        ? convert(BigInt(init.value), type, ctx.longSize)
        : previous
          ? convert(previous.value + 1n, previous.type, ctx.longSize)
          : 0n;
    previous = { value, type };
    const abiValues = ctx.perAbi.get(m.name);
    const own = abiValues?.get(ctx.reference) ?? value;
    const differing = abiValues ? [...abiValues].filter(([, v]) => v !== own) : [];
    members.push({
      name: m.name,
      ...storedValue(own),
      ...(differing.length ? { byAbi: Object.fromEntries(differing) } : {}),
      doc: docOf(m),
      loc: locOf(m.loc),
      ...(init === undefined ? { implicit: true } : {}),
    });
  }
  return { kind: "enum", name, module, doc: docOf(node), loc: locOf(node.loc), anonymous, members };
}

/** The scalar a field of this enum type is: gcc's and clang's choice for these values. */
export function enumScalar(item: EnumItem): ScalarName {
  let min = 0n;
  let max = 0n;
  for (const m of item.members) {
    const v = m.big ?? BigInt(m.value);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const wide = max > 0xffffffffn || min < -0x80000000n || (min < 0n && max > 0x7fffffffn);
  if (wide) return min < 0n ? "long long" : "unsigned long long";
  return min < 0n ? "int" : "unsigned int";
}

function firstConstant(node: AstNode): AstNode | undefined {
  for (const n of node.inner ?? []) {
    if (n.kind === "ConstantExpr" && n.value !== undefined) return n;
    const deeper = firstConstant(n);
    if (deeper) return deeper;
  }
  return undefined;
}

/** `value` as a value of the C integer type `type` (wraps like a conversion). */
function convert(value: bigint, type: string, longSize: number): bigint {
  const t =
    type
      .replace(/\bint\b/g, "")
      .replace(/\s+/g, " ")
      .trim() || "int";
  const unsigned = /\bunsigned\b/.test(t);
  const bits = /long long/.test(t)
    ? 64
    : /long/.test(t)
      ? longSize * 8
      : /short/.test(t)
        ? 16
        : /char/.test(t)
          ? 8
          : 32;
  return unsigned ? BigInt.asUintN(bits, value) : BigInt.asIntN(bits, value);
}
