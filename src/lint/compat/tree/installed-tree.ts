/**
 * An installed uAPI header folder: Debian's linux-libc-dev `usr/include` (generic headers at
 * the top, each architecture's `asm/` under `<triple>/asm/`), or the `usr/include` of one
 * `make headers_install` (`asm/` at the top, for the architecture given). Headers are read as
 * they are; a finding is shown at the file itself.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { archByTriple, KERNEL_ARCHES } from "./arches.js";
import { fileKey, type HeaderTree, type UapiFile } from "./header-tree.js";

const MAX_FILES = 50_000;

export class InstalledTree implements HeaderTree {
  readonly files: readonly UapiFile[];
  readonly onDisk: HeaderTree["onDisk"];
  readonly abis: HeaderTree["abis"];
  private readonly paths = new Map<string, string>();

  /** `topArch`: the architecture of an `asm/` folder at the top (one headers_install). */
  constructor(
    readonly root: string,
    readonly label: string = root,
    topArch = "x86",
  ) {
    const files: UapiFile[] = [];
    // Several triples of one architecture hold the same headers: the one of its first ABI stands.
    const tripleOf = new Map<string, string>();
    for (const arch of KERNEL_ARCHES)
      for (const abi of arch.abis) {
        const triple = arch.triples[abi]!;
        if (!tripleOf.has(arch.dir) && existsSync(join(root, triple, "asm")))
          tripleOf.set(arch.dir, triple);
      }
    for (const rel of walk(root)) {
      if (!rel.endsWith(".h")) continue;
      const [first, second] = rel.split("/");
      const arch = first ? archByTriple(first) : undefined;
      if (arch && second === "asm") {
        if (tripleOf.get(arch.dir) === first)
          this.push(files, { installed: rel.slice(first!.length + 1), arch: arch.dir }, rel);
      } else if (first === "asm") this.push(files, { installed: rel, arch: topArch }, rel);
      else if (!first?.includes("-linux-")) this.push(files, { installed: rel }, rel);
    }
    this.files = files;
    const arches = new Set(tripleOf.keys());
    if (files.some((f) => f.arch === topArch)) arches.add(topArch);
    // A folder with no asm/ at all (an example beside the host's headers) restricts nothing.
    if (arches.size > 0 && arches.size < KERNEL_ARCHES.length)
      this.abis = KERNEL_ARCHES.filter((a) => arches.has(a.dir)).flatMap((a) => a.abis);
    // Debian's layout (per-ABI multiarch folders) is what the compiler reads: no copy needed.
    this.onDisk = tripleOf.size ? { root, pathOf: (f) => this.pathOf(f) } : undefined;
  }

  private push(files: UapiFile[], f: UapiFile, rel: string): void {
    const key = fileKey(f);
    if (this.paths.has(key)) return;
    this.paths.set(key, join(this.root, rel));
    files.push(f);
  }

  /** The file on disk. */
  pathOf(file: UapiFile): string | undefined {
    return this.paths.get(fileKey(file));
  }

  read(file: UapiFile): string | undefined {
    const p = this.pathOf(file);
    if (!p) return undefined;
    try {
      return readFileSync(p, "utf8");
    } catch {
      return undefined;
    }
  }

  version(file: UapiFile): string | undefined {
    const text = this.read(file);
    return text === undefined ? undefined : createHash("sha1").update(text).digest("hex");
  }

  display(file: UapiFile): string {
    return this.pathOf(file) ?? join(this.root, file.installed);
  }
}

/** Files under `root`, relative; symbolic links to files are followed, to folders not. */
function walk(root: string): string[] {
  const out: string[] = [];
  const stack = [""];
  while (stack.length && out.length < MAX_FILES) {
    const rel = stack.pop()!;
    const dir = join(root, rel);
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile() || (e.isSymbolicLink() && isFile(join(root, p)))) out.push(p);
    }
  }
  return out.sort();
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
