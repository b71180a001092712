/**
 * A kernel source tree's uAPI headers, at a git revision (read through ./../git-revision.ts,
 * the work tree untouched) or in the work tree on disk: `include/uapi/**` installs as
 * `<path>`, `arch/<arch>/include/uapi/asm/*` as that architecture's `asm/*`, and every header
 * `include/uapi/asm-generic/Kbuild` declares mandatory (and the arch's `generic-y`) that the
 * architecture lacks becomes a one-line wrapper of its asm-generic version, as Kbuild makes it.
 * Texts are what headers_install makes of them (./headers-install.ts), lines in place.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { GitRevision } from "../git-revision.js";
import { KERNEL_ARCHES } from "./arches.js";
import { fileKey, type HeaderTree, type UapiFile } from "./header-tree.js";
import { headersInstall } from "./headers-install.js";

/** Reads files of the tree by path relative to its top. */
export interface TreeSource {
  readonly label: string;
  /** Paths under `prefix` (relative, `/`-separated). */
  paths(prefix: string): string[];
  read(path: string): string | undefined;
  /** A content key (a git blob id), when cheaper than the text. */
  version?(path: string): string | undefined;
  prefetch?(paths: readonly string[]): void;
  /** How a path of this tree is shown: `include/uapi/linux/x.h`, `@v6.12/include/…`. */
  show(path: string): string;
}

const MAX_FILES = 50_000;

/**
 * A git revision's files. With `local` (the work tree of the same repository), a file whose bytes
 * on disk hash to the revision's blob id is read from disk: in a pre-commit check nearly every
 * header a changed one includes is unchanged, and git is asked only for the rest.
 */
export function gitTreeSource(rev: GitRevision, label = rev.name, local?: string): TreeSource {
  // Path → the text on disk when it is the revision's blob, null when it is not.
  const onDisk = new Map<string, string | null>();
  const same = (p: string): string | null => {
    let text = onDisk.get(p);
    if (text !== undefined) return text;
    text = null;
    const blob = local === undefined ? undefined : rev.blob(p);
    if (blob !== undefined)
      try {
        const bytes = readFileSync(join(local!, p));
        const id = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
        if (id === blob) text = bytes.toString("utf8");
      } catch {
        // Not on disk: git has it.
      }
    onDisk.set(p, text);
    return text;
  };
  return {
    label,
    paths: (prefix) => rev.paths(prefix),
    read: (p) => same(p) ?? rev.read(p),
    version: (p) => rev.blob(p),
    prefetch: (ps) => rev.prefetch(ps.filter((p) => same(p) === null)),
    show: (p) => join(rev.root, `@${label}`, p),
  };
}

export function diskTreeSource(top: string, label = "work tree"): TreeSource {
  return {
    label,
    paths: (prefix) => walk(top, prefix),
    read: (p) => {
      try {
        return readFileSync(join(top, p), "utf8");
      } catch {
        return undefined;
      }
    },
    show: (p) => join(top, p),
  };
}

/** Files under `top/prefix`, relative to `top`; symbolic links are not followed. */
function walk(top: string, prefix: string): string[] {
  const out: string[] = [];
  const stack = [prefix.replace(/\/$/, "")];
  while (stack.length && out.length < MAX_FILES) {
    const rel = stack.pop()!;
    const dir = join(top, rel);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) out.push(p);
    }
  }
  return out.sort();
}

interface Entry {
  readonly file: UapiFile;
  /** The source path, or for a generated wrapper the asm-generic header it includes. */
  readonly source: string | undefined;
  readonly wrapperOf?: string;
}

export class KernelTree implements HeaderTree {
  readonly files: readonly UapiFile[];
  private readonly entries = new Map<string, Entry>();
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly src: TreeSource) {
    const all = [
      ...src.paths("include/uapi/"),
      ...KERNEL_ARCHES.flatMap((a) => src.paths(`arch/${a.dir}/include/uapi/`)),
    ].filter((p) => p.endsWith(".h"));
    const present = new Set(all);
    for (const p of all) {
      if (p.startsWith("include/uapi/")) {
        this.add({ installed: p.slice("include/uapi/".length) }, p);
        continue;
      }
      const m = /^arch\/([^/]+)\/include\/uapi\/(asm\/.+)$/.exec(p);
      if (m && KERNEL_ARCHES.some((a) => a.dir === m[1]))
        this.add({ installed: m[2]!, arch: m[1]! }, p);
    }
    // The Kbuild files together (one git process), then each.
    const kbuild = (dir: string) => `arch/${dir}/include/uapi/asm/Kbuild`;
    src.prefetch?.(["include/uapi/asm-generic/Kbuild", ...KERNEL_ARCHES.map((a) => kbuild(a.dir))]);
    const mandatory = kbuildList(src.read("include/uapi/asm-generic/Kbuild"), "mandatory-y");
    for (const arch of KERNEL_ARCHES) {
      const generic = kbuildList(src.read(kbuild(arch.dir)), "generic-y");
      for (const h of [...mandatory, ...generic]) {
        if (present.has(`arch/${arch.dir}/include/uapi/asm/${h}`)) continue;
        const key = fileKey({ installed: `asm/${h}`, arch: arch.dir });
        if (this.entries.has(key)) continue;
        this.entries.set(key, {
          file: { installed: `asm/${h}`, arch: arch.dir, generated: true },
          source: undefined,
          wrapperOf: `asm-generic/${h}`,
        });
      }
    }
    this.files = [...this.entries.values()]
      .map((e) => e.file)
      .sort(
        (a, b) =>
          (a.arch ?? "").localeCompare(b.arch ?? "") || a.installed.localeCompare(b.installed),
      );
  }

  get label(): string {
    return this.src.label;
  }

  private add(file: UapiFile, source: string): void {
    this.entries.set(fileKey(file), { file, source });
  }

  read(file: UapiFile): string | undefined {
    const key = fileKey(file);
    if (this.texts.has(key)) return this.texts.get(key);
    const e = this.entries.get(key);
    let text: string | undefined;
    if (e?.wrapperOf) text = `#include <${e.wrapperOf}>\n`;
    else if (e?.source) {
      const raw = this.src.read(e.source);
      text = raw === undefined ? undefined : headersInstall(raw);
    }
    this.texts.set(key, text);
    return text;
  }

  version(file: UapiFile): string | undefined {
    const e = this.entries.get(fileKey(file));
    if (!e) return undefined;
    if (e.wrapperOf) return `wrapper:${e.wrapperOf}`;
    const v = e.source && this.src.version?.(e.source);
    if (v) return v;
    const text = this.read(file);
    return text === undefined ? undefined : createHash("sha1").update(text).digest("hex");
  }

  display(file: UapiFile): string {
    const e = this.entries.get(fileKey(file));
    if (e?.source) return this.src.show(e.source);
    return this.src.show(`arch/${file.arch}/include/uapi/${file.installed}`);
  }

  prefetch(files: readonly UapiFile[]): void {
    const paths = files.flatMap((f) => this.entries.get(fileKey(f))?.source ?? []);
    this.src.prefetch?.(paths);
  }
}

/** The names a Kbuild file lists with `<variable> += name.h`. */
function kbuildList(text: string | undefined, variable: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  const re = new RegExp(`^\\s*${variable}\\s*\\+?=\\s*(.+)$`, "gm");
  for (const m of text.matchAll(re))
    out.push(...m[1]!.split(/\s+/).filter((n) => n.endsWith(".h")));
  return out;
}
