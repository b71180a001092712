/**
 * Which program does each step for each ABI, and what to install when it is missing. The ABI
 * table (src/abi/abis.ts) names the compiler that gets each layout right; this adds what the
 * run-time and debug-info steps need on top: a cross gcc with a static libc, qemu-user, and
 * the DWARF options pahole can read for that target.
 */
import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import { ABIS, type Abi } from "../abi/abis.js";
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

/**
 * How round-trip binaries are built and run where the default (a static glibc binary of the
 * Debian cross gcc under qemu-user) does not work. The facts: Debian 12's qemu-sh4 hangs or
 * crashes on glibc binaries, static or dynamic, but runs a freestanding one; qemu-alpha
 * crashes on a static glibc binary but runs a dynamic one given the cross sysroot (`-L`);
 * riscv32 and loongarch64 have no Debian cross gcc or C library, but clang-19 with lld builds
 * freestanding binaries their qemu-user runs. No qemu-user runs x32 binaries.
 */
type RuntimeSpec =
  | { readonly kind: "static" }
  | { readonly kind: "dynamic"; readonly sysroot: string; readonly libc: string }
  | { readonly kind: "freestanding-gcc" }
  | { readonly kind: "freestanding-clang"; readonly target: string; readonly qemu: string }
  | { readonly kind: "none"; readonly why: string };

const RUNTIME: Readonly<Record<string, RuntimeSpec>> = {
  x32: { kind: "none", why: "no qemu-user runs x32 binaries, and this kernel has no x32 support" },
  sh4: { kind: "freestanding-gcc" },
  alpha: { kind: "dynamic", sysroot: "/usr/alpha-linux-gnu", libc: "libc6.1-dev-alpha-cross" },
  riscv32: { kind: "freestanding-clang", target: "riscv32-linux-gnu", qemu: "qemu-riscv32" },
  loongarch64: {
    kind: "freestanding-clang",
    target: "loongarch64-linux-gnu",
    qemu: "qemu-loongarch64",
  },
};

/** The ABIs round trips run on: every ABI a qemu-user (or this machine) can run. */
export const RUNTIME_ABIS: readonly string[] = ABIS.filter(
  (a) => RUNTIME[a.name]?.kind !== "none",
).map((a) => a.name);

export interface RuntimeTool {
  /** The compiler that builds the harness. */
  readonly cc: string;
  /** Target selection and build-mode flags, before the sources. */
  readonly args: readonly string[];
  /** Linking flags of the round trip (`-static`); the native sanitizer build goes without. */
  readonly link: readonly string[];
  /** Flags after the sources (libraries). */
  readonly libs: readonly string[];
  /** qemu-user binary, or undefined to run natively. */
  readonly qemu: string | undefined;
  readonly qemuArgs: readonly string[];
  /** How it is built: static, dynamic, freestanding. */
  readonly mode: string;
  /** Whether a C library is linked (the sanitizers need one). */
  readonly hosted: boolean;
}

export type RuntimeResolution =
  Resolved<RuntimeTool> | { readonly ok: false; readonly notApplicable: string };

const libcCache = new Map<string, Promise<boolean>>();

/** Whether `cc` finds `file` (libc.a, libc.so) in its libraries. */
function hasLibrary(cc: string, file: string): Promise<boolean> {
  const key = `${cc} ${file}`;
  let p = libcCache.get(key);
  if (!p) {
    p = exec(cc, [`-print-file-name=${file}`]).then((r) => {
      const path = r.stdout.toString().trim();
      return r.code === 0 && isAbsolute(path) && existsSync(path);
    });
    libcCache.set(key, p);
  }
  return p;
}

const FREESTANDING = ["-ffreestanding", "-nostdlib", "-static", "-DUAPI_GEN_FREESTANDING"];

/** Whether binaries of this ABI run here without an emulator. */
export function isNativeRuntime(abi: Abi): boolean {
  return abi.name === "x86_64" && process.arch === "x64";
}

export async function runtimeTool(abi: Abi): Promise<RuntimeResolution> {
  const native = isNativeRuntime(abi);
  const spec: RuntimeSpec = RUNTIME[abi.name] ?? { kind: "static" };
  if (spec.kind === "none") return { ok: false, notApplicable: spec.why };
  const emulator = spec.kind === "freestanding-clang" ? spec.qemu : abi.qemu;
  if (!native && !emulator) return { ok: false, notApplicable: `no qemu-user for ${abi.name}` };
  const qemu = native ? undefined : emulator;
  const missing: string[] = [];
  if (qemu && !which(qemu)) missing.push("qemu-user");
  if (spec.kind === "freestanding-clang") {
    if (!which(CLANG.command)) missing.push(CLANG.debianPackage);
    if (!which("ld.lld-19")) missing.push("lld-19");
    if (missing.length) return { ok: false, missing: missing.join(" "), install: missing };
    return {
      ok: true,
      tool: {
        cc: CLANG.command,
        args: [`--target=${spec.target}`, ...FREESTANDING, "-fuse-ld=lld"],
        link: [],
        libs: [],
        qemu,
        qemuArgs: [],
        mode: "freestanding, clang-19 and lld",
        hosted: false,
      },
    };
  }
  const gcc = abi.compiler.gcc;
  if (!gcc) return { ok: false, notApplicable: `no Debian gcc for ${abi.name}` };
  const triple = gcc.command.replace(/-gcc$/, "");
  const libc =
    spec.kind === "dynamic"
      ? spec.libc
      : native
        ? "libc6-dev"
        : `libc6-dev-${DEB_ARCH[triple] ?? triple}-cross`;
  // Name only what is absent: the compiler, its C library, or the emulator.
  if (!which(gcc.command))
    missing.push(gcc.debianPackage, ...(spec.kind === "freestanding-gcc" ? [] : [libc]));
  else if (spec.kind === "static" && !(await hasLibrary(gcc.command, "libc.a"))) missing.push(libc);
  else if (spec.kind === "dynamic" && !(await hasLibrary(gcc.command, "libc.so")))
    missing.push(libc);
  if (missing.length) return { ok: false, missing: missing.join(" "), install: missing };
  const base = gcc.args ?? [];
  const gccTool = (how: Partial<RuntimeTool> & Pick<RuntimeTool, "mode" | "hosted">) => ({
    cc: gcc.command,
    args: base,
    link: [],
    libs: [],
    qemu,
    qemuArgs: [],
    ...how,
  });
  const tool: RuntimeTool =
    spec.kind === "freestanding-gcc"
      ? gccTool({
          args: [...base, ...FREESTANDING],
          libs: ["-lgcc"],
          mode: "freestanding",
          hosted: false,
        })
      : spec.kind === "dynamic"
        ? gccTool({ qemuArgs: ["-L", spec.sysroot], mode: "dynamic", hosted: true })
        : gccTool({ link: ["-static"], mode: "static", hosted: true });
  return { ok: true, tool };
}

export function present<T>(command: string, install: readonly string[], tool: T): Resolved<T> {
  return which(command) ? { ok: true, tool } : { ok: false, missing: install.join(" "), install };
}
