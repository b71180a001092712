/**
 * Where each ABI's headers come from. A uAPI header includes `<linux/types.h>`, which
 * includes the architecture's own `<asm/types.h>` and `<asm/posix_types.h>`: those decide
 * what `__kernel_long_t`, `__kernel_mode_t`, ... are on that ABI, so every ABI is read with
 * its own `asm/` folder.
 *
 * Per ABI, in order: the `-I` folders (and their `<multiarch>/` subfolder when there is one),
 * then the system root (default /usr/include) with its `<multiarch>/` subfolder and, for the
 * default root, the cross libc folder `/usr/<triple>/include` that Debian's
 * libc6-dev-*-cross and linux-libc-dev-*-cross packages fill. An ABI that has no `asm/` folder
 * anywhere there reads the kernel corpus's (scripts/corpus.sh), and says so in a note.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Abi } from "../abi/abis.js";
import { CORPUS_HEADER_SERIES, corpusRoot } from "../util/corpus.js";

export interface IncludeOptions {
  /** `-I` folders, searched first, in order. */
  readonly includeDirs?: readonly string[];
  /** The folder with `linux/`, `asm-generic/` and `<multiarch>/asm/` (default /usr/include). */
  readonly sysroot?: string;
}

export interface AbiIncludes {
  /** Compiler arguments: `-I` for the user's folders, `-isystem` for the system's. */
  readonly args: readonly string[];
  /** Why this ABI reads headers from somewhere unusual, for a note. */
  readonly note?: string;
}

const DEFAULT_SYSROOT = "/usr/include";

export function abiIncludes(abi: Abi, options: IncludeOptions): AbiIncludes {
  const sysroot = resolve(options.sysroot ?? DEFAULT_SYSROOT);
  const user = (options.includeDirs ?? []).map((d) => resolve(d));
  const args: string[] = [];
  const searched: string[] = [];
  for (const d of user) {
    const arch = join(d, abi.multiarch);
    if (existsSync(arch)) args.push("-I", arch);
    args.push("-I", d);
    searched.push(arch, d);
  }
  const system: string[] = [join(sysroot, abi.multiarch)];
  const cross = crossTriple(abi);
  if (sysroot === DEFAULT_SYSROOT && cross) system.push(join("/usr", cross, "include"));
  system.push(sysroot);
  const present = system.filter((d, i) => i === system.length - 1 || existsSync(d));
  searched.push(...present);
  let note: string | undefined;
  if (!searched.some((d) => existsSync(join(d, "asm", "types.h")))) {
    const fallback = corpusAsm(abi);
    // Silently: the corpus holds the kernel's own asm/ headers for that architecture.
    if (fallback) present.splice(present.length - 1, 0, fallback);
    else
      note = `no asm/ headers for ${abi.name} under ${sysroot} or the kernel corpus: its declarations may fail to read`;
  }
  for (const d of present) args.push("-isystem", d);
  return note ? { args, note } : { args };
}

/** The GNU triple of the ABI's cross gcc (`i686-linux-gnu`), whose libc folder Debian fills. */
function crossTriple(abi: Abi): string | undefined {
  const gcc = abi.compiler.gcc;
  if (!gcc || gcc.args?.length || !gcc.command.endsWith("-gcc")) return undefined;
  return gcc.command.slice(0, -"-gcc".length);
}

function corpusAsm(abi: Abi): string | undefined {
  const root = corpusRoot();
  for (const series of [...CORPUS_HEADER_SERIES].reverse()) {
    const dir = join(root, "headers", series, abi.multiarch);
    if (existsSync(join(dir, "asm", "types.h"))) return dir;
  }
  return undefined;
}
