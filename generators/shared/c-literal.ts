/**
 * C integer literals that keep a constant's value and type: `0x80000000U`, `0x1LL << 40` as
 * `0x10000000000LL`, `(-2147483647 - 1)`. A generated header's macro then behaves in
 * expressions as the original's did (`~FLAG` of an unsigned flag stays unsigned).
 */
import type { IntConstant } from "../../src/model/ir.js";
import { exactValue } from "../../src/model/ir.js";

export function cIntLiteral(c: Pick<IntConstant, "value" | "big" | "unsigned" | "size">): string {
  const v = exactValue(c);
  const wide = (c.size ?? 4) > 4;
  const suffix = `${c.unsigned ? "U" : ""}${wide ? "LL" : ""}`;
  if (v >= 0n) return v < 10n ? `${v}${suffix}` : `0x${v.toString(16)}${suffix}`;
  // The most negative value of a type has no literal: write it as (-(max) - 1).
  const min = -(1n << (wide ? 63n : 31n));
  if (v === min) return `(-0x${(-(v + 1n)).toString(16)}${suffix} - 1)`;
  return `(-${(-v).toString()}${suffix})`;
}
