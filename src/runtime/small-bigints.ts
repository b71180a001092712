/**
 * Shared bigints for small values. Decoding a million entries into objects is bound by the
 * garbage collector, not by reading bytes: every 64-bit field is a heap-allocated bigint that
 * the young-generation collector copies while the decoded array is alive. uAPI fields are
 * mostly small (zero, flags, page counts, IDs), and bigints are immutable values, so handing
 * out one shared bigint per small value is invisible to callers and halves that work.
 */

/** Values below this come from the table; 4096 bigints cost about 80 KiB. */
export const SMALL_LIMIT = 4096;

export const SMALL_BIGINTS: readonly bigint[] = Array.from({ length: SMALL_LIMIT }, (_, i) =>
  BigInt(i),
);

/**
 * Helpers the compiled codecs and views call (V8 inlines them): 64-bit reads that look at the
 * high half first (through a DataView, or typed arrays on a little-endian host: `u64a`), the
 * widening of a non-negative integer number to a bigint (`big`), and of a field wider than
 * 53 bits given as its high and low parts (`wide`, in numbers while the value fits).
 */
export const BIGINT_HELPERS_SOURCE = `
function u64le(dv, o) { if (dv.getUint32(o + 4, true) === 0) { const lo = dv.getUint32(o, true); if (lo < ${SMALL_LIMIT}) return SB[lo]; } return dv.getBigUint64(o, true); }
function u64be(dv, o) { if (dv.getUint32(o, false) === 0) { const lo = dv.getUint32(o + 4, false); if (lo < ${SMALL_LIMIT}) return SB[lo]; } return dv.getBigUint64(o, false); }
function s64le(dv, o) { if (dv.getUint32(o + 4, true) === 0) { const lo = dv.getUint32(o, true); if (lo < ${SMALL_LIMIT}) return SB[lo]; } return dv.getBigInt64(o, true); }
function s64be(dv, o) { if (dv.getUint32(o, false) === 0) { const lo = dv.getUint32(o + 4, false); if (lo < ${SMALL_LIMIT}) return SB[lo]; } return dv.getBigInt64(o, false); }
function u64a(s, i) { const u = s.u32; if (u[2 * i + 1] === 0) { const lo = u[2 * i]; if (lo < ${SMALL_LIMIT}) return SB[lo]; } return s.q[i]; }
function s64a(s, i) { const u = s.u32; if (u[2 * i + 1] === 0) { const lo = u[2 * i]; if (lo < ${SMALL_LIMIT}) return SB[lo]; } return s.s64[i]; }
function wide(hi, lo, bits, scale, limit) { return hi < limit ? big(hi * scale + lo) : (BigInt(hi) << BigInt(bits)) | BigInt(lo); }
function big(n) { return n >= 0 && n < ${SMALL_LIMIT} ? SB[n] : BigInt(n); }
`;
