/**
 * The iommufd file: one context (objects, IDs) per open("/dev/iommu"). Its ioctls go through
 * the dispatcher; it has no read or write (the VFS answers EINVAL for a file without them);
 * closing its last descriptor destroys every object, leaves first (iommufd_fops_release).
 */
import type { Abi } from "../../abi/abis.js";
import type { UserAccess } from "../user-memory.js";
import { iommufdIoctl } from "./dispatcher.js";
import type { CallEnv, CallResult, KernelFile } from "./file.js";
import { Kernel, type KernelLevel } from "./kernel.js";

/** poll on a file without a poll op: DEFAULT_POLLMASK (IN, OUT, RDNORM, WRNORM). */
const DEFAULT_POLLMASK = 0x1 | 0x4 | 0x40 | 0x100;

export class IommufdFile implements KernelFile {
  readonly kind = "iommufd" as const;
  readonly k: Kernel<UserAccess>;

  constructor(abi: Abi, level: KernelLevel, mem: UserAccess) {
    this.k = new Kernel<UserAccess>(abi, level, {}, mem);
  }

  ioctl(number: number, arg: bigint, env: CallEnv): CallResult {
    this.k.mem = env.mem;
    return { errno: iommufdIoctl(this.k, number, arg), ret: 0 };
  }

  read(): CallResult {
    return { errno: "EINVAL" };
  }

  write(): CallResult {
    return { errno: "EINVAL" };
  }

  poll(): number {
    return DEFAULT_POLLMASK;
  }

  release(): void {
    this.k.objects.releaseAll();
  }
}
