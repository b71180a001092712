import type { AlignClass } from "./kernel-types.js";
import type { IoctlFamilyName } from "./ioctl-families.js";

/**
 * The data table of ABIs that every layout, generator, rule and conformance run reads.
 *
 * `align` is the alignment a type gets *inside a struct* (what `_Alignof` and offsetof
 * show), not gcc's preferred alignment: `__alignof__(__u64)` is 8 on i386 while structs
 * place a u64 at multiples of 4. The numbers follow docs/conform.md, where
 * they were checked against gcc and clang per target and at run time under qemu-user.
 */
export interface Abi {
  readonly name: string;
  readonly description: string;
  readonly endian: "little" | "big";
  readonly ioctl: IoctlFamilyName;
  /** Sizes of the ABI-dependent native types. */
  readonly longSize: 4 | 8;
  readonly ptrSize: 4 | 8;
  readonly align: Readonly<Record<AlignClass, number>>;
  /** Whether plain `char` is signed (it is unsigned on Arm, PowerPC, s390 and RISC-V). */
  readonly charSigned: boolean;
  /** The compiler that gets this ABI right, for the conformance run. */
  readonly compiler: AbiCompiler;
  /** qemu-user binary that runs static binaries of this ABI, when there is one. */
  readonly qemu?: string;
}

export type AbiCompiler =
  | { readonly kind: "clang"; readonly target: string; readonly gcc?: GccCross }
  | { readonly kind: "gcc"; readonly gcc: GccCross; readonly clangWrong?: string };

export interface GccCross {
  /** Compiler command, e.g. `m68k-linux-gnu-gcc`. */
  readonly command: string;
  readonly args?: readonly string[];
  /** Debian package that provides it. */
  readonly debianPackage: string;
}

const natural = { i8: 1, i16: 2, i32: 4, i64: 8 } as const;
const lp64 = { ...natural, long: 8, ptr: 8 } as const;
const ilp32 = { ...natural, long: 4, ptr: 4 } as const;

const cross = (triple: string, pkgArch = triple): GccCross => ({
  command: `${triple}-gcc`,
  debianPackage: `gcc-${pkgArch}`,
});
const clang = (target: string, gcc?: GccCross): AbiCompiler =>
  gcc ? { kind: "clang", target, gcc } : { kind: "clang", target };

const table = [
  {
    name: "x86_64",
    description: "x86-64 (LP64)",
    charSigned: true,
    endian: "little",
    ioctl: "generic",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("x86_64-linux-gnu", { command: "gcc", debianPackage: "gcc" }),
  },
  {
    name: "i386",
    description: "32-bit x86: 64-bit integers are 4-aligned inside structs",
    charSigned: true,
    endian: "little",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: { ...ilp32, i64: 4 },
    compiler: clang("i386-linux-gnu", cross("i686-linux-gnu")),
    qemu: "qemu-i386",
  },
  {
    name: "x32",
    description: "x86-64 with 32-bit pointers (ILP32)",
    charSigned: true,
    endian: "little",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: ilp32,
    compiler: clang("x86_64-linux-gnux32", {
      command: "gcc",
      args: ["-mx32"],
      debianPackage: "gcc",
    }),
  },
  {
    name: "aarch64",
    description: "64-bit Arm",
    charSigned: false,
    endian: "little",
    ioctl: "generic",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("aarch64-linux-gnu", cross("aarch64-linux-gnu")),
    qemu: "qemu-aarch64",
  },
  {
    name: "arm",
    description: "32-bit Arm EABI (hard float)",
    charSigned: false,
    endian: "little",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: ilp32,
    compiler: clang("arm-linux-gnueabihf", cross("arm-linux-gnueabihf")),
    qemu: "qemu-arm",
  },
  {
    name: "riscv64",
    description: "RISC-V 64-bit",
    charSigned: false,
    endian: "little",
    ioctl: "generic",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("riscv64-linux-gnu", cross("riscv64-linux-gnu")),
    qemu: "qemu-riscv64",
  },
  {
    name: "riscv32",
    description: "RISC-V 32-bit (no Debian gcc)",
    charSigned: false,
    endian: "little",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: ilp32,
    compiler: clang("riscv32-linux-gnu"),
  },
  {
    name: "powerpc64le",
    description: "64-bit PowerPC, little-endian",
    charSigned: false,
    endian: "little",
    ioctl: "powerpc",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("powerpc64le-linux-gnu", cross("powerpc64le-linux-gnu")),
    qemu: "qemu-ppc64le",
  },
  {
    name: "powerpc64",
    description: "64-bit PowerPC, big-endian",
    charSigned: false,
    endian: "big",
    ioctl: "powerpc",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("powerpc64-linux-gnu", cross("powerpc64-linux-gnu")),
    qemu: "qemu-ppc64",
  },
  {
    name: "powerpc",
    description: "32-bit PowerPC, big-endian",
    charSigned: false,
    endian: "big",
    ioctl: "powerpc",
    longSize: 4,
    ptrSize: 4,
    align: ilp32,
    compiler: clang("powerpc-linux-gnu", cross("powerpc-linux-gnu")),
    qemu: "qemu-ppc",
  },
  {
    name: "s390x",
    description: "IBM Z, big-endian",
    charSigned: false,
    endian: "big",
    ioctl: "generic",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("s390x-linux-gnu", cross("s390x-linux-gnu")),
    qemu: "qemu-s390x",
  },
  {
    name: "mips",
    description: "32-bit MIPS o32, big-endian",
    charSigned: true,
    endian: "big",
    ioctl: "mips",
    longSize: 4,
    ptrSize: 4,
    align: ilp32,
    compiler: clang("mips-linux-gnu", cross("mips-linux-gnu")),
    qemu: "qemu-mips",
  },
  {
    name: "mips64el",
    description: "64-bit MIPS n64, little-endian",
    charSigned: true,
    endian: "little",
    ioctl: "mips",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("mips64el-linux-gnuabi64", cross("mips64el-linux-gnuabi64")),
    qemu: "qemu-mips64el",
  },
  {
    name: "m68k",
    description: "Motorola 68k: 32- and 64-bit integers are only 2-aligned",
    charSigned: true,
    endian: "big",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: { i8: 1, i16: 2, i32: 2, i64: 2, long: 2, ptr: 2 },
    compiler: {
      kind: "gcc",
      gcc: cross("m68k-linux-gnu"),
      clangWrong:
        "clang-19 gives u32/u64 natural alignment on m68k; the Linux ABI aligns them to 2",
    },
    qemu: "qemu-m68k",
  },
  {
    name: "sparc64",
    description: "64-bit SPARC, big-endian",
    charSigned: true,
    endian: "big",
    ioctl: "sparc",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("sparc64-linux-gnu", cross("sparc64-linux-gnu")),
    qemu: "qemu-sparc64",
  },
  {
    name: "loongarch64",
    description: "LoongArch 64-bit (no Debian gcc in bookworm)",
    charSigned: true,
    endian: "little",
    ioctl: "generic",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: clang("loongarch64-linux-gnu"),
  },
  {
    name: "sh4",
    description: "SuperH SH-4: 64-bit integers are 4-aligned inside structs",
    charSigned: true,
    endian: "little",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: { ...ilp32, i64: 4 },
    compiler: { kind: "gcc", gcc: cross("sh4-linux-gnu") },
    qemu: "qemu-sh4",
  },
  {
    name: "alpha",
    description: "DEC Alpha (LP64)",
    charSigned: true,
    endian: "little",
    ioctl: "alpha",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: { kind: "gcc", gcc: cross("alpha-linux-gnu") },
    qemu: "qemu-alpha",
  },
  {
    name: "hppa",
    description: "PA-RISC 32-bit, big-endian",
    charSigned: true,
    endian: "big",
    ioctl: "parisc",
    longSize: 4,
    ptrSize: 4,
    align: ilp32,
    compiler: { kind: "gcc", gcc: cross("hppa-linux-gnu") },
    qemu: "qemu-hppa",
  },
] as const satisfies readonly Abi[];

export type AbiName = (typeof table)[number]["name"];

export const ABIS: readonly Abi[] = Object.freeze(table.map((a) => Object.freeze(a)));
export const ABI_NAMES: readonly AbiName[] = table.map((a) => a.name);

const byName = new Map<string, Abi>(ABIS.map((a) => [a.name, a]));

export function findAbi(name: string): Abi | undefined {
  return byName.get(name);
}

export function getAbi(name: AbiName): Abi {
  const abi = byName.get(name);
  if (!abi) throw new Error(`unknown ABI ${name}`);
  return abi;
}
