/**
 * The kernel's real history as `lint --against` sees it: the corpus's installed headers of
 * Linux 6.1 and 6.12 against 7.2 (Debian's linux-libc-dev), and the kernel source trees of 6.12
 * and 7.2 as a two-commit git repository (the whole sources from `scripts/corpus.sh trees`, or
 * else the uAPI folders of the corpus's source subsets). Each comparison yields every header's
 * findings, recorded in test/lint/compat/history/ and published as docs/compat-history.md by
 * `npm run compat:history`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusHeaders, corpusRoot } from "../../../util/corpus.js";
import { GitRevision } from "../git-revision.js";
import { COMPAT_RULE_LIST } from "../rules/index.js";
import { compareTrees, type HeaderResult } from "../tree/compare.js";
import { fileKey, type HeaderTree, type UapiFile } from "../tree/header-tree.js";
import { InstalledTree } from "../tree/installed-tree.js";
import { gitTreeSource, KernelTree } from "../tree/kernel-tree.js";
import { KERNEL_ARCHES } from "../tree/arches.js";

export interface Comparison {
  readonly id: string;
  readonly title: string;
  /** The two trees, and what to remove when done. */
  open(): { before: HeaderTree; after: HeaderTree; dispose(): void };
}

/** One finding as recorded: where, which rule, at which level, what it says. */
export interface RecordedFinding {
  readonly line: number;
  readonly rule: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
}

export interface RecordedHeader {
  readonly header: string;
  readonly status: HeaderResult["status"];
  readonly findings: readonly RecordedFinding[];
}

const installed = (from: "6.1" | "6.12"): Comparison => ({
  id: `installed-${from}-7.2`,
  title:
    `Installed headers (Debian's linux-libc-dev) ${from} → 7.2` +
    (from === "6.1" ? ", on the x86 ABIs (the corpus's 6.1 headers are amd64's alone)" : ""),
  open: () => ({
    before: new InstalledTree(corpusHeaders(from), from),
    after: new InstalledTree(corpusHeaders("7.2"), "7.2"),
    dispose: () => {},
  }),
});

/**
 * The uAPI folders of the corpus's linux-source 6.12 and 7.2 subsets as a two-commit repository
 * (tags v6.12, v7.2): the same uAPI trees, where the whole sources were not fetched.
 */
export function kernelHistoryRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-history-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], timeout: 600_000 });
  git("init", "-q", "-b", "master");
  for (const series of ["6.12", "7.2"]) {
    const src = join(corpusRoot(), "source", series);
    git(`--work-tree=${src}`, "add", "-A", "-f", "include/uapi", "arch");
    git("-c", "user.name=corpus", "-c", "user.email=corpus@localhost", "commit", "-qm", series);
    git("tag", `v${series}`);
  }
  return dir;
}

const UAPI = ["include/uapi", ...KERNEL_ARCHES.map((a) => `arch/${a.dir}/include/uapi`)];

/**
 * The whole linux-source 6.12 and 7.2 as `scripts/corpus.sh trees` commits them (tags v6.12 and
 * v7.2), when it has: the repository a kernel developer runs the command in.
 */
export function corpusKernelRepository(): string | undefined {
  const dir = join(corpusRoot(), "kernel-git");
  return existsSync(join(dir, ".git", "uapi-gen-done")) ? dir : undefined;
}

const kernel: Comparison = {
  id: "kernel-6.12-7.2",
  title: "Kernel source trees (linux-source) v6.12 → v7.2, as installed",
  open: () => {
    // Revisions are read from git's objects: the work tree is never looked at or changed.
    const whole = corpusKernelRepository();
    const dir = whole ?? kernelHistoryRepository();
    const rev = (r: string) => {
      const opened = GitRevision.open(dir, r, UAPI);
      if (!opened?.ok) throw new Error(`no revision ${r} in ${dir}`);
      return new KernelTree(gitTreeSource(opened.rev));
    };
    return {
      before: rev("v6.12"),
      after: rev("v7.2"),
      dispose: () => {
        if (!whole) rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const COMPARISONS: readonly Comparison[] = [installed("6.1"), installed("6.12"), kernel];

/** Every rule at its default level. */
export const DEFAULT_LEVELS = new Map(COMPAT_RULE_LIST.map((r) => [r.meta.id, r.meta.severity]));

/** Runs a comparison (on the headers `only` lets through) and records each header's findings. */
export async function runComparison(
  comparison: Comparison,
  only: (file: UapiFile) => boolean = () => true,
): Promise<RecordedHeader[]> {
  const trees = comparison.open();
  try {
    const results = await compareTrees(trees.before, trees.after, { levels: DEFAULT_LEVELS, only });
    return results
      .map((r) => ({
        header: fileKey(r.file),
        status: r.status,
        findings: r.diagnostics
          .map((d) => ({
            line: (d.loc?.range.start.line ?? 0) + 1,
            rule: d.code,
            severity: d.severity,
            message: d.message,
          }))
          .sort(
            (a, b) =>
              a.line - b.line || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message),
          ),
      }))
      .sort((a, b) => a.header.localeCompare(b.header));
  } finally {
    trees.dispose();
  }
}
