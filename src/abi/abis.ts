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
  /**
   * How the compiler places bitfields (src/layout/record-layout.ts): `sysv` (most ABIs),
   * `aapcs` (Arm: unnamed and zero-width bitfields align the record too), `m68k` (no storage
   * units: bitfields are packed bit after bit; only zero-width ones align).
   */
  readonly bitfields: BitfieldRule;
  /**
   * A preprocessor condition true on this ABI alone among the table's (for a generated header
   * that declares something differently per ABI, as the header it was imported from did).
   */
  readonly cPredicate: string;
  /** The compiler that gets this ABI right, for the conformance run. */
  readonly compiler: AbiCompiler;
  /** qemu-user binary that runs static binaries of this ABI, when there is one. */
  readonly qemu?: string;
  /**
   * The Debian multiarch folder of the ABI's kernel headers: `<include>/<multiarch>/asm/` holds
   * the architecture's own `asm/types.h`, `asm/posix_types.h`, ... (linux-libc-dev 6.12 and
   * later carry one per architecture). riscv32 has no Debian architecture; the kernel's riscv
   * uAPI headers serve both widths, so it reads riscv64's.
   */
  readonly multiarch: string;
}

export type BitfieldRule = "sysv" | "aapcs" | "m68k";

export type AbiCompiler =
  | { readonly kind: "clang"; readonly target: string; readonly gcc?: GccCross }
  | {
      readonly kind: "gcc";
      readonly gcc: GccCross;
      readonly clangWrong?: string;
      /**
       * A clang target with the same pointer size and byte order, used only to read the ABI's
       * declarations (clang-19 has no target for sh4, alpha or hppa, and a wrong m68k layout).
       * Macros come from the ABI's gcc (`-undef` plus gcc's predefined macros); no size,
       * alignment or value is ever taken from it.
       */
      readonly declarations: string;
    };

export interface GccCross {
  /** Compiler command, e.g. `m68k-linux-gnu-gcc`. */
  readonly command: string;
  readonly args?: readonly string[];
  /** Debian package that provides it. */
  readonly debianPackage: string;
}

// __int128 exists on the 64-bit ABIs (and x32); a 32-bit ABI's compiler rejects it, so its
// entry is never used there.
const natural = { i8: 1, i16: 2, i32: 4, i64: 8, i128: 16 } as const;
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
    cPredicate: "defined(__x86_64__) && !defined(__ILP32__)",
    bitfields: "sysv",
    multiarch: "x86_64-linux-gnu",
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
    cPredicate: "defined(__i386__)",
    bitfields: "sysv",
    multiarch: "i386-linux-gnu",
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
    cPredicate: "defined(__x86_64__) && defined(__ILP32__)",
    bitfields: "sysv",
    multiarch: "x86_64-linux-gnux32",
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
    cPredicate: "defined(__aarch64__)",
    bitfields: "aapcs",
    multiarch: "aarch64-linux-gnu",
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
    cPredicate: "defined(__arm__)",
    bitfields: "aapcs",
    multiarch: "arm-linux-gnueabihf",
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
    cPredicate: "defined(__riscv) && __riscv_xlen == 64",
    bitfields: "sysv",
    multiarch: "riscv64-linux-gnu",
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
    cPredicate: "defined(__riscv) && __riscv_xlen == 32",
    bitfields: "sysv",
    multiarch: "riscv64-linux-gnu",
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
    cPredicate: "defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)",
    bitfields: "sysv",
    multiarch: "powerpc64le-linux-gnu",
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
    cPredicate: "defined(__powerpc64__) && defined(__BIG_ENDIAN__)",
    bitfields: "sysv",
    multiarch: "powerpc64-linux-gnu",
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
    cPredicate: "defined(__powerpc__) && !defined(__powerpc64__)",
    bitfields: "sysv",
    multiarch: "powerpc-linux-gnu",
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
    cPredicate: "defined(__s390x__)",
    bitfields: "sysv",
    multiarch: "s390x-linux-gnu",
    description: "IBM Z, big-endian",
    charSigned: false,
    endian: "big",
    ioctl: "generic",
    longSize: 8,
    ptrSize: 8,
    align: { ...lp64, i128: 8 },
    compiler: clang("s390x-linux-gnu", cross("s390x-linux-gnu")),
    qemu: "qemu-s390x",
  },
  {
    name: "mips",
    cPredicate: "defined(__mips__) && !defined(__mips64)",
    bitfields: "sysv",
    multiarch: "mips-linux-gnu",
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
    cPredicate: "defined(__mips64)",
    bitfields: "sysv",
    multiarch: "mips64el-linux-gnuabi64",
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
    cPredicate: "defined(__m68k__)",
    bitfields: "m68k",
    multiarch: "m68k-linux-gnu",
    description: "Motorola 68k: 32- and 64-bit integers are only 2-aligned",
    charSigned: true,
    endian: "big",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: { i8: 1, i16: 2, i32: 2, i64: 2, i128: 2, long: 2, ptr: 2 },
    compiler: {
      kind: "gcc",
      gcc: cross("m68k-linux-gnu"),
      declarations: "m68k-linux-gnu",
      clangWrong:
        "clang-19 gives u32/u64 natural alignment on m68k; the Linux ABI aligns them to 2",
    },
    qemu: "qemu-m68k",
  },
  {
    name: "sparc64",
    cPredicate: "defined(__sparc__)",
    bitfields: "sysv",
    multiarch: "sparc64-linux-gnu",
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
    cPredicate: "defined(__loongarch__)",
    bitfields: "sysv",
    multiarch: "loongarch64-linux-gnu",
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
    cPredicate: "defined(__sh__)",
    bitfields: "sysv",
    multiarch: "sh4-linux-gnu",
    description: "SuperH SH-4: 64-bit integers are 4-aligned inside structs",
    charSigned: true,
    endian: "little",
    ioctl: "generic",
    longSize: 4,
    ptrSize: 4,
    align: { ...ilp32, i64: 4 },
    compiler: { kind: "gcc", gcc: cross("sh4-linux-gnu"), declarations: "i386-linux-gnu" },
    qemu: "qemu-sh4",
  },
  {
    name: "alpha",
    cPredicate: "defined(__alpha__)",
    bitfields: "sysv",
    multiarch: "alpha-linux-gnu",
    description: "DEC Alpha (LP64)",
    charSigned: true,
    endian: "little",
    ioctl: "alpha",
    longSize: 8,
    ptrSize: 8,
    align: lp64,
    compiler: { kind: "gcc", gcc: cross("alpha-linux-gnu"), declarations: "x86_64-linux-gnu" },
    qemu: "qemu-alpha",
  },
  {
    name: "hppa",
    cPredicate: "defined(__hppa__)",
    bitfields: "sysv",
    multiarch: "hppa-linux-gnu",
    description: "PA-RISC 32-bit, big-endian",
    charSigned: true,
    endian: "big",
    ioctl: "parisc",
    longSize: 4,
    ptrSize: 4,
    align: ilp32,
    compiler: { kind: "gcc", gcc: cross("hppa-linux-gnu"), declarations: "mips-linux-gnu" },
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
