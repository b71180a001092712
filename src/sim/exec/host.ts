/** The ABI of the machine `sim exec` runs on: the program, the preload and the model share it. */
import { spawnSync } from "node:child_process";
import os from "node:os";
import { join } from "node:path";
import { getAbi, type Abi, type AbiName } from "../../abi/abis.js";

/** Node's process.arch (and byte order, for the two MIPS and PowerPC variants) → ABI name. */
const BY_ARCH: Readonly<Record<string, AbiName | undefined>> = {
  x64: "x86_64",
  arm64: "aarch64",
  arm: "arm",
  riscv64: "riscv64",
  ppc64: os.endianness() === "LE" ? "powerpc64le" : "powerpc64",
  s390x: "s390x",
  mips64el: "mips64el",
  loong64: "loongarch64",
};

export class UnsupportedHostError extends Error {}

export function hostAbi(arch: string = process.arch): Abi {
  const name = BY_ARCH[arch];
  if (!name)
    throw new UnsupportedHostError(
      `sim exec runs programs natively, and this machine's architecture (${arch}) is not one ` +
        `it knows the ABI of; run it on x86_64, aarch64, arm, riscv64, ppc64, s390x, mips64el or loongarch64`,
    );
  return getAbi(name);
}

let triple: string | undefined;

/**
 * The host compiler's target triple (`gcc -dumpmachine`, e.g. x86_64-linux-gnu): the folder
 * of the corpus headers' asm/ for programs built natively.
 */
export function hostTriple(): string {
  if (triple) return triple;
  const r = spawnSync("gcc", ["-dumpmachine"], { encoding: "utf8", timeout: 10_000 });
  if (r.status !== 0) throw new Error(`gcc -dumpmachine failed: ${r.error?.message ?? r.stderr}`);
  return (triple = r.stdout.trim());
}

/** gcc's include options for the corpus's installed headers of a series, for the host. */
export function corpusIncludes(headers: string): string[] {
  return ["-isystem", headers, "-isystem", join(headers, hostTriple())];
}
