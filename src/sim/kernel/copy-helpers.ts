/**
 * The kernel's copy helpers, with their asymmetry (../shared/reference/iommufd-uapi.md §3.2):
 * the per-entry helper wants entry_len between offsetofend(min_last) and sizeof and rejects a
 * larger one with EINVAL; the full-array helper zero-extends short entries with no minimum
 * and accepts a longer one only when the extra bytes are zero (E2BIG otherwise).
 * Entries come back decoded by the generated codec of the ABI under test.
 */
import type { Abi } from "../../abi/abis.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Errno } from "../errno.js";
import type { UserMemory } from "../user-memory.js";

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
 * longer one must be zero beyond ksize (checked first, as the kernel does).
 */
export function copyStructFromUser(
  mem: UserMemory,
  ksize: number,
  src: bigint,
  usize: bigint,
): Copied<Uint8Array> {
  const k = BigInt(ksize);
  if (usize > k) {
    const zero = mem.isZero(src + k, usize - k);
    if (zero === undefined) return { errno: "EFAULT" };
    if (!zero) return { errno: "E2BIG" };
  }
  const n = usize < k ? usize : k;
  const bytes = mem.read(src, n);
  if (!bytes) return { errno: "EFAULT" };
  const out = new Uint8Array(ksize);
  out.set(bytes);
  return { errno: "OK", value: out };
}

/** Decodes a struct a helper copied: kernel and user share the ABI under test. */
function decode<T>(codec: StructCodec<T>, bytes: Uint8Array, abi: Abi): T {
  return codec.decode(bytes, abi);
}

/** offsetofend(struct, member) on this ABI. */
export function offsetOfEnd(codec: StructCodec<unknown>, member: string, abi: Abi): number {
  const f = codec.layout(abi).fields.find((x) => x.name === member);
  if (!f) throw new Error(`internal: ${codec.name} has no member ${member}`);
  return f.offset + f.size;
}

/**
 * __iommu_copy_struct_from_user for one entry of a user array (iommu_copy_struct_from_user_array):
 * type mismatch, index out of range, a length below offsetofend(min_last) or above sizeof
 * are EINVAL; a fault is EFAULT.
 */
export function copyEntryFromUserArray<T>(
  mem: UserMemory,
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
  mem: UserMemory,
  abi: Abi,
  codec: StructCodec<T>,
  array: UserDataArray,
  dataType: number,
): Copied<T[]> {
  if (array.type !== dataType) return { errno: "EINVAL" };
  if (array.entryNum === 0) return { errno: "EINVAL" };
  const ksize = codec.size(abi);
  const len = BigInt(array.entryLen);
  const total = len * BigInt(array.entryNum);
  // Same length: one bulk copy_from_user first. No early return follows, so the per-item
  // loop below runs as well; it cannot give another result, but it is what the kernel does.
  if (array.entryLen === ksize && !mem.read(array.uptr, total)) return { errno: "EFAULT" };
  const out: T[] = [];
  for (let i = 0; i < array.entryNum; i++) {
    const copied = copyStructFromUser(mem, ksize, array.uptr + BigInt(i) * len, len);
    if (!("value" in copied)) return { errno: copied.errno };
    out.push(decode(codec, copied.value, abi));
  }
  return { errno: "OK", value: out };
}
