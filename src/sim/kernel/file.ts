/**
 * Files the simulated kernel hands out: the iommufd file of each open("/dev/iommu"), and the
 * event queue files of fault queues and vEVENTQs. Whoever runs the model (`sim exec`) keeps
 * the descriptors that refer to them and calls `release` when the last one is closed, as the
 * kernel calls a file's release when its last reference goes.
 */
import type { Errno } from "../errno.js";
import type { UserAccess } from "../user-memory.js";

/** What a call into a file needs from its caller: the calling process's memory and fd table. */
export interface CallEnv {
  readonly mem: UserAccess;
  /** The calling process (capable() reads its capabilities). */
  readonly pid: number;
  /** get_unused_fd_flags + fd_install: a descriptor for `file` in the caller, or the errno. */
  installFd(file: KernelFile, cloexec: boolean): number | Errno;
  /** put_unused_fd: takes back a descriptor handed out during the same call. */
  removeFd(fd: number): void;
}

export interface CallResult {
  readonly errno: Errno;
  /** The return value when errno is OK (ioctl's 0, read's byte count, ...). */
  readonly ret?: number;
}

export type MmapResult =
  | { readonly errno: "OK"; readonly mapping: number; readonly bytes: Uint8Array }
  | { readonly errno: Errno };

export type FileKind = "iommufd" | "eventq" | "access";

export interface KernelFile {
  readonly kind: FileKind;
  ioctl(number: number, arg: bigint, env: CallEnv): CallResult;
  read(buf: bigint, count: bigint, env: CallEnv): CallResult;
  write(buf: bigint, count: bigint, env: CallEnv): CallResult;
  /** The poll mask (POLLIN 0x1, POLLOUT 0x4, POLLRDNORM 0x40). */
  poll(): number;
  /** mmap of [offset, offset + length): a mapping number and the bytes to map, or the errno. */
  mmap(length: bigint, offset: bigint, prot: number, flags: number): MmapResult;
  /** The mapping is gone (munmap). */
  munmap(mapping: number): void;
  release(): void;
}

export const POLL = { IN: 0x1, OUT: 0x4, RDNORM: 0x40 } as const;
