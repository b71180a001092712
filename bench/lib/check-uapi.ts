// The kernel's scripts/check-uapi.sh and `uapi-gen lint --against` on the same two-commit kernel
// repository (scripts/corpus.sh trees: linux-source 6.12 and 7.2, tags v6.12 and v7.2), each as
// its user runs it, with a time limit; and what each reported, per installed header.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { corpusRoot } from "../../src/util/corpus.js";

const ROOT = join(import.meta.dirname, "..", "..");
export const KERNEL_GIT = join(corpusRoot(), "kernel-git");
const LIMIT_MS = 2 * 60 * 60 * 1000;

/** check-uapi.sh's verdict on one header: an ABI difference, a removal, or no compile. */
export type CheckUapiVerdict = "abi" | "removed" | "uncompilable";

export interface ToolRun {
  readonly ms: number;
  readonly status: number | null;
  /** Installed path (`linux/x.h`, `asm/kvm.h`) → what the tool said. */
  readonly headers: ReadonlyMap<string, string>;
  readonly log: string;
}

/** What scripts/abidiff.sh installed (abidiff >= 2.4), installing it if needed. */
export function abidiff(): string {
  const r = spawnSync("bash", [join(ROOT, "scripts", "abidiff.sh")], {
    encoding: "utf8",
    timeout: 15 * 60 * 1000,
  });
  if (r.status !== 0) throw new Error(`scripts/abidiff.sh failed: ${r.stderr}`);
  return r.stdout.trim().split("\n").pop()!;
}

export function hasKernelGit(): boolean {
  return existsSync(join(KERNEL_GIT, ".git", "uapi-gen-done"));
}

/** check-uapi.sh -b NEW -p OLD for one ARCH (it checks one per run), as documented. */
export function runCheckUapi(old: string, now: string, arch = "x86", jobs = 2): ToolRun {
  const log = join(mkdtempSync(join(tmpdir(), "uapi-gen-check-uapi-")), "errors.log");
  const t0 = performance.now();
  const r = spawnSync(
    "bash",
    ["scripts/check-uapi.sh", "-b", now, "-p", old, "-j", String(jobs), "-l", log],
    {
      cwd: KERNEL_GIT,
      encoding: "utf8",
      timeout: LIMIT_MS,
      maxBuffer: 1 << 28,
      env: { ...process.env, ABIDIFF: abidiff(), ARCH: arch },
    },
  );
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`check-uapi.sh failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const text = existsSync(log) ? readFileSync(log, "utf8") : "";
  rmSync(join(log, ".."), { recursive: true, force: true });
  return { ms, status: r.status, headers: parseCheckUapiLog(text), log: text };
}

/** `==== ABI differences detected in include/linux/x.h from …` and its siblings, per header. */
export function parseCheckUapiLog(text: string): Map<string, CheckUapiVerdict> {
  const out = new Map<string, CheckUapiVerdict>();
  for (const m of text.matchAll(/^==== (.*) ====$/gm)) {
    const line = m[1]!;
    const header = /\binclude\/(\S+\.h)\b/.exec(line)?.[1];
    if (!header) continue;
    const verdict: CheckUapiVerdict = line.startsWith("ABI differences")
      ? "abi"
      : line.includes("was removed")
        ? "removed"
        : "uncompilable";
    out.set(header, verdict);
  }
  return out;
}

/** `uapi-gen lint --against OLD include/uapi arch/*\/include/uapi` in the tree, at NEW. */
export function runUapiGen(old: string, now: string): ToolRun & { json: JsonFindings } {
  checkout(now);
  const arches = readdirSync(join(KERNEL_GIT, "arch"))
    .map((a) => `arch/${a}/include/uapi`)
    .filter((p) => existsSync(join(KERNEL_GIT, p)));
  const args = [
    join(ROOT, "bin", "uapi-gen.js"),
    "lint",
    "--format",
    "json",
    "--against",
    old,
    "include/uapi",
    ...arches,
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: KERNEL_GIT,
    encoding: "utf8",
    timeout: LIMIT_MS,
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`uapi-gen lint failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const json = JSON.parse(r.stdout) as JsonFindings;
  const headers = new Map<string, string>();
  for (const d of json.diagnostics) {
    if (d.severity !== "error" && d.severity !== "warning") continue;
    const header = installedPath(d.file);
    if (!header) continue;
    const was = headers.get(header);
    const entry = `${d.severity === "error" ? "E" : "W"}:${d.code}`;
    headers.set(header, was ? `${was} ${entry}` : entry);
  }
  return { ms, status: r.status, headers, log: r.stderr, json };
}

export interface JsonFindings {
  readonly diagnostics: readonly {
    file?: string;
    line?: number;
    severity: string;
    code: string;
    message: string;
  }[];
}

/** `include/uapi/linux/x.h` → `linux/x.h`; `arch/x86/include/uapi/asm/kvm.h` → `asm/kvm.h` (x86 only). */
function installedPath(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const rel = relative(KERNEL_GIT, join(KERNEL_GIT, file)).replace(/^@[^/]+\//, "");
  const generic = /^include\/uapi\/(.+)$/.exec(rel);
  if (generic) return generic[1];
  const asm = /^arch\/([^/]+)\/include\/uapi\/(.+)$/.exec(rel);
  return asm ? (asm[1] === "x86" ? asm[2] : `${asm[1]}:${asm[2]}`) : undefined;
}

/** The work tree at a revision (the corpus repository is ours; it has no local changes). */
function checkout(rev: string): void {
  const r = spawnSync("git", ["checkout", "-qf", rev], {
    cwd: KERNEL_GIT,
    timeout: 10 * 60 * 1000,
  });
  if (r.status !== 0) throw new Error(`git checkout ${rev} failed in ${KERNEL_GIT}`);
}
