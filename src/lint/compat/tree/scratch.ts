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
  private readonly folders = new Set<string>();
  /** Written path → the path findings in it are shown at. */
  readonly display = new Map<string, string>();

  constructor(
    readonly tree: HeaderTree,
    /** Shown before the tree's own display path (`@v6.12/`), for a baseline. */
    private readonly showPrefix: (p: string) => string = (p) => p,
  ) {
    this.dir = mkdtempSync(join(tmpdir(), "uapi-gen-tree-"));
  }

  /**
   * Writes the header (if the tree has it) for the ABIs given (an asm/ header goes to the
   * multiarch folder of each of its architecture's ABIs among them), and returns its path.
   */
  write(file: UapiFile, abis?: readonly string[]): string | undefined {
    const key = `${fileKey(file)}@${file.arch ? (abis ?? []).join(",") : ""}`;
    if (this.written.has(key)) return this.written.get(key);
    const text = this.tree.read(file);
    let path: string | undefined;
    const paths = this.pathsOf(file, abis);
    if (text !== undefined && paths.length) {
      for (const p of paths) {
        if (!this.folders.has(dirname(p))) {
          mkdirSync(dirname(p), { recursive: true });
          this.folders.add(dirname(p));
        }
        writeFileSync(p, text);
        this.display.set(p, this.showPrefix(this.tree.display(file)));
      }
      path = paths[0];
    }
    this.written.set(key, path);
    return path;
  }

  /** Where a header is written: once, or for an asm/ header once per multiarch folder. */
  pathsOf(file: UapiFile, abis?: readonly string[]): string[] {
    if (!file.arch) return [join(this.dir, file.installed)];
    const arch = archByDir(file.arch)!;
    const wanted = arch.abis.filter((a) => !abis || abis.includes(a));
    const triples = [...new Set(wanted.map((abi) => arch.triples[abi]!))];
    return triples.map((t) => join(this.dir, t, file.installed));
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
