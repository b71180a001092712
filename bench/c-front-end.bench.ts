// Figure 7: the C front end on the kernel's own headers (linux-libc-dev 7.2 from the corpus).
//
// 7a: `uapi-gen lint linux/iommufd.h` as a user runs it (a new process, layouts on all 19
//     ABIs, each ABI's declarations read with its own asm/ headers), against the check-uapi
//     style flow over the same 19 ABIs: compile the header of 6.12 and of 7.2 with DWARF by
//     each ABI's compiler and run `abidiff --non-reachable-types` on the pair.
// 7b: `uapi-gen lint` of every linux/*.h of the tree in one process, against the 60 s budget.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ABIS, type Abi } from "../src/abi/abis.js";
import { layoutCompiler } from "../src/conform/toolchain.js";
import { abiIncludes } from "../src/import/include-paths.js";
import { corpusHeaders, corpusRoot } from "../src/util/corpus.js";
import { timedRun } from "./lib/command.js";
import { ms, record } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

/** The 1- and 5-minute load averages: the machine is shared, and every figure scales with it. */
const load = () =>
  loadavg()
    .slice(0, 2)
    .map((x) => x.toFixed(1))
    .join(" / ");

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "uapi-gen.js");
const RUNS = Number(process.env.FRONT_END_RUNS ?? 7);
const FLOW_RUNS = Number(process.env.FRONT_END_FLOW_RUNS ?? 3);
const TREE_RUNS = Number(process.env.FRONT_END_TREE_RUNS ?? 1);

const v72 = corpusHeaders("7.2");
const v612 = corpusHeaders("6.12");
const header = join(v72, "linux", "iommufd.h");

// A project folder whose uapi-lint.json reads the 7.2 headers (linux/ and every <triple>/asm/).
const project = mkdtempSync(join(tmpdir(), "uapi-gen-front-end-"));
writeFileSync(join(project, "uapi-lint.json"), JSON.stringify({ includePath: [v72] }));
// Its own cache folder (V8 code cache, each target's cc1 arguments), filled by the untimed
// first run: a user's one installation keeps its caches, while on a machine shared by several
// checkouts each one's start-up evicts the others' code cache (same bundle name).
const cache = join(project, "cache");
const lint = (files: readonly string[]) =>
  timedRun(process.execPath, [BIN, "lint", "--format", "json", ...files], {
    cwd: project,
    env: { ...process.env, XDG_CACHE_HOME: cache, UAPI_GEN_CORPUS: corpusRoot() },
  });

/** gcc needs its own freestanding headers; clang's come with -nostdlibinc. */
function flowCompiler(abi: Abi) {
  const cc = layoutCompiler(abi);
  if (!cc.ok) return undefined;
  const gccInclude =
    cc.tool.kind === "gcc"
      ? [
          "-nostdinc",
          "-isystem",
          timedRun(cc.tool.command, ["-print-file-name=include"]).stdout.trim(),
        ]
      : ["-nostdlibinc"];
  return { command: cc.tool.command, args: [...cc.tool.args, "-ffreestanding", ...gccInclude] };
}
const flowAbis = ABIS.flatMap((abi) => {
  const cc = flowCompiler(abi);
  return cc ? [{ abi, cc }] : [];
});
const unit = "#include <linux/iommufd.h>\nint uapi_gen_anchor;\n";

/** check-uapi's way: both versions with DWARF, then abidiff, ABI after ABI. */
function abidiffFlow(): { ms: number; changed: number; crashed: string[] } {
  const t0 = performance.now();
  let changed = 0;
  const crashed: string[] = [];
  for (const { abi, cc } of flowAbis) {
    const objects = [v612, v72].map((root, i) => {
      const obj = join(project, `${abi.name}.${i}.o`);
      const includes = abiIncludes(abi, { includeDirs: [root] }).args;
      const args = [...cc.args, "-g", "-fno-eliminate-unused-debug-types", ...includes];
      const r = timedRun(cc.command, [...args, "-c", "-o", obj, "-x", "c", "-"], {
        cwd: project,
        input: unit,
      });
      if (r.status !== 0) throw new Error(`${cc.command} ${abi.name}: ${r.stderr}`);
      return obj;
    });
    const r = timedRun("abidiff", ["--non-reachable-types", ...objects], { cwd: project });
    // abidiff 2.2 aborts on an assertion for some ABIs (mips: enum_diff lookup tables); the
    // flow took its time all the same, and the note says where it gave no answer.
    if (r.status === null) crashed.push(abi.name);
    else if (r.status & 3) throw new Error(`abidiff ${abi.name}: ${r.stderr}`);
    else if (r.status & 12) changed++;
  }
  return { ms: performance.now() - t0, changed, crashed };
}

// Checked once before timing: lint reads the header on every ABI and finds no input error.
const once = lint([header]);
if (once.status === 2) throw new Error(`uapi-gen lint failed: ${once.stderr}${once.stdout}`);
const findings = (JSON.parse(once.stdout) as { diagnostics: { code: string }[] }).diagnostics
  .length;
const flowOnce = abidiffFlow();

const ours: number[] = [];
const flow: number[] = [];
for (let i = 0; i < Math.max(RUNS, FLOW_RUNS); i++) {
  if (i < RUNS) ours.push(lint([header]).ms);
  if (i < FLOW_RUNS) flow.push(abidiffFlow().ms);
}
const o = summarize(ours);
const f = summarize(flow);
record({
  figure: "7 C front end",
  what: `uapi-gen lint of linux/iommufd.h (7.2) on ${ABIS.length} ABIs vs check-uapi style flow (speed-up)`,
  ours: ms(o.median),
  versus: `-g ×2 + abidiff on ${flowAbis.length} ABIs ${ms(f.median)}`,
  ratio: f.median / o.median,
  goal: { min: 3 },
  note:
    `medians of ${RUNS} cold lint processes and ${FLOW_RUNS} flows, load average ${load()} on ${availableParallelism()} cores at the end; lint: ${findings} findings; ` +
    `the flow compiles 6.12's and 7.2's header per ABI (abidiff saw a change on ${flowOnce.changed}/${flowAbis.length} ABIs${flowOnce.crashed.length ? `; it aborted on ${flowOnce.crashed.join(", ")}` : ""})`,
});

const tree = readdirSync(join(v72, "linux"))
  .filter((x) => x.endsWith(".h"))
  .sort()
  .map((x) => join(v72, "linux", x));
const treeRuns: number[] = [];
let treeStatus: number | null = null;
for (let i = 0; i < TREE_RUNS; i++) {
  const r = lint(tree);
  treeStatus = r.status;
  treeRuns.push(r.ms);
}
const t = summarize(treeRuns);
record({
  figure: "7 C front end",
  what: `uapi-gen lint of every linux/*.h of 7.2 (${tree.length} headers) on ${ABIS.length} ABIs`,
  ours: ms(t.median),
  versus: "budget 60 s",
  ratio: t.median / 60_000,
  goal: { max: 1 },
  note: `${TREE_RUNS} run(s) of one lint process, load average ${load()} at the end (exit ${treeStatus}: headers that need libc do not compile on their own)`,
});
