/**
 * Address-based TLBI operands (SPEC 4.4.1.1):
 * TG = 0 means one address, no range and no TTL; TG ≠ 0 selects the granule (1: 4 KB,
 * 2: 16 KB, 3: 64 KB, log2 = TG × 2 + 10) and the range (NUM + 1) × 2^SCALE granules from
 * the address, without wrapping. NUM, SCALE and TG are RES0 without IDR3.RIL; TTL128 is RES0
 * unless TG and TTL are non-zero.
 *
 * Legality is decided on the small fields as numbers (`checkOperand`); the byte span, which
 * needs 64-bit arithmetic, is only built (`spanOf`) when a cache holds entries it could cover.
 */
import type { SmmuConfig } from "./config.js";

export interface AddressOperand {
  readonly addr: bigint;
  readonly num: number;
  readonly scale: number;
  readonly tg: number;
  readonly ttl: number;
  readonly ttl128: number;
}

/** The operand as the handlers hold it: the address as a page number (Addr[63:12]). */
export interface PageOperand {
  addrPage: number;
  num: number;
  scale: number;
  tg: number;
  ttl: number;
  ttl128: number;
}

export interface InvalidationSpan {
  /** First byte, and one past the last (2^64 at most: the range does not wrap). */
  readonly start: bigint;
  readonly end: bigint;
  /** The granule the command names (log2), or undefined for TG = 0 (any granule). */
  readonly granuleLog2: number | undefined;
  /** The level hint (0: any level). */
  readonly ttl: number;
}

export type SpanResult = { readonly span: InvalidationSpan } | { readonly illegal: string };

const ADDRESS_LIMIT = 1n << 64n;

export function granuleLog2(tg: number): number {
  return tg * 2 + 10;
}

/**
 * Why the operand is CERROR_ILL, or undefined. Without IDR3.RIL and without RES0 checking,
 * NUM/SCALE/TG are ignored: they are zeroed in `op`, which `spanOf` then reads.
 */
export function checkOperand(op: PageOperand, cfg: SmmuConfig): string | undefined {
  if (!cfg.ril && (op.num | op.scale | op.tg) !== 0) {
    if (cfg.checkReserved) return "NUM/SCALE/TG are RES0 without IDR3.RIL";
    op.num = op.scale = op.tg = 0;
  }
  const { num, scale, tg, ttl } = op;
  if (tg === 0) {
    if (cfg.checkReserved && (num | scale | ttl | op.ttl128) !== 0)
      return "NUM/SCALE/TTL are RES0 when TG is 0";
    return undefined;
  }
  if (num === 0 && scale === 0 && ttl === 0) return "TG≠0 with NUM=SCALE=TTL=0 is reserved";
  // Without IDR5.DS (not modelled), TTL 0b01 with the 16 KB granule is treated as 0, which
  // collapses to the reserved combination (SPEC note; exact condition UNVERIFIED).
  if (tg === 2 && ttl === 1 && num === 0 && scale === 0)
    return "16 KB granule with TTL=1 collapses to the reserved combination";
  if (cfg.checkReserved && op.ttl128 !== 0 && ttl === 0) return "TTL128 is RES0 when TTL is 0";
  return undefined;
}

/** The span of an operand `checkOperand` accepted. */
export function spanOf(op: Readonly<PageOperand>): InvalidationSpan {
  return spanAt(BigInt(op.addrPage) << 12n, op);
}

function spanAt(addr: bigint, op: Readonly<PageOperand>): InvalidationSpan {
  // TG 0: a single, non-range invalidation of the entries that translate this address.
  if (op.tg === 0) return { start: addr, end: addr + 1n, granuleLog2: undefined, ttl: 0 };
  const g = granuleLog2(op.tg);
  const length = BigInt(op.num + 1) << BigInt(op.scale + g);
  const end = addr + length > ADDRESS_LIMIT ? ADDRESS_LIMIT : addr + length;
  return { start: addr, end, granuleLog2: g, ttl: op.ttl };
}

/** Decodes the operand, or says why it is CERROR_ILL. `reservedNonZero` RES0 fields are ignored unless checked. */
export function decodeSpan(op: AddressOperand, cfg: SmmuConfig): SpanResult {
  const page: PageOperand = { ...op, addrPage: 0 };
  const illegal = checkOperand(page, cfg);
  return illegal !== undefined ? { illegal } : { span: spanAt(op.addr, page) };
}

/** The span of ATC_INV: 4096 × 2^Size bytes at the address aligned down; Size 52 is the whole space. */
export function atcSpan(addr: bigint, size: number): { start: bigint; end: bigint } {
  if (size >= 52) return { start: 0n, end: ADDRESS_LIMIT };
  const bytes = 1n << BigInt(12 + size);
  const start = addr & ~(bytes - 1n);
  return { start, end: start + bytes };
}

export function overlaps(aStart: bigint, aEnd: bigint, bStart: bigint, bEnd: bigint): boolean {
  return aStart < bEnd && bStart < aEnd;
}
