/**
 * The kernel's copy helpers, with their asymmetry (include/linux/iommu.h):
 * the per-entry helper wants entry_len between offsetofend(min_last) and sizeof and rejects a
 * larger one with EINVAL; the full-array helper zero-extends short entries with no minimum
 * and accepts a longer one only when the extra bytes are zero (E2BIG otherwise).
 * Entries come back decoded by the generated codec of the ABI under test.
 */
import type { Abi } from "../../abi/abis.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Errno } from "../errno.js";
import type { UserAccess } from "../user-memory.js";

/** struct iommu_user_data_array: what the core hands a driver. */
export interface UserDataArray {
  readonly type: number;
  readonly uptr: bigint;
  readonly entryLen: number;
  /** In: entries given. Out: the driver writes the number it handled. */
  entryNum: number;
}

export type Copied<T> = { readonly errno: "OK"; readonly value: T } | { readonly errno: Errno };

/**
 * copy_struct_from_user(dst, ksize, src, usize): a shorter user struct is zero-extended, a
 * longer one must be zero beyond ksize (checked first, as the kernel does). The struct goes
 * into `into` (its first ksize bytes) when given, else into a new buffer of ksize bytes.
 */
export function copyStructFromUser(
  mem: UserAccess,
  ksize: number,
  src: bigint,
  usize: bigint | number,
  into?: Uint8Array,
): Copied<Uint8Array> {
  // (bigint and number compare exactly; the bigints are only made for a longer struct)
  if (usize > ksize) {
    const k = BigInt(ksize);
    const zero = mem.isZero(src + k, BigInt(usize) - k);
    if (zero === undefined) return { errno: "EFAULT" };
    if (!zero) return { errno: "E2BIG" };
  }
  const n = usize < ksize ? Number(usize) : ksize;
  const out = into && into.length >= ksize ? into : new Uint8Array(ksize);
  if (!mem.readInto(src, n, out)) return { errno: "EFAULT" };
  out.fill(0, n, ksize);
  return { errno: "OK", value: out };
}

/** Decodes a struct a helper copied: kernel and user share the ABI under test. */
function decode<T>(codec: StructCodec<T>, bytes: Uint8Array, abi: Abi): T {
  return codec.decode(bytes, abi, 0, { validate: false });
}

const ENDS = new WeakMap<StructCodec<unknown>, Map<Abi, Map<string, number>>>();

/** The last lookup: the ioctl path asks the same question on every call. */
let lastEnd = { codec: undefined as unknown, member: "", abi: undefined as unknown, end: 0 };

/** offsetofend(struct, member) on this ABI (looked up once per struct, ABI and member). */
export function offsetOfEnd(codec: StructCodec<unknown>, member: string, abi: Abi): number {
  const l = lastEnd;
  if (l.codec === codec && l.member === member && l.abi === abi) return l.end;
  const end = lookUpEnd(codec, member, abi);
  lastEnd = { codec, member, abi, end };
  return end;
}

function lookUpEnd(codec: StructCodec<unknown>, member: string, abi: Abi): number {
  let byAbi = ENDS.get(codec);
  if (!byAbi) ENDS.set(codec, (byAbi = new Map()));
  let ends = byAbi.get(abi);
  if (!ends) byAbi.set(abi, (ends = new Map()));
  let end = ends.get(member);
  if (end === undefined) {
    const f = codec.layout(abi).fields.find((x) => x.name === member);
    if (!f) throw new Error(`internal: ${codec.name} has no member ${member}`);
    ends.set(member, (end = f.offset + f.size));
  }
  return end;
}

/**
 * __iommu_copy_struct_from_user for one entry of a user array (iommu_copy_struct_from_user_array):
 * type mismatch, index out of range, a length below offsetofend(min_last) or above sizeof
 * are EINVAL; a fault is EFAULT.
 */
export function copyEntryFromUserArray<T>(
  mem: UserAccess,
  abi: Abi,
  codec: StructCodec<T>,
  array: UserDataArray,
  dataType: number,
  index: number,
  minLast: string,
): Copied<T> {
  if (array.type !== dataType) return { errno: "EINVAL" };
  if (index >= array.entryNum) return { errno: "EINVAL" }; // the kernel WARNs here too
  const ksize = codec.size(abi);
  const len = array.entryLen;
  if (len < offsetOfEnd(codec as StructCodec<unknown>, minLast, abi) || len > ksize)
    return { errno: "EINVAL" };
  const copied = copyStructFromUser(
    mem,
    ksize,
    array.uptr + BigInt(len) * BigInt(index),
    BigInt(len),
  );
  return copied.errno === "OK" && "value" in copied
    ? { errno: "OK", value: decode(codec, copied.value, abi) }
    : copied;
}

/**
 * iommu_copy_struct_from_full_user_array: the whole array into kernel entries of sizeof(T).
 * The caller has already allocated entry_num entries (a failed kcalloc is its ENOMEM).
 */
export function copyFullUserArray<T>(
  mem: UserAccess,
  abi: Abi,
  codec: StructCodec<T>,
  array: UserDataArray,
  dataType: number,
): Copied<T[]> {
  const ksize = codec.size(abi);
  const copied = copyFullUserArrayBytes(mem, ksize, array, dataType);
  if (!("value" in copied)) return { errno: copied.errno };
  // One decode of the run of entries (one DataView), not one per entry.
  return {
    errno: "OK",
    value: codec.decodeArray(copied.value, abi, { count: array.entryNum, validate: false }),
  };
}

/**
 * The same copy, leaving the kernel entries as bytes (entry_num × ksize), for a driver that
 * reads its fields in place. One read of the whole user range serves every entry when it is
 * mapped; the checks per entry are then made on those bytes, with the same results as the
 * kernel's per-entry copies (which cannot fault inside a mapped range). `into`, when big
 * enough, receives the entries instead of a new buffer (a driver's reused allocation); only
 * the first entry_num × ksize bytes of the value are the entries.
 */
export function copyFullUserArrayBytes(
  mem: UserAccess,
  ksize: number,
  array: UserDataArray,
  dataType: number,
  into?: Uint8Array,
): Copied<Uint8Array> {
  if (array.type !== dataType) return { errno: "EINVAL" };
  if (array.entryNum === 0) return { errno: "EINVAL" };
  const len = array.entryLen;
  const n = array.entryNum;
  const size = ksize * n;
  // Same length: one bulk copy_from_user first. No early return follows in the kernel, so
  // its per-item loop runs as well; it cannot give another result.
  if (len === ksize) {
    if (into && into.length >= size)
      return mem.readInto(array.uptr, size, into) ? { errno: "OK", value: into } : EFAULT;
    const bytes = mem.read(array.uptr, size);
    return bytes ? { errno: "OK", value: bytes } : EFAULT;
  }
  const bulk = mem.read(array.uptr, BigInt(len) * BigInt(n));
  if (!bulk) return copyEntryByEntry(mem, ksize, array);
  const out = into && into.length >= size ? into : new Uint8Array(size);
  for (let i = 0; i < n; i++) {
    const from = i * len;
    const kept = Math.min(len, ksize);
    // A longer entry must be zero beyond ksize (E2BIG); a shorter one is zero-extended.
    for (let b = from + ksize; b < from + len; b++) if (bulk[b] !== 0) return { errno: "E2BIG" };
    out.set(bulk.subarray(from, from + kept), i * ksize);
    out.fill(0, i * ksize + kept, (i + 1) * ksize);
  }
  return { errno: "OK", value: out };
}

/** The kernel's per-entry copies, for a range that faults somewhere: the first entry's errno wins. */
function copyEntryByEntry(
  mem: UserAccess,
  ksize: number,
  array: UserDataArray,
): Copied<Uint8Array> {
  const len = BigInt(array.entryLen);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < array.entryNum; i++) {
    const copied = copyStructFromUser(mem, ksize, array.uptr + BigInt(i) * len, len);
    if (!("value" in copied)) return { errno: copied.errno };
    parts.push(copied.value);
  }
  const out = new Uint8Array(ksize * parts.length);
  parts.forEach((p, i) => out.set(p, i * ksize));
  return { errno: "OK", value: out };
}

const EFAULT = { errno: "EFAULT" } as const;

/** struct iommu_user_data: a driver's data for an allocation (type, user pointer, length). */
export interface UserData {
  readonly type: number;
  readonly uptr: bigint;
  readonly len: number;
}

/**
 * __iommu_copy_struct_from_user: the type must be the driver's, the length between
 * offsetofend(min_last) and sizeof (EINVAL otherwise), then copy_struct_from_user (EFAULT).
 */
export function copyUserData<T>(
  mem: UserAccess,
  abi: Abi,
  codec: StructCodec<T>,
  data: UserData,
  dataType: number,
  minLast: string,
): Copied<T> {
  if (data.type !== dataType) return { errno: "EINVAL" };
  const ksize = codec.size(abi);
  if (data.len < offsetOfEnd(codec as StructCodec<unknown>, minLast, abi) || data.len > ksize)
    return { errno: "EINVAL" };
  const copied = copyStructFromUser(mem, ksize, data.uptr, data.len);
  return "value" in copied ? { errno: "OK", value: decode(codec, copied.value, abi) } : copied;
}

/**
 * __iommu_copy_struct_to_user: the same checks, then copy_struct_to_user: min(len, sizeof)
 * bytes out, and zeros over the rest of a longer user buffer.
 */
export function copyUserDataOut<T>(
  mem: UserAccess,
  abi: Abi,
  codec: StructCodec<T>,
  data: UserData,
  dataType: number,
  minLast: string,
  value: T,
): Errno {
  if (data.type !== dataType) return "EINVAL";
  if (data.len < offsetOfEnd(codec as StructCodec<unknown>, minLast, abi)) return "EINVAL";
  const bytes = codec.encode(value, abi);
  const n = Math.min(data.len, bytes.length);
  if (!mem.write(data.uptr, bytes, n)) return "EFAULT";
  if (data.len > n && !mem.write(data.uptr + BigInt(n), new Uint8Array(data.len - n)))
    return "EFAULT";
  return "OK";
}
