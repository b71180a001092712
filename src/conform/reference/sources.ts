/**
 * What the generated headers are compared with, and how each side is compiled. A reference
 * is one or more C headers (`--reference`); by default a module whose header has the name of
 * one the kernel installs (`iommufd` -> linux/iommufd.h) is compared with that header of the
 * newest linux-libc-dev in the corpus. The reference side is compiled against the corpus's own
 * <linux/types.h>, <linux/ioctl.h> and per-architecture asm/ headers, so its ioctl numbers
 * come from the kernel's encoding; the generated side against uapi-gen's prelude.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Abi } from "../../abi/abis.js";
import type { ModuleIR } from "../../model/ir.js";
import { corpusRoot, hasCorpusHeaders } from "../../util/corpus.js";

/** The linux-libc-dev series references are read from. */
export const REFERENCE_SERIES = "7.2";

/** Debian's multiarch folder of each ABI's asm/ headers in linux-libc-dev. */
const KERNEL_ARCH_DIR: Readonly<Record<string, string>> = {
  x86_64: "x86_64-linux-gnu",
  i386: "i386-linux-gnu",
  x32: "x86_64-linux-gnux32",
  aarch64: "aarch64-linux-gnu",
  arm: "arm-linux-gnueabihf",
  riscv64: "riscv64-linux-gnu",
  // riscv's asm/ headers serve both widths (__BITS_PER_LONG follows the pointer size).
  riscv32: "riscv64-linux-gnu",
  powerpc64le: "powerpc64le-linux-gnu",
  powerpc64: "powerpc64-linux-gnu",
  powerpc: "powerpc-linux-gnu",
  s390x: "s390x-linux-gnu",
  mips: "mips-linux-gnu",
  mips64el: "mips64el-linux-gnuabi64",
  m68k: "m68k-linux-gnu",
  sparc64: "sparc64-linux-gnu",
  loongarch64: "loongarch64-linux-gnu",
  sh4: "sh4-linux-gnu",
  alpha: "alpha-linux-gnu",
  hppa: "hppa-linux-gnu",
};

/** One comparison: generated headers of some modules against reference header files. */
export interface ReferencePair {
  readonly modules: readonly ModuleIR[];
  readonly headers: readonly string[];
}

/**
 * The pairs of a run: every primary module against all of `explicit` when given, otherwise
 * each primary module that has a kernel namesake in the corpus against it.
 */
export function referencePairs(
  primary: readonly ModuleIR[],
  explicit: readonly string[] | undefined,
  cwd: string,
  root = corpusRoot(),
): ReferencePair[] {
  if (explicit?.length)
    return [{ modules: primary, headers: explicit.map((h) => resolve(cwd, h)) }];
  if (!hasCorpusHeaders(REFERENCE_SERIES, root)) return [];
  return primary.flatMap((m) => {
    const header = join(root, "headers", REFERENCE_SERIES, "linux", `${m.name}.h`);
    return existsSync(header) ? [{ modules: [m], headers: [header] }] : [];
  });
}

/** Include flags of the reference side on one ABI, or why they cannot be given. */
export function kernelIncludeFlags(abi: Abi, root = corpusRoot()): string[] | { missing: string } {
  if (!hasCorpusHeaders(REFERENCE_SERIES, root))
    return {
      missing: `the kernel corpus (linux-libc-dev ${REFERENCE_SERIES}): run scripts/corpus.sh`,
    };
  const base = join(root, "headers", REFERENCE_SERIES);
  const arch = join(base, KERNEL_ARCH_DIR[abi.name] ?? "");
  if (!KERNEL_ARCH_DIR[abi.name] || !existsSync(join(arch, "asm")))
    return { missing: `asm/ headers for ${abi.name} in ${base}` };
  return ["-nostdinc", "-ffreestanding", "-isystem", base, "-isystem", arch];
}

/** `#include "..."` lines naming files by absolute path, so the files that count are exact. */
export function includeByPath(files: readonly string[]): string {
  return files.map((f) => `#include "${f.replace(/["\\]/g, "\\$&")}"`).join("\n") + "\n";
}
