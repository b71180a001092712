/**
 * The iommufd file: one context (objects, IDs) per open("/dev/iommu"). Its ioctls go through
 * the dispatcher; it has no read or write (the VFS answers EINVAL for a file without them).
 * It is released when its last descriptor is closed and no event queue file it handed out
 * is open any more (they hold it, iommufd_ctx_get): every object is then destroyed, leaves
 * first (iommufd_fops_release).
 */
import type { Abi } from "../../abi/abis.js";
import type { UserAccess } from "../user-memory.js";
import { iommufdCall } from "./dispatcher.js";
import type { FileOwner } from "./eventq.js";
import type { CallEnv, CallResult, KernelFile, MmapResult } from "./file.js";
import { mmapRegion, munmapRegion } from "./mmap.js";
import { Kernel, type KernelLevel, type Machine } from "./kernel.js";

/** poll on a file without a poll op: DEFAULT_POLLMASK (IN, OUT, RDNORM, WRNORM). */
const DEFAULT_POLLMASK = 0x1 | 0x4 | 0x40 | 0x100;

export class IommufdFile implements KernelFile, FileOwner {
  readonly kind = "iommufd" as const;
  readonly k: Kernel<UserAccess>;
  private dependents = 0;
  private closed = false;

  constructor(abi: Abi, level: KernelLevel, mem: UserAccess, machine: Machine) {
    this.k = new Kernel<UserAccess>(abi, level, {}, mem, machine);
    this.k.fileOwner = this;
  }

  ioctl(number: number, arg: bigint, env: CallEnv): CallResult {
    this.k.mem = env.mem;
    return iommufdCall(this.k, number, arg, env);
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

  mmap(length: bigint, offset: bigint, prot: number, flags: number): MmapResult {
    return mmapRegion(this.k, length, offset, prot, flags);
  }

  munmap(mapping: number): void {
    munmapRegion(this.k, mapping);
  }

  retain(): void {
    this.dependents++;
  }

  unretain(): void {
    if (--this.dependents === 0 && this.closed) this.k.objects.releaseAll();
  }

  release(): void {
    this.closed = true;
    if (this.dependents === 0) this.k.objects.releaseAll();
  }
}
