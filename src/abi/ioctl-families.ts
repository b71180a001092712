/**
 * How `_IOC(dir, type, nr, size)` is packed on each architecture family.
 *
 * asm-generic (x86, arm, arm64, riscv, s390, m68k, sh, loongarch) uses 14 size bits and 2
 * direction bits with NONE = 0. powerpc, mips, sparc and alpha use 13 size bits and 3
 * direction bits with NONE = 1, which is why `_IO(';', 0x8d)` is 0x3B8D on x86 but
 * 0x20003B8D on powerpc. parisc keeps the asm-generic field widths but swaps READ and WRITE.
 */
export type IoctlDir = "none" | "read" | "write" | "readwrite";

export interface IoctlFamily {
  readonly name: string;
  readonly sizeBits: number;
  readonly dirBits: number;
  readonly none: number;
  readonly read: number;
  readonly write: number;
}

const generic = { sizeBits: 14, dirBits: 2, none: 0, read: 2, write: 1 };
const threeBitDir = { sizeBits: 13, dirBits: 3, none: 1, read: 2, write: 4 };

export const IOCTL_FAMILIES = {
  generic: { name: "generic", ...generic },
  parisc: { name: "parisc", ...generic, read: 1, write: 2 },
  powerpc: { name: "powerpc", ...threeBitDir },
  mips: { name: "mips", ...threeBitDir },
  sparc: { name: "sparc", ...threeBitDir },
  alpha: { name: "alpha", ...threeBitDir },
} as const satisfies Record<string, IoctlFamily>;

export type IoctlFamilyName = keyof typeof IOCTL_FAMILIES;

const NR_SHIFT = 0;
const TYPE_SHIFT = 8;
const SIZE_SHIFT = 16;

export function ioctlDirBits(family: IoctlFamily, dir: IoctlDir): number {
  switch (dir) {
    case "none":
      return family.none;
    case "read":
      return family.read;
    case "write":
      return family.write;
    case "readwrite":
      return family.read | family.write;
  }
}

/** The largest argument size the family's size field can hold. */
export function maxIoctlSize(family: IoctlFamily): number {
  return (1 << family.sizeBits) - 1;
}

/**
 * Encodes an ioctl number. Returns an unsigned 32-bit value; the caller must check the
 * size against {@link maxIoctlSize} first (the kernel's `_IOC_TYPECHECK` refuses larger).
 */
export function encodeIoctl(
  family: IoctlFamily,
  dir: IoctlDir,
  type: number,
  nr: number,
  size: number,
): number {
  const dirShift = SIZE_SHIFT + family.sizeBits;
  const value =
    ioctlDirBits(family, dir) * 2 ** dirShift +
    (size << SIZE_SHIFT) +
    ((type & 0xff) << TYPE_SHIFT) +
    ((nr & 0xff) << NR_SHIFT);
  return value >>> 0;
}
