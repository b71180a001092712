/**
 * One ioctl call as an op sees it (struct iommufd_ucmd): the kernel's copy of the argument
 * struct, decoded and as bytes, the user's size, and the object the op allocated with
 * _iommufd_object_alloc_ucmd, which the dispatcher finalizes on success and aborts on
 * failure. `respond` copies min(user size, sizeof) bytes of the kernel's copy back.
 */
import type { Abi } from "../../abi/abis.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Errno } from "../errno.js";
import type { UserAccess } from "../user-memory.js";
import type { CallEnv, CallResult } from "./file.js";
import type { AnyKernel } from "./kernel.js";
import type { KernelObject } from "./objects.js";

export interface Ucmd<T> {
  readonly k: AnyKernel;
  /** The struct as decoded when it was copied in; ops change it before responding. */
  readonly cmd: T;
  /** The kernel's copy (sizeof bytes). */
  readonly raw: Uint8Array;
  readonly codec: StructCodec<T>;
  readonly arg: bigint;
  readonly usize: number;
  /** The calling process (files, descriptors); absent in scenarios, which have none. */
  readonly env: CallEnv | undefined;
  newObj: KernelObject | undefined;
}

export type OpResult = Errno | CallResult;

/**
 * The struct's bytes with `value` written over them (unions keep their other members' bytes).
 * Unvalidated: the kernel writes back whatever the user passed in fields it does not check,
 * and the ops make their own checks (with the kernel's errnos) before they respond.
 */
export function encodeInto<T>(raw: Uint8Array, codec: StructCodec<T>, value: T, abi: Abi, at = 0) {
  codec.encodeInto(raw, at, value, abi, { validate: false });
}

/** iommufd_ucmd_respond: the kernel's copy (after `cmd` is encoded into it) goes back. */
export function respond<T>(u: Ucmd<T>, encodeCmd = true): Errno {
  if (encodeCmd) encodeInto(u.raw, u.codec, u.cmd, u.k.abi);
  const n = Math.min(u.usize, u.raw.length);
  return u.k.mem.write(u.arg, u.raw, n) ? "OK" : "EFAULT";
}

/** copy_to_user of a field of the struct alone (IOMMU_OPTION's val64). */
export function respondField<T>(u: Ucmd<T>, field: string): Errno {
  const f = u.codec.layout(u.k.abi).fields.find((x) => x.name === field);
  if (!f) throw new Error(`internal: ${u.codec.name} has no field ${field}`);
  encodeInto(u.raw, u.codec, u.cmd, u.k.abi);
  return u.k.mem.write(u.arg + BigInt(f.offset), u.raw.subarray(f.offset, f.offset + f.size))
    ? "OK"
    : "EFAULT";
}

/** The memory of the calling process. */
export function userOf(u: Ucmd<unknown>): UserAccess {
  return u.k.mem;
}
