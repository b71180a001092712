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

/** Plain arithmetic, on any numbers. */
export const ARITHMETIC: ReadonlyMap<ts.SyntaxKind, Binary> = new Map([
  [ts.SyntaxKind.MinusToken, (a, b) => a - b],
  [ts.SyntaxKind.AsteriskToken, (a, b) => a * b],
  [ts.SyntaxKind.SlashToken, (a, b) => a / b],
  [ts.SyntaxKind.PercentToken, (a, b) => a % b],
]);

/** Bit operations, on non-negative integers. */
export const BITWISE: ReadonlyMap<ts.SyntaxKind, Binary> = new Map([
  [ts.SyntaxKind.LessThanLessThanToken, onBigInts((a, b) => a << b)],
  [ts.SyntaxKind.GreaterThanGreaterThanToken, onBigInts((a, b) => a >> b)],
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken, onBigInts((a, b) => a >> b)],
  [ts.SyntaxKind.BarToken, onBigInts((a, b) => a | b)],
  [ts.SyntaxKind.AmpersandToken, onBigInts((a, b) => a & b)],
  [ts.SyntaxKind.CaretToken, onBigInts((a, b) => a ^ b)],
]);

/** Prefix operators; `~` complements within 32 bits, as on a C `unsigned int`. */
export const UNARY: ReadonlyMap<ts.SyntaxKind, (v: number) => number> = new Map([
  [ts.SyntaxKind.MinusToken, (v: number) => -v],
  [ts.SyntaxKind.PlusToken, (v: number) => v],
  [ts.SyntaxKind.TildeToken, (v: number) => Number(BigInt.asUintN(32, ~BigInt(v)))],
]);
