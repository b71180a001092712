/**
 * Decides whether `lint --against` compares header trees, and which: in a kernel source tree
 * (a git work tree with `include/uapi/` and `arch/`), the headers named on the command line
 * (files, or folders such as `include/uapi arch/*\/include/uapi`) against the same tree at the
 * revision, or against an installed folder; among installed headers (a folder that holds
 * `linux/types.h`), the named headers against the same paths under the baseline folder.
 * Anything else (a project's own header) is compared on its own, by ../../inputs.ts.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";
import { nearestFolderWith } from "../../../util/find-up.js";
import { GitRevision } from "../git-revision.js";
import { archByDir, archByTriple, KERNEL_ARCHES } from "./arches.js";
import { fileKey, type HeaderTree, type UapiFile } from "./header-tree.js";
import { InstalledTree } from "./installed-tree.js";
import { diskTreeSource, gitTreeSource, KernelTree } from "./kernel-tree.js";

export interface TreePlan {
  readonly before: HeaderTree;
  readonly after: HeaderTree;
  /** The headers named on the command line (all of them when a whole tree is named). */
  readonly only: (file: UapiFile) => boolean;
  /** The path that names a header of the new tree on the command line. */
  readonly pathOf: (file: UapiFile) => string;
}

export type PlanResult = { plan: TreePlan } | { error: Diagnostic } | undefined;

const UAPI_FOLDERS = ["include/uapi", ...KERNEL_ARCHES.map((a) => `arch/${a.dir}/include/uapi`)];

/** The tree comparison for these arguments, an error saying why there is none, or undefined. */
export function planTreeRun(args: readonly string[], against: string, cwd: string): PlanResult {
  const paths = args.map((a) => resolve(cwd, a));
  if (paths.length === 0) return undefined;
  // A kernel tree may be asked about a header the work tree no longer has (removed).
  const kernel = kernelTop(paths);
  if (kernel) return kernelPlan(kernel, paths, against, cwd);
  if (paths.some((p) => !existsSync(p))) return undefined;
  const root = installedRoot(paths);
  if (root) return installedPlan(root, paths, against, cwd);
  return undefined;
}

/** The top of the kernel source tree holding every path, if they are all uAPI headers of it. */
function kernelTop(paths: readonly string[]): string | undefined {
  let from = paths[0]!;
  while (!existsSync(from) && dirname(from) !== from) from = dirname(from);
  const top = nearestFolderWith(join("include", "uapi", "linux"), from);
  if (!top || !existsSync(join(top, "arch"))) return undefined;
  const inUapi = (p: string) => {
    const rel = relative(top, p).split(sep).join("/");
    return /^(include\/uapi|arch\/[^/]+\/include\/uapi)(\/|$)/.test(rel);
  };
  return paths.every(inUapi) ? top : undefined;
}

/** The installed include folder (it holds linux/types.h) above every path. */
function installedRoot(paths: readonly string[]): string | undefined {
  const first = paths[0]!;
  const start = statSync(first).isDirectory() ? first : dirname(first);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "linux", "types.h"))) {
      const root = dir;
      return paths.every((p) => !relative(root, p).startsWith("..")) ? root : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function kernelPlan(
  top: string,
  paths: readonly string[],
  against: string,
  cwd: string,
): PlanResult {
  const after = new KernelTree(diskTreeSource(top, "work tree"));
  const before = baselineTree(against, cwd, top);
  if ("error" in before) return before;
  const wanted = paths.map((p) => relative(top, p).split(sep).join("/"));
  const only = (f: UapiFile) => {
    const source = sourcePathOf(f);
    return wanted.some((w) => w === "" || source === w || source.startsWith(`${w}/`));
  };
  return { plan: { before: before.tree, after, only, pathOf: (f) => join(top, sourcePathOf(f)) } };
}

/** The kernel source path a header installs from. */
function sourcePathOf(f: UapiFile): string {
  return f.arch ? `arch/${f.arch}/include/uapi/${f.installed}` : `include/uapi/${f.installed}`;
}

function installedPlan(
  root: string,
  paths: readonly string[],
  against: string,
  cwd: string,
): PlanResult {
  const after = new InstalledTree(root, root);
  const before = baselineTree(against, cwd, undefined);
  if ("error" in before) return before;
  const wanted = new Set<string>();
  const prefixes: string[] = [];
  for (const p of paths) {
    const rel = relative(root, p).split(sep).join("/");
    if (statSync(p).isDirectory()) prefixes.push(rel === "" ? "" : `${rel}/`);
    else wanted.add(installedKey(rel));
  }
  const only = (f: UapiFile) => {
    if (wanted.has(fileKey(f))) return true;
    const shown = relative(root, after.display(f)).split(sep).join("/");
    return prefixes.some((pre) => shown.startsWith(pre));
  };
  return { plan: { before: before.tree, after, only, pathOf: (f) => after.display(f) } };
}

/** `x86_64-linux-gnu/asm/kvm.h` → `x86:asm/kvm.h`; `linux/x.h` stays. */
function installedKey(rel: string): string {
  const [first, second] = rel.split("/");
  const arch = first ? archByTriple(first) : undefined;
  if (arch && second === "asm") return `${arch.dir}:${rel.slice(first!.length + 1)}`;
  if (first === "asm") return `x86:${rel}`;
  return rel;
}

/** The baseline: a folder (installed headers, or a kernel source tree), or a git revision. */
function baselineTree(
  against: string,
  cwd: string,
  kernel: string | undefined,
): { tree: HeaderTree } | { error: Diagnostic } {
  const dir = resolve(cwd, against);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    if (existsSync(join(dir, "include", "uapi", "linux")) && archByDir("x86"))
      return { tree: new KernelTree(diskTreeSource(dir, against)) };
    if (existsSync(join(dir, "linux"))) return { tree: new InstalledTree(dir, against) };
    return {
      error: {
        severity: "error",
        code: "lint/against",
        message: `--against ${against}: neither an installed header folder (it has no linux/) nor a kernel source tree (no include/uapi/)`,
        hint: "give the folder that holds linux/, asm-generic/ and the per-architecture asm/ folders (usr/include)",
      },
    };
  }
  // A kernel tree lists only its uAPI folders.
  const under = kernel ? UAPI_FOLDERS : [];
  const opened = GitRevision.open(kernel ?? cwd, against, under);
  if (!opened || !opened.ok)
    return {
      error: {
        severity: "error",
        code: "lint/against",
        message: `--against ${against}: no such folder or git revision`,
        hint: "fetch it first in shallow clones (git fetch --depth=1 origin <ref>)",
      },
    };
  // A kernel tree's own revision: unchanged files are read from its work tree (same blob id).
  const rev = opened.rev;
  return { tree: new KernelTree(gitTreeSource(rev, rev.name, kernel ? rev.root : undefined)) };
}
