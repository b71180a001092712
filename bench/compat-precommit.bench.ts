// Figure 12b: the pre-commit case. In a kernel source tree (the corpus's two-commit repository
// of linux-source 6.12 and 7.2 when scripts/corpus.sh trees made it, else one made here from
// the uAPI subsets), one header is changed in the work tree and
// `uapi-gen lint --against HEAD include/uapi/linux/iommufd.h` runs as a new process each time:
// it must take at most 0.5 s. Side by side, the same change through check-uapi.sh's per-header
// step for one ABI: the kernel's own scripts/headers_install.sh on the old and the new header,
// gcc -g on each, abidiff on the pair. Both are checked to report the planted break.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { corpusHeaders, corpusRoot } from "../src/util/corpus.js";
import { abidiff, hasKernelGit, KERNEL_GIT } from "./lib/check-uapi.js";
import { writeKeptSection } from "./lib/kept.js";
import { timedRun } from "./lib/command.js";
import { ms, record } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "uapi-gen.js");
const RUNS = Number(process.env.PRECOMMIT_RUNS ?? 15);
const HEADER = "include/uapi/linux/iommufd.h";
const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 600_000,
  });

/** A kernel work tree at 7.2 with HEAD at 7.2: the full corpus tree, or one made of the subsets. */
function kernelTree(): { dir: string; own: boolean } {
  if (hasKernelGit()) {
    git(KERNEL_GIT, "checkout", "-qf", "v7.2");
    return { dir: KERNEL_GIT, own: false };
  }
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-precommit-"));
  git(dir, "init", "-q", "-b", "master");
  const src = join(corpusRoot(), "source", "7.2");
  git(dir, `--work-tree=${src}`, "add", "-A", "-f", "include/uapi", "arch", "scripts");
  git(dir, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "7.2");
  git(dir, "checkout", "-qf", "master");
  return { dir, own: true };
}

const tree = kernelTree();
const file = join(tree.dir, HEADER);
const original = readFileSync(file, "utf8");
// The planted change: a field inserted in the middle of struct iommu_ioas_unmap.
const from = "\t__u32 size;\n\t__u32 ioas_id;\n\t__aligned_u64 iova;";
if (!original.includes(from)) throw new Error(`bench edit not applicable to ${HEADER}`);
writeFileSync(
  file,
  original.replace(from, "\t__u32 size;\n\t__u32 ioas_id;\n\t__u32 flags;\n\t__aligned_u64 iova;"),
);

const scratch = mkdtempSync(join(tmpdir(), "uapi-gen-precommit-flow-"));
const abidiffBin = abidiff();
const installed = corpusHeaders("7.2");
const headersInstall = join(tree.dir, "scripts", "headers_install.sh");
const unifdef = join(scratch, "scripts", "unifdef");

try {
  // headers_install.sh runs scripts/unifdef, which Kbuild builds; build it once, untimed.
  mkdirSync(dirname(unifdef), { recursive: true });
  const unifdefSource = join(tree.dir, "scripts", "unifdef.c");
  if (existsSync(unifdefSource))
    execFileSync("gcc", ["-O2", "-o", unifdef, unifdefSource], { timeout: 120_000 });

  const lint = () =>
    timedRun(process.execPath, [BIN, "lint", "--format", "json", "--against", "HEAD", HEADER], {
      cwd: tree.dir,
    });

  /** check-uapi.sh's per-header step for x86_64, on the old and the new text of the header. */
  const flow = (): { ms: number; reported: boolean } => {
    const t0 = performance.now();
    const objects = ["old", "new"].map((side) => {
      const raw = join(scratch, `${side}.raw.h`);
      const out = join(scratch, side, "linux", "iommufd.h");
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(
        raw,
        side === "old" ? git(tree.dir, "show", `HEAD:${HEADER}`) : readFileSync(file, "utf8"),
      );
      execFileSync("sh", [headersInstall, raw, out], { cwd: scratch, timeout: 60_000 });
      const obj = join(scratch, `${side}.so`);
      execFileSync(
        "gcc",
        [
          "-shared",
          "-nostdlib",
          "-fPIC",
          "-o",
          obj,
          "-x",
          "c",
          "-O0",
          "-std=c90",
          "-fno-eliminate-unused-debug-types",
          "-g",
          `-I${join(scratch, side)}`,
          `-I${installed}`,
          `-I${join(installed, "x86_64-linux-gnu")}`,
          "-include",
          out,
          "-",
        ],
        { input: "int f(void) { return 0; }\n", timeout: 60_000 },
      );
      return obj;
    });
    const r = timedRun(abidiffBin, ["--non-reachable-types", ...objects]);
    return { ms: performance.now() - t0, reported: (r.status ?? 0) !== 0 };
  };

  // What each sees, checked once before timing.
  const first = lint();
  const found = JSON.parse(first.stdout) as { diagnostics: { code: string; line?: number }[] };
  if (!found.diagnostics.some((d) => d.code === "field-same-offset"))
    throw new Error(
      `lint --against HEAD missed the planted break:\n${first.stdout}${first.stderr}`,
    );
  const flowOnce = flow();
  if (!flowOnce.reported) throw new Error("the abidiff flow missed the planted break");

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(lint().ms);
    theirs.push(flow().ms);
  }
  const o = summarize(ours);
  const t = summarize(theirs);
  const where = tree.own
    ? "a kernel tree made of the uAPI subsets"
    : "the full kernel tree (80 000 files)";
  const budget = record({
    figure: "12 pre-commit",
    what: `uapi-gen lint --against HEAD of one changed header, cold, all ABIs (budget 0.5 s)`,
    ours: ms(o.median),
    versus: "0.5 s",
    ratio: o.median / 500,
    goal: { max: 1 },
    note: `median of ${RUNS} new processes in ${where}; the change: a field inserted in struct iommu_ioas_unmap`,
  });
  const beside = record({
    figure: "12 pre-commit",
    what: "check-uapi.sh's per-header step (headers_install ×2, gcc -g ×2, abidiff; x86_64 only) vs uapi-gen",
    ours: ms(o.median),
    versus: `headers_install + gcc + abidiff ${ms(t.median)}`,
    ratio: t.median / o.median,
    goal: {},
    note: `medians of ${RUNS} interleaved runs; both report the planted break`,
  });
  writeKeptSection(
    "Figure 12: pre-commit, lint --against HEAD of one changed header",
    "npm run bench compat-precommit",
    [budget, beside],
  );
} finally {
  writeFileSync(file, original);
}
