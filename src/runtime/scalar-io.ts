/** Reading and writing one scalar with an explicit byte order, with range checks. */
import type { Abi } from "../abi/abis.js";
import { SCALARS, type ScalarName } from "../abi/kernel-types.js";
import { scalarLayout, scalarSigned } from "../layout/layout.js";

export type ScalarValue = number | bigint;

export class CodecError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "CodecError";
  }
}

/** Whether a scalar is stored little-endian on an ABI: its own order, or the ABI's for native. */
export function littleEndian(name: ScalarName, abi: Abi): boolean {
  const order = SCALARS[name].order;
  return order === "native" ? abi.endian === "little" : order === "le";
}

/** Whether the TypeScript value of a scalar is a bigint on this ABI (64-bit and ABI-sized). */
export function isBigScalar(name: ScalarName): boolean {
  const size = SCALARS[name].size;
  return size === 8 || size === null;
}

export function readScalar(
  view: DataView,
  offset: number,
  name: ScalarName,
  abi: Abi,
): ScalarValue {
  const le = littleEndian(name, abi);
  const { size } = scalarLayout(name, abi);
  const signed = scalarSigned(name, abi);
  switch (size) {
    case 1:
      return signed ? view.getInt8(offset) : view.getUint8(offset);
    case 2:
      return signed ? view.getInt16(offset, le) : view.getUint16(offset, le);
    case 4: {
      const v = signed ? view.getInt32(offset, le) : view.getUint32(offset, le);
      return isBigScalar(name) ? BigInt(v) : v;
    }
    default:
      return signed ? view.getBigInt64(offset, le) : view.getBigUint64(offset, le);
  }
}

export function writeScalar(
  view: DataView,
  offset: number,
  name: ScalarName,
  abi: Abi,
  value: unknown,
  path: string,
): void {
  const le = littleEndian(name, abi);
  const { size } = scalarLayout(name, abi);
  const signed = scalarSigned(name, abi);
  const big = isBigScalar(name);
  if (big ? typeof value !== "bigint" : typeof value !== "number" || !Number.isInteger(value)) {
    throw new CodecError(
      path,
      `expected ${big ? "a bigint" : "an integer"} for ${name}, got ${describe(value)}`,
    );
  }
  const v = BigInt(value as number | bigint);
  const bits = BigInt(size * 8);
  const min = signed ? -(1n << (bits - 1n)) : 0n;
  const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  if (v < min || v > max)
    throw new CodecError(path, `${v} does not fit ${name} (${min}..${max}) on ${abi.name}`);
  switch (size) {
    case 1:
      return signed ? view.setInt8(offset, Number(v)) : view.setUint8(offset, Number(v));
    case 2:
      return signed ? view.setInt16(offset, Number(v), le) : view.setUint16(offset, Number(v), le);
    case 4:
      return signed ? view.setInt32(offset, Number(v), le) : view.setUint32(offset, Number(v), le);
    default:
      return signed ? view.setBigInt64(offset, v, le) : view.setBigUint64(offset, v, le);
  }
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number" && !Number.isInteger(v)) return `the non-integer ${v}`;
  return `${typeof v} ${String(v)}`;
}
