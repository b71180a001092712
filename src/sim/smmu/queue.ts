/**
 * SMMUv3 queue pointers (SPEC 6.3.27-28): with QS =
 * LOG2SIZE, bits [QS-1:0] are the index and bit [QS] the wrap flag. Empty when index and wrap
 * are equal, full when the index is equal and the wrap differs. CMDQ_CONS also holds ERR in
 * bits [30:24]; incrementing RD keeps ERR (as QEMU does).
 */
export const CONS_ERR_SHIFT = 24;
export const CONS_ERR_MASK = 0x7f;
const RD_MASK = 0xfffff;

export function ptrMask(log2size: number): number {
  return (1 << (log2size + 1)) - 1;
}

export function ptrIndex(ptr: number, log2size: number): number {
  return ptr & ((1 << log2size) - 1);
}

export function ptrWrap(ptr: number, log2size: number): number {
  return (ptr >>> log2size) & 1;
}

/** The next pointer: index + 1, toggling the wrap flag past the last entry. */
export function ptrInc(ptr: number, log2size: number, by = 1): number {
  return ((ptr & ptrMask(log2size)) + by) & ptrMask(log2size);
}

export function queueEmpty(prod: number, cons: number, log2size: number): boolean {
  return (prod & ptrMask(log2size)) === (cons & ptrMask(log2size));
}

export function queueFull(prod: number, cons: number, log2size: number): boolean {
  return (
    ptrIndex(prod, log2size) === ptrIndex(cons, log2size) &&
    ptrWrap(prod, log2size) !== ptrWrap(cons, log2size)
  );
}

/** Entries between cons and prod. */
export function queueUsed(prod: number, cons: number, log2size: number): number {
  const size = 1 << log2size;
  const p = ptrIndex(prod, log2size);
  const c = ptrIndex(cons, log2size);
  return ptrWrap(prod, log2size) === ptrWrap(cons, log2size) ? p - c : size - c + p;
}

export function consRd(cons: number): number {
  return cons & RD_MASK;
}

export function consErr(cons: number): number {
  return (cons >>> CONS_ERR_SHIFT) & CONS_ERR_MASK;
}

export function withConsErr(cons: number, err: number): number {
  return (
    ((cons & ~(CONS_ERR_MASK << CONS_ERR_SHIFT)) | ((err & CONS_ERR_MASK) << CONS_ERR_SHIFT)) >>> 0
  );
}

/** Sets RD, keeping ERR. */
export function withConsRd(cons: number, rd: number): number {
  return ((cons & ~RD_MASK) | (rd & RD_MASK)) >>> 0;
}
