/** Reading scenario values: objects with known keys, integers as JSON numbers or "0x..." strings, names. */
import type { Where } from "./format-error.js";

export type Json = null | boolean | number | bigint | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/**
 * `table[key]` when `key` is the table's own: a scenario's names must not reach what every
 * object inherits (`toString`, `constructor`, `__proto__`).
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The most bytes one hex string may give (an ioctl argument, an entry, a tail). */
export const MAX_HEX_BYTES = 1 << 20;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string")
    return v.length > 60 ? `a string of ${v.length} characters` : `the string ${JSON.stringify(v)}`;
  if (typeof v === "bigint") return shortInteger(v);
  return `${typeof v} ${String(v)}`;
}

export function object(w: Where, key: string, v: unknown): JsonObject {
  if (!isObject(v)) w.fail(key, `expected an object, got ${describe(v)}`);
  return v;
}

export function array(w: Where, key: string, v: unknown): Json[] {
  if (!Array.isArray(v)) w.fail(key, `expected an array, got ${describe(v)}`);
  return v;
}

/** Rejects keys the format does not define: a typo must not silently mean "not checked". */
export function keys(w: Where, prefix: string, o: JsonObject, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k))
      w.fail(prefix ? `${prefix}.${k}` : k, `unknown key (expected one of ${allowed.join(", ")})`);
  }
}

export function string(w: Where, key: string, v: unknown): string {
  if (typeof v !== "string") w.fail(key, `expected a string, got ${describe(v)}`);
  return v;
}

export function bool(w: Where, key: string, v: unknown): boolean {
  if (typeof v !== "boolean") w.fail(key, `expected true or false, got ${describe(v)}`);
  return v;
}

/** A non-negative integer of at most `bits` bits. */
export function integer(w: Where, key: string, v: unknown, bits = 64): bigint {
  let n: bigint;
  if (typeof v === "bigint") n = v;
  else if (typeof v === "number") {
    if (!Number.isInteger(v)) w.fail(key, `expected an integer, got ${v}`);
    if (!Number.isSafeInteger(v))
      w.fail(key, `${v} is above 2^53: write 64-bit values as "0x..." strings`);
    n = BigInt(v);
  } else if (typeof v === "string" && v.length <= MAX_INTEGER_TEXT && INTEGER_TEXT.test(v.trim()))
    n = BigInt(v.trim());
  else w.fail(key, `expected an integer (a number or a "0x..." string), got ${describe(v)}`);
  if (n < 0n) w.fail(key, `expected a non-negative integer, got ${shortInteger(n)}`);
  if (n >> BigInt(bits) !== 0n) w.fail(key, `${shortInteger(n)} does not fit ${bits} bits`);
  return n;
}

/** Longer integer texts are refused before BigInt sees them (a 64-bit value needs 20 digits). */
const MAX_INTEGER_TEXT = 100;
const INTEGER_TEXT = /^(0x[0-9a-f]+|[0-9]+)$/i;

/** An integer for a message: itself when short, its size in bits when huge (YAML integers). */
function shortInteger(n: bigint): string {
  const hexDigits = (n < 0n ? -n : n).toString(16);
  return hexDigits.length > 32 ? `a ${hexDigits.length * 4}-bit value` : String(n);
}

export function smallInt(w: Where, key: string, v: unknown, bits = 32): number {
  return Number(integer(w, key, v, bits));
}

/** A hex byte string ("0a0b", spaces allowed), of at most MAX_HEX_BYTES bytes. */
export function hexBytes(w: Where, key: string, v: unknown): Uint8Array {
  const raw = string(w, key, v);
  // Bounded before any copy is made: at most two digits per byte, plus some spacing.
  if (raw.length > 4 * MAX_HEX_BYTES + 2)
    w.fail(key, `expected at most ${MAX_HEX_BYTES} bytes of hex`);
  const s = raw.replace(/\s+/g, "").replace(/^0x/i, "");
  if (s.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(s))
    w.fail(key, "expected hex bytes, an even number of hex digits");
  if (s.length / 2 > MAX_HEX_BYTES) w.fail(key, `expected at most ${MAX_HEX_BYTES} bytes of hex`);
  return new Uint8Array(Buffer.from(s, "hex"));
}

/** A member of a name → value table, by name or by number. */
export function named(
  w: Where,
  key: string,
  v: unknown,
  table: Readonly<Record<string, number>>,
): number {
  if (typeof v === "string" && !/^(0x[0-9a-f]+|[0-9]+)$/i.test(v)) {
    const value = own(table, v);
    if (value === undefined)
      w.fail(
        key,
        `unknown name ${JSON.stringify(v)} (expected a number or one of ${Object.keys(table).join(", ")})`,
      );
    return value;
  }
  return smallInt(w, key, v);
}

export function hex(v: bigint | number): string {
  return `0x${BigInt(v).toString(16)}`;
}
