/**
 * Where a command field sits in an entry, and the source that extracts it. Entries are
 * little-endian words, read as 32-bit chunks: every field of up to 53 bits is number
 * arithmetic, and only the final value becomes a bigint (through the shared small bigints);
 * wider fields (CMD_SYNC's 54-bit MSIADDR) are assembled as bigints.
 */
import type { BitsDesc, CommandSetDesc } from "./command-set.js";

/** A field placed in the entry's 32-bit chunks: `width` bits from bit `pos` of chunk `k`. */
export interface Placed {
  readonly k: number;
  readonly pos: number;
  readonly width: number;
  /** Bits in chunk k; the rest are the low bits of chunk k + 1. */
  readonly low: number;
}

export function place(set: CommandSetDesc, b: BitsDesc): Placed {
  const bit = b.word * set.wordBits + b.lo;
  const width = b.hi - b.lo + 1;
  const pos = bit & 31;
  return { k: bit >> 5, pos, width, low: Math.min(width, 32 - pos) };
}

export const mask = (bits: number): number => 2 ** bits - 1;

/** `bits` low bits of a chunk shifted down by `pos`, as a non-negative number. */
function slice(chunk: string, pos: number, bits: number): string {
  const shifted = pos ? `(${chunk} >>> ${pos})` : chunk;
  return pos + bits === 32 ? shifted : `(${shifted} & ${mask(bits)})`;
}

/** A field of at most 53 bits as a number, from chunk expressions. */
export function fieldNumber(f: Placed, chunk: (k: number) => string): string {
  const lo = slice(chunk(f.k), f.pos, f.low);
  if (f.low === f.width) return lo;
  return `(${slice(chunk(f.k + 1), 0, f.width - f.low)} * ${2 ** f.low} + ${lo})`;
}

/**
 * A field's value (a bigint) from chunk expressions: number arithmetic up to 53 bits; a wider
 * field goes through `wide` (small-bigints.ts), which stays in numbers while the value fits.
 */
export function fieldValue(f: Placed, chunk: (k: number) => string): string {
  if (f.width <= 53) return `big(${fieldNumber(f, chunk)})`;
  const lo = slice(chunk(f.k), f.pos, f.low);
  const hi = slice(chunk(f.k + 1), 0, f.width - f.low);
  return `wide(${hi}, ${lo}, ${f.low}, ${2 ** f.low}, ${2 ** (53 - f.low)})`;
}

/** The opcode (a number) from chunk expressions. */
export function opcodeValue(set: CommandSetDesc, chunk: (k: number) => string): string {
  return fieldNumber(place(set, set.opcode), chunk);
}
