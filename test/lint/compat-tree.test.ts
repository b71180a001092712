/**
 * Header trees on the kernel's own sources: a small two-commit git repository made from the
 * corpus's linux-source subsets (`include/uapi` and `arch/*\/include/uapi` of 6.12, then of 7.2,
 * tagged v6.12 and v7.2), linted as a kernel developer would (`lint --against v6.12 …` in the
 * work tree); and installed headers against a folder baseline, matched by their path under the
 * include root.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { COMPAT_RULE_LIST } from "../../src/lint/compat/rules/index.js";
import { fileKey } from "../../src/lint/compat/tree/header-tree.js";
import { InstalledTree } from "../../src/lint/compat/tree/installed-tree.js";
import { GitRevision } from "../../src/lint/compat/git-revision.js";
import {
  diskTreeSource,
  gitTreeSource,
  KernelTree,
} from "../../src/lint/compat/tree/kernel-tree.js";
import { lintHeaderTrees } from "../../src/lint/compat/tree/lint-tree.js";
import { resolveConfig } from "../../src/lint/config.js";
import { RULE_LIST } from "../../src/lint/rules/index.js";
import { corpusHeaders, corpusRoot, hasCorpusHeaders } from "../../src/util/corpus.js";

const config = resolveConfig(undefined, [...RULE_LIST, ...COMPAT_RULE_LIST]);
const hasSources = existsSync(join(corpusRoot(), "source", "7.2", "include", "uapi"));
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/**
 * The uAPI parts of the corpus's linux-source subsets as a two-commit repository: the generic
 * headers and x86's (git adds them straight from the corpus; one checkout writes the work tree).
 */
function kernelRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-kernel-"));
  git(dir, "init", "-q", "-b", "master");
  for (const series of ["6.12", "7.2"]) {
    const src = join(corpusRoot(), "source", series);
    git(dir, `--work-tree=${src}`, "add", "-A", "-f", "include/uapi", "arch/x86/include/uapi");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", series);
    git(dir, "tag", `v${series}`);
  }
  git(dir, "checkout", "-qf", "master");
  return dir;
}

const shown = (
  d: { loc?: { file: string; range: { start: { line: number } } }; severity: string; code: string },
  top: string,
) => `${d.loc!.file.replace(`${top}/`, "")}:${d.loc!.range.start.line + 1} ${d.severity} ${d.code}`;

describe.skipIf(!hasSources)("a kernel source tree against a revision", () => {
  let repo = "";
  beforeAll(() => {
    repo = kernelRepository();
  });

  it("compares the named headers as installed, and leaves the work tree alone", async () => {
    const status = git(repo, "status", "--porcelain");
    const r = (await lintHeaderTrees(
      ["include/uapi/linux/if_xdp.h", "include/uapi/linux/iommufd.h"],
      "v6.12",
      repo,
      { config, categories: [] },
    ))!;
    expect(r).toBeDefined();
    const lines = r.diagnostics.map((d) => shown(d, repo));
    // 6.12 → 7.2: struct xsk_tx_metadata grew at its end (a sockopt-sized struct: to review).
    expect(lines).toContain("include/uapi/linux/if_xdp.h:141 warning struct-tail-growth");
    expect(r.headers.map((h) => `${h.file.installed} ${h.status}`).sort()).toEqual([
      "linux/if_xdp.h compared",
      "linux/iommufd.h compared",
    ]);
    expect(git(repo, "status", "--porcelain")).toBe(status);
  });

  it("reports a removed header at its place in the revision", async () => {
    // A header the work tree no longer has can be named, and is reported removed.
    const r = (await lintHeaderTrees(["include/uapi/linux/atm_eni.h"], "v6.12", repo, {
      config,
      categories: ["api"],
    }))!;
    const removed = r.headers.filter((h) => h.status === "removed").map((h) => h.file.installed);
    expect(removed).toContain("linux/atm_eni.h");
    const d = r.diagnostics.find(
      (x) => x.code === "header-no-delete" && x.message.includes("linux/atm_eni.h"),
    )!;
    expect(d.loc!.file).toBe(join(repo, "@v6.12", "include/uapi/linux/atm_eni.h"));
  });

  it("installs the tree as headers_install does (7.2: Debian's linux-libc-dev of the same release)", () => {
    if (!hasCorpusHeaders("7.2")) return;
    const kernel = new KernelTree(diskTreeSource(join(corpusRoot(), "source", "7.2")));
    const installed = new InstalledTree(corpusHeaders("7.2"));
    const norm = (t: string | undefined) =>
      (t ?? "")
        .split("\n")
        .map((l) => l.replace(/\s+/g, " ").replace(/\( /g, "(").trim())
        .filter(Boolean)
        .join("\n");
    const byKey = new Map(installed.files.map((f) => [fileKey(f), f]));
    const differ = kernel.files.filter((f) => {
      const g = byKey.get(fileKey(f));
      return !g || norm(kernel.read(f)) !== norm(installed.read(g));
    });
    expect(differ.map(fileKey)).toEqual([]);
    // What the build generates beyond headers_install: syscall numbers and the version.
    const have = new Set(kernel.files.map(fileKey));
    const missing = installed.files.filter((f) => !have.has(fileKey(f))).map((f) => f.installed);
    expect(missing.every((m) => /^asm\/unistd[-_].*\.h$|^linux\/version\.h$/.test(m))).toBe(true);
    expect(kernel.files.length).toBeGreaterThan(1500);
  });
});

describe.skipIf(!hasCorpusHeaders("6.1") || !hasCorpusHeaders("7.2"))(
  "installed headers against a folder",
  () => {
    it("matches by the path under the include root, and says when the baseline lacks one", async () => {
      const root = corpusHeaders("7.2");
      const r = (await lintHeaderTrees(
        ["linux/sched/types.h", "drm/amdxdna_accel.h"],
        corpusHeaders("6.1"),
        root,
        { config, categories: [] },
      ))!;
      const byHeader = new Map(r.headers.map((h) => [h.file.installed, h.status]));
      expect(byHeader.get("linux/sched/types.h")).toBe("compared");
      expect(byHeader.get("drm/amdxdna_accel.h")).toBe("added");
      const lines = r.diagnostics.map((d) => `${shown(d, root)} ${d.message}`);
      expect(lines).toContain(
        "linux/sched/types.h:7 error item-no-delete struct `sched_param` was removed",
      );
      expect(lines.some((l) => l.startsWith("drm/amdxdna_accel.h:1 info lint/against"))).toBe(true);
    });
  },
);

describe("a git revision read beside its work tree", () => {
  it("takes a file from disk only when its bytes are the revision's blob", () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-blob-"));
    git(dir, "init", "-q");
    writeFileSync(join(dir, "same.h"), "#define SAME 1\n");
    writeFileSync(join(dir, "changed.h"), "#define OLD 1\n");
    git(dir, "add", ".");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "one");
    writeFileSync(join(dir, "changed.h"), "#define NEW 2\n");
    const opened = GitRevision.open(dir, "HEAD");
    if (!opened?.ok) throw new Error("no HEAD");
    const src = gitTreeSource(opened.rev, "HEAD", dir);
    src.prefetch?.(["same.h", "changed.h"]);
    expect(src.read("same.h")).toBe("#define SAME 1\n");
    expect(src.read("changed.h")).toBe("#define OLD 1\n");
    rmSync(dir, { recursive: true, force: true });
  });
});
