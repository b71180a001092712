/**
 * The kernel's architectures as uAPI trees know them: the source folder of each
 * (`arch/<dir>/include/uapi/asm/`), the ABIs of src/abi/abis.ts it serves, and the folder
 * Debian's linux-libc-dev installs its `asm/` headers under (`usr/include/<triple>/asm/`).
 * riscv32 has no Debian triple; it reads riscv's headers like riscv64.
 */
export interface KernelArch {
  /** `arch/<dir>/` in the kernel source. */
  readonly dir: string;
  /** The ABIs of src/abi/abis.ts that use this architecture's `asm/` headers. */
  readonly abis: readonly string[];
  /** `usr/include/<triple>/` of linux-libc-dev, per ABI. */
  readonly triples: Readonly<Record<string, string>>;
}

export const KERNEL_ARCHES: readonly KernelArch[] = [
  {
    dir: "x86",
    abis: ["x86_64", "i386", "x32"],
    triples: { x86_64: "x86_64-linux-gnu", i386: "i386-linux-gnu", x32: "x86_64-linux-gnux32" },
  },
  { dir: "arm64", abis: ["aarch64"], triples: { aarch64: "aarch64-linux-gnu" } },
  { dir: "arm", abis: ["arm"], triples: { arm: "arm-linux-gnueabihf" } },
  {
    dir: "riscv",
    abis: ["riscv64", "riscv32"],
    triples: { riscv64: "riscv64-linux-gnu", riscv32: "riscv64-linux-gnu" },
  },
  {
    dir: "powerpc",
    abis: ["powerpc64le", "powerpc64", "powerpc"],
    triples: {
      powerpc64le: "powerpc64le-linux-gnu",
      powerpc64: "powerpc64-linux-gnu",
      powerpc: "powerpc-linux-gnu",
    },
  },
  { dir: "s390", abis: ["s390x"], triples: { s390x: "s390x-linux-gnu" } },
  {
    dir: "mips",
    abis: ["mips", "mips64el"],
    triples: { mips: "mips-linux-gnu", mips64el: "mips64el-linux-gnuabi64" },
  },
  { dir: "m68k", abis: ["m68k"], triples: { m68k: "m68k-linux-gnu" } },
  { dir: "sparc", abis: ["sparc64"], triples: { sparc64: "sparc64-linux-gnu" } },
  { dir: "loongarch", abis: ["loongarch64"], triples: { loongarch64: "loongarch64-linux-gnu" } },
  { dir: "sh", abis: ["sh4"], triples: { sh4: "sh4-linux-gnu" } },
  { dir: "alpha", abis: ["alpha"], triples: { alpha: "alpha-linux-gnu" } },
  { dir: "parisc", abis: ["hppa"], triples: { hppa: "hppa-linux-gnu" } },
];

const BY_DIR = new Map(KERNEL_ARCHES.map((a) => [a.dir, a]));
const BY_ABI = new Map(KERNEL_ARCHES.flatMap((a) => a.abis.map((abi) => [abi, a] as const)));
const BY_TRIPLE = new Map(
  KERNEL_ARCHES.flatMap((a) => Object.values(a.triples).map((t) => [t, a] as const)),
);

export const archByDir = (dir: string) => BY_DIR.get(dir);
export const archOfAbi = (abi: string) => BY_ABI.get(abi);
export const archByTriple = (triple: string) => BY_TRIPLE.get(triple);
