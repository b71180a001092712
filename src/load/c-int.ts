/**
 * `cInt("0xffffffffffffffffULL")`: an integer written as a C literal, for values past 2^53
 * (a definitions file holds numbers) and to keep a C constant's type (`U`, `LL`). A literal
 * in decimal, hex or octal, optionally negated, with an optional U/L/LL suffix.
 */
export interface CInt {
  readonly value: bigint;
  readonly unsigned: boolean;
  /** 8 for an `LL` suffix or a value past 32 bits, else 4. */
  readonly size: number;
}

const LITERAL =
  /^\(?\s*(-)?\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)([uU]?(?:ll|LL|l|L)?[uU]?)\s*\)?$/;

export function parseCInt(text: string): CInt | undefined {
  const m = LITERAL.exec(text.trim());
  if (!m) return undefined;
  const digits = m[2]!;
  const magnitude = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : BigInt(digits);
  const value = m[1] ? -magnitude : magnitude;
  const suffix = m[3]!;
  const unsigned = /u/i.test(suffix);
  const wide =
    /ll/i.test(suffix) ||
    magnitude > 0xffffffffn ||
    (!unsigned && magnitude > 0x7fffffffn && !!m[1]);
  if (value < -(1n << 63n) || value > (1n << 64n) - 1n) return undefined;
  return { value, unsigned, size: wide ? 8 : 4 };
}
