/**
 * The operators a definitions module may use on numbers, as tables. Bit operations work on
 * unsigned integers of any width (as C constants do), not on JavaScript's signed 32 bits, so
 * `1 << 31` is 0x80000000 and not a negative number.
 */
import { ts } from "ts-morph";

type Binary = (a: number, b: number) => number;

const onBigInts =
  (f: (a: bigint, b: bigint) => bigint): Binary =>
  (a, b) =>
    Number(f(BigInt(a), BigInt(b)));

/**
 * Shifts by more than 64 bits give 0 (right) or a value no definition can hold (left): they
 * are computed without building a BigInt of that many bits. Results above 2^53 are refused by
 * the evaluator.
 */
const shiftLeft: Binary = (a, b) =>
  a === 0 ? 0 : b > 64 ? Infinity : Number(BigInt(a) << BigInt(b));
const shiftRight: Binary = (a, b) => (b > 64 ? 0 : Number(BigInt(a) >> BigInt(b)));

/** Plain arithmetic, on any numbers. */
export const ARITHMETIC: ReadonlyMap<ts.SyntaxKind, Binary> = new Map([
  [ts.SyntaxKind.MinusToken, (a, b) => a - b],
  [ts.SyntaxKind.AsteriskToken, (a, b) => a * b],
  [ts.SyntaxKind.SlashToken, (a, b) => a / b],
  [ts.SyntaxKind.PercentToken, (a, b) => a % b],
]);

/** Bit operations, on non-negative integers below 2^53. */
export const BITWISE: ReadonlyMap<ts.SyntaxKind, Binary> = new Map([
  [ts.SyntaxKind.LessThanLessThanToken, shiftLeft],
  [ts.SyntaxKind.GreaterThanGreaterThanToken, shiftRight],
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, shiftRight],
  [ts.SyntaxKind.BarToken, onBigInts((a, b) => a | b)],
  [ts.SyntaxKind.AmpersandToken, onBigInts((a, b) => a & b)],
  [ts.SyntaxKind.CaretToken, onBigInts((a, b) => a ^ b)],
]);

/**
 * Prefix operators; `~` complements within 32 bits, as on a C `unsigned int` (the evaluator
 * gives it only non-negative integers).
 */
export const UNARY: ReadonlyMap<ts.SyntaxKind, (v: number) => number> = new Map([
  [ts.SyntaxKind.MinusToken, (v: number) => -v],
  [ts.SyntaxKind.PlusToken, (v: number) => v],
  [ts.SyntaxKind.TildeToken, (v: number) => Number(BigInt.asUintN(32, ~BigInt(v)))],
]);
