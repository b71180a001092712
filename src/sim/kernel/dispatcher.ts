/**
 * The iommufd ioctl dispatcher (drivers/iommu/iommufd/main.c): a number outside
 * the table or not exactly the op's is ENOTTY, the size word is read first (EFAULT), a size
 * below offsetofend(last mandatory member) is EINVAL, and copy_struct_from_user zero-extends a
 * short struct and wants zeros past the kernel's sizeof (E2BIG). Ops respond by copying
 * min(user size, sizeof) bytes back; a fault there turns any result into EFAULT.
 */
import type { Abi } from "../../abi/abis.js";
import {
  IOMMU_DESTROY,
  IOMMU_HWPT_INVALIDATE,
  iommu_destroy,
  iommu_hwpt_invalidate,
  iommufd_cmd,
} from "../../../out/ts/iommufd.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Ioctl } from "../../runtime/ioctl.js";
import type { Errno } from "../errno.js";
import type { UserMemory } from "../user-memory.js";
import { copyStructFromUser, offsetOfEnd } from "./copy-helpers.js";
import { iommufdHwptInvalidate } from "./hwpt-invalidate.js";
import type { Kernel } from "./kernel.js";

export interface IoctlOp {
  readonly ioctl: Ioctl;
  readonly codec: StructCodec<unknown>;
  readonly minLast: string;
  /** The errno, and the struct to copy back when the op responds. */
  readonly execute: (k: Kernel, cmd: unknown) => { errno: Errno; respond?: unknown };
}

function op<T>(
  ioctl: Ioctl,
  codec: StructCodec<T>,
  minLast: string,
  execute: (k: Kernel, cmd: T) => { errno: Errno; respond?: T },
): IoctlOp {
  return {
    ioctl,
    codec: codec as StructCodec<unknown>,
    minLast,
    execute: execute as IoctlOp["execute"],
  };
}

/** The modelled ops by command number; other iommufd commands are outside the simulator. */
export const IOCTL_OPS: ReadonlyMap<number, IoctlOp> = new Map([
  [
    iommufd_cmd.IOMMUFD_CMD_DESTROY,
    op(IOMMU_DESTROY, iommu_destroy, "id", (k, cmd) => ({ errno: k.objects.destroy(cmd.id) })),
  ],
  [
    iommufd_cmd.IOMMUFD_CMD_HWPT_INVALIDATE,
    op(IOMMU_HWPT_INVALIDATE, iommu_hwpt_invalidate, "__reserved", (k, cmd) => {
      const r = iommufdHwptInvalidate(k, cmd);
      cmd.entry_num = r.entryNum; // the kernel's own copy, as it goes back
      return { errno: r.errno, respond: cmd };
    }),
  ],
]);

const FIRST = iommufd_cmd.IOMMUFD_CMD_BASE;
const LAST = iommufd_cmd.IOMMUFD_CMD_HW_QUEUE_ALLOC;

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
  mem: UserMemory,
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
  mem: UserMemory,
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

export function iommufdIoctl(k: Kernel, number: number, arg: bigint): Errno {
  const nr = number & 0xff;
  if (nr < FIRST || nr > LAST) return "ENOTTY"; // the VFIO compatibility path, not modelled, has nothing either
  const theOp = IOCTL_OPS.get(nr);
  if (k.mem.readU32(arg, true) === undefined) return "EFAULT";
  if (!theOp || numberOf(theOp, k.abi) !== number) return "ENOTTY";
  const arg_ = copyIoctlArg(k.mem, k.abi, theOp.codec, theOp.minLast, arg);
  if ("errno" in arg_) return arg_.errno;
  const result = theOp.execute(k, arg_.cmd);
  if (
    result.respond !== undefined &&
    !respond(k.mem, k.abi, theOp.codec, result.respond, arg, arg_.usize)
  )
    return "EFAULT";
  return result.errno;
}
