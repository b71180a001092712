/**
 * A header tree written out for the compiler, in the layout of Debian's linux-libc-dev
 * (`<dir>/linux/…`, `<dir>/<triple>/asm/…`), file by file as headers are needed: clang reads
 * files, and a git revision or a transformed source tree has none. Each written file remembers
 * where its findings are shown.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { archByDir } from "./arches.js";
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
      // An architecture's asm/ header goes to the folder of each of its ABIs.
      const paths = this.pathsOf(file);
      for (const p of paths) {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
        this.display.set(p, this.showPrefix(this.tree.display(file)));
      }
      path = paths[0];
    }
    this.written.set(key, path);
    return path;
  }

  /** Where a header is written: once, or for an asm/ header once per multiarch folder. */
  pathsOf(file: UapiFile): string[] {
    if (!file.arch) return [join(this.dir, file.installed)];
    const arch = archByDir(file.arch)!;
    const triples = [...new Set(arch.abis.map((abi) => arch.triples[abi]!))];
    return triples.map((t) => join(this.dir, t, file.installed));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
