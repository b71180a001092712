/**
 * Which program does each step for each ABI, and what to install when it is missing. The ABI
 * table (src/abi/abis.ts) names the compiler that gets each layout right; this adds what the
 * run-time and debug-info steps need on top: a cross gcc with a static libc, qemu-user, and
 * the DWARF options pahole can read for that target.
 */
import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import type { Abi } from "../abi/abis.js";
import { emulatorProblem } from "./emulator-probe.js";
import { exec, which } from "./exec.js";

export const CLANG = { command: "clang-19", debianPackage: "clang-19" } as const;

/** A compiler invocation prefix for one ABI. */
export interface Compiler {
  readonly kind: "clang" | "gcc";
  readonly command: string;
  /** Target selection arguments (`--target=...`, `-mx32`). */
  readonly args: readonly string[];
  readonly debianPackage: string;
}

export type Resolved<T> =
  | { readonly ok: true; readonly tool: T }
  | { readonly ok: false; readonly missing: string; readonly install: readonly string[] };

/** The compiler of the ABI table for layout and compile checks. */
export function layoutCompiler(abi: Abi): Resolved<Compiler> {
  const c = abi.compiler;
  const tool: Compiler =
    c.kind === "clang"
      ? {
          kind: "clang",
          command: CLANG.command,
          args: [`--target=${c.target}`],
          debianPackage: CLANG.debianPackage,
        }
      : {
          kind: "gcc",
          command: c.gcc.command,
          args: c.gcc.args ?? [],
          debianPackage: c.gcc.debianPackage,
        };
  return present(tool.command, [tool.debianPackage], tool);
}

/**
 * Debug-info options per compiler kind. libdw (behind pahole) does not apply the relocations
 * of .debug_info in relocatable objects of some targets (mips, loongarch, sh4), so names come
 * out wrong there: clang is told to inline the strings, and gcc objects are linked into a
 * shared object, which resolves the relocations.
 */
export const DEBUG_INFO: Record<
  Compiler["kind"],
  { readonly compile: readonly string[]; readonly link: boolean }
> = {
  clang: {
    compile: [
      "-gdwarf-4",
      "-mllvm",
      "-dwarf-inlined-strings=Enable",
      "-fno-eliminate-unused-debug-types",
    ],
    link: false,
  },
  gcc: { compile: ["-g", "-fno-eliminate-unused-debug-types", "-fPIC"], link: true },
};

/** Debian architecture names of the cross libcs, by gcc triple. */
const DEB_ARCH: Readonly<Record<string, string>> = {
  "i686-linux-gnu": "i386",
  "aarch64-linux-gnu": "arm64",
  "arm-linux-gnueabihf": "armhf",
  "riscv64-linux-gnu": "riscv64",
  "powerpc64le-linux-gnu": "ppc64el",
  "powerpc64-linux-gnu": "ppc64",
  "powerpc-linux-gnu": "powerpc",
  "s390x-linux-gnu": "s390x",
  "mips-linux-gnu": "mips",
  "mips64el-linux-gnuabi64": "mips64el",
  "m68k-linux-gnu": "m68k",
  "sparc64-linux-gnu": "sparc64",
  "sh4-linux-gnu": "sh4",
  "alpha-linux-gnu": "alpha",
  "hppa-linux-gnu": "hppa",
};

/** The ABIs the issue requires round trips on; the others run when their toolchain is there. */
export const REQUIRED_RUNTIME_ABIS: readonly string[] = [
  "x86_64",
  "i386",
  "aarch64",
  "s390x",
  "m68k",
];

export interface RuntimeTool {
  /** gcc that links static binaries for the ABI. */
  readonly cc: string;
  readonly args: readonly string[];
  /** qemu-user binary, or undefined to run natively. */
  readonly qemu: string | undefined;
}

export type RuntimeResolution =
  Resolved<RuntimeTool> | { readonly ok: false; readonly notApplicable: string };

const libcCache = new Map<string, Promise<boolean>>();

/** Whether `cc` can link static binaries: it finds an installed libc.a. */
function hasStaticLibc(cc: string): Promise<boolean> {
  let p = libcCache.get(cc);
  if (!p) {
    p = exec(cc, ["-print-file-name=libc.a"]).then((r) => {
      const path = r.stdout.toString().trim();
      return r.code === 0 && isAbsolute(path) && existsSync(path);
    });
    libcCache.set(cc, p);
  }
  return p;
}

/** Whether binaries of this ABI run here without an emulator. */
export function isNativeRuntime(abi: Abi): boolean {
  return abi.name === "x86_64" && process.arch === "x64";
}

export async function runtimeTool(abi: Abi): Promise<RuntimeResolution> {
  const native = isNativeRuntime(abi);
  const gcc = abi.compiler.gcc;
  if (!native && !abi.qemu) return { ok: false, notApplicable: `no qemu-user for ${abi.name}` };
  if (!gcc) return { ok: false, notApplicable: `no Debian gcc for ${abi.name}` };
  const triple = gcc.command.replace(/-gcc$/, "");
  const libc = native ? "libc6-dev" : `libc6-dev-${DEB_ARCH[triple] ?? triple}-cross`;
  // Name only what is absent: the compiler, its static libc, or the emulator.
  const missing: string[] = [];
  if (!which(gcc.command)) missing.push(gcc.debianPackage, libc);
  else if (!(await hasStaticLibc(gcc.command))) missing.push(libc);
  if (!native && !which(abi.qemu!)) missing.push("qemu-user");
  if (missing.length) return { ok: false, missing: missing.join(" "), install: missing };
  const problem = native
    ? undefined
    : await emulatorProblem(gcc.command, gcc.args ?? [], abi.qemu!);
  if (problem) return { ok: false, notApplicable: problem };
  return {
    ok: true,
    tool: { cc: gcc.command, args: gcc.args ?? [], qemu: native ? undefined : abi.qemu },
  };
}

export function present<T>(command: string, install: readonly string[], tool: T): Resolved<T> {
  return which(command) ? { ok: true, tool } : { ok: false, missing: install.join(" "), install };
}
