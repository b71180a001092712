/**
 * A header tree written out for the compiler, in the layout of Debian's linux-libc-dev
 * (`<dir>/linux/…`, `<dir>/<triple>/asm/…`), file by file as headers are needed: clang reads
 * files, and a git revision or a transformed source tree has none. Each written file remembers
 * where its findings are shown.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { archByDir, type KernelArch } from "./arches.js";
import { fileKey, type HeaderTree, type UapiFile } from "./header-tree.js";

export class ScratchTree {
  readonly dir: string;
  private readonly written = new Map<string, string | undefined>();
  /** Written path → the path findings in it are shown at. */
  readonly display = new Map<string, string>();

  constructor(
    readonly tree: HeaderTree,
    /** Shown before the tree's own display path (`@v6.12/`), for a baseline. */
    private readonly showPrefix: (p: string) => string = (p) => p,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), "uapi-gen-tree-"));
  }

  /** Writes the header (if the tree has it) and returns its path, or undefined. */
  write(file: UapiFile): string | undefined {
    const key = fileKey(file);
    if (this.written.has(key)) return this.written.get(key);
    const text = this.tree.read(file);
    let path: string | undefined;
    if (text !== undefined) {
      path = this.pathOf(file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      this.display.set(path, this.showPrefix(this.tree.display(file)));
    }
    this.written.set(key, path);
    return path;
  }

  /** Where a header is (or would be) written. */
  pathOf(file: UapiFile): string {
    if (!file.arch) return join(this.dir, file.installed);
    return join(this.archDir(archByDir(file.arch)!), file.installed);
  }

  /** `-I` folders for reading a header as one architecture sees it. */
  includeDirs(arch: KernelArch): string[] {
    return [this.archDir(arch), this.dir];
  }

  private archDir(arch: KernelArch): string {
    return join(this.dir, arch.triples[arch.abis[0]!]!);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
