/**
 * The iommufd ioctl dispatcher (drivers/iommu/iommufd/main.c): a number outside
 * the table or not exactly the op's is ENOTTY, the size word is read first (EFAULT), a size
 * below offsetofend(last mandatory member) is EINVAL, and copy_struct_from_user zero-extends a
 * short struct and wants zeros past the kernel's sizeof (E2BIG). Ops respond by copying
 * min(user size, sizeof) bytes back; a fault there turns any result into EFAULT.
 */
import type { Abi } from "../../abi/abis.js";
import { iommufd_cmd } from "../../../out/ts/iommufd.js";
import { IOMMU_TEST_CMD_NR } from "../../../out/ts/iommufd_test.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Ioctl } from "../../runtime/ioctl.js";
import type { Errno } from "../errno.js";
import type { UserAccess } from "../user-memory.js";
import { copyStructFromUser, offsetOfEnd } from "./copy-helpers.js";
import type { CallEnv, CallResult } from "./file.js";
import type { AnyKernel, KernelLevel } from "./kernel.js";
import { IOMMUFD_OPS, SCENARIO_OPS, type IoctlOp } from "./ops.js";
import type { Ucmd } from "./ucmd.js";
import { vfioCompatIoctl } from "./vfio-compat.js";

/** The ops scenario files may name (the scenario format's own subset of IOMMUFD_OPS). */
export const IOCTL_OPS = SCENARIO_OPS;
export type { IoctlOp };

/** The kernel's table runs from IOMMUFD_CMD_BASE up to IOMMU_TEST_CMD. */
const FIRST = iommufd_cmd.IOMMUFD_CMD_BASE;
const LAST = IOMMU_TEST_CMD_NR;
const LEVEL_ORDER: Readonly<Record<KernelLevel, number>> = { "v6.8": 0, "v6.13": 1, latest: 2 };

/**
 * The kernel's copy of the ioctl struct (iommufd's ucmd buffer), one for every call: copied
 * in, decoded, then encoded back from the response, so a call allocates no buffer for it.
 */
let ucmd = new Uint8Array(64);

function ucmdBuffer(size: number): Uint8Array {
  if (ucmd.length < size) ucmd = new Uint8Array(size);
  return ucmd;
}

/** The ioctl argument as the kernel copies it in: its user size and decoded struct, or the errno. */
export function copyIoctlArg<T>(
  mem: UserAccess,
  abi: Abi,
  codec: StructCodec<T>,
  minLast: string,
  arg: bigint,
): { errno: Errno } | { usize: number; cmd: T } {
  const usize = mem.readU32(arg, abi.endian === "little");
  if (usize === undefined) return { errno: "EFAULT" };
  if (usize < offsetOfEnd(codec as StructCodec<unknown>, minLast, abi)) return { errno: "EINVAL" };
  const ksize = codec.size(abi);
  const copied = copyStructFromUser(mem, ksize, arg, usize, ucmdBuffer(ksize));
  if (!("value" in copied)) return { errno: copied.errno };
  return { usize, cmd: codec.decode(copied.value, abi, 0, { validate: false }) };
}

/** iommufd_ucmd_respond: min(user size, sizeof) bytes of the response back to the caller. */
export function respond<T>(
  mem: UserAccess,
  abi: Abi,
  codec: StructCodec<T>,
  value: T,
  arg: bigint,
  usize: number,
): boolean {
  const ksize = codec.size(abi);
  const bytes = ucmdBuffer(ksize);
  bytes.fill(0, 0, ksize); // padding goes back as zero
  codec.encodeInto(bytes, 0, value, abi, { validate: false });
  return mem.write(arg, bytes, Math.min(usize, ksize));
}

const NUMBERS = new Map<IoctlOp, Map<Abi, number>>();

/** The op's ioctl number on this ABI, computed once. */
function numberOf(op: IoctlOp, abi: Abi): number {
  let byAbi = NUMBERS.get(op);
  if (!byAbi) NUMBERS.set(op, (byAbi = new Map()));
  let n = byAbi.get(abi);
  if (n === undefined) byAbi.set(abi, (n = op.ioctl.number(abi)));
  return n;
}

/** iommufd_fops_ioctl: the errno and return value of one call. */
export function iommufdCall(k: AnyKernel, number: number, arg: bigint, env?: CallEnv): CallResult {
  const nr = number & 0xff;
  // Outside the table the VFIO compatibility layer answers (vfio-compat.ts).
  if (nr < FIRST || nr > LAST) return vfioCompatIoctl(k, number, arg);
  if (k.mem.readU32(arg, true) === undefined) return { errno: "EFAULT" };
  const theOp = IOMMUFD_OPS.get(nr);
  if (
    !theOp ||
    LEVEL_ORDER[theOp.since] > LEVEL_ORDER[k.level] ||
    numberOf(theOp, k.abi) !== number
  )
    return { errno: "ENOTTY" };
  const copied = copyIoctlArg(k.mem, k.abi, theOp.codec, theOp.minLast, arg);
  if ("errno" in copied) return { errno: copied.errno };
  const u: Ucmd<unknown> = {
    k,
    cmd: copied.cmd,
    raw: ucmd.slice(0, theOp.codec.size(k.abi)),
    codec: theOp.codec,
    arg,
    usize: copied.usize,
    env,
    newObj: undefined,
  };
  const r = theOp.execute(u);
  const result: CallResult = typeof r === "string" ? { errno: r, ret: 0 } : r;
  // Objects allocated for the call (_iommufd_object_alloc_ucmd) stay only if it succeeded.
  if (u.newObj) {
    if (result.errno === "OK") k.objects.finalize(u.newObj);
    else k.objects.abort(u.newObj);
  }
  return result;
}

export function iommufdIoctl(k: AnyKernel, number: number, arg: bigint, env?: CallEnv): Errno {
  return iommufdCall(k, number, arg, env).errno;
}
