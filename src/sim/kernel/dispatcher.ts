/**
 * The iommufd ioctl dispatcher (../shared/reference/iommufd-uapi.md §3.0): a number outside
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
      return { errno: r.errno, respond: { ...cmd, entry_num: r.entryNum } };
    }),
  ],
]);

const FIRST = iommufd_cmd.IOMMUFD_CMD_BASE;
const LAST = iommufd_cmd.IOMMUFD_CMD_HW_QUEUE_ALLOC;

/** The ioctl argument as the kernel copies it in: its user size and decoded struct, or the errno. */
export function copyIoctlArg<T>(
  mem: UserMemory,
  abi: Abi,
  codec: StructCodec<T>,
  minLast: string,
  arg: bigint,
): { errno: Errno } | { usize: number; cmd: T } {
  const sizeWord = mem.read(arg, 4);
  if (!sizeWord) return { errno: "EFAULT" };
  const usize = new DataView(sizeWord.buffer).getUint32(0, abi.endian === "little");
  if (usize < offsetOfEnd(codec as StructCodec<unknown>, minLast, abi)) return { errno: "EINVAL" };
  const copied = copyStructFromUser(mem, codec.size(abi), arg, BigInt(usize));
  if (!("value" in copied)) return { errno: copied.errno };
  return { usize, cmd: codec.decode(copied.value, abi) };
}

/** iommufd_ucmd_respond. */
export function respond<T>(
  mem: UserMemory,
  abi: Abi,
  codec: StructCodec<T>,
  value: T,
  arg: bigint,
  usize: number,
): boolean {
  const bytes = codec.encode(value, abi);
  return mem.write(arg, bytes.subarray(0, Math.min(usize, bytes.length)));
}

export function iommufdIoctl(k: Kernel, number: number, arg: bigint): Errno {
  const nr = number & 0xff;
  if (nr < FIRST || nr > LAST) return "ENOTTY"; // the VFIO compatibility path, not modelled, has nothing either
  const theOp = IOCTL_OPS.get(nr);
  if (!k.mem.read(arg, 4)) return "EFAULT";
  if (!theOp || theOp.ioctl.number(k.abi) !== number) return "ENOTTY";
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
