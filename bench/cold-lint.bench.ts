// Figure 1: cold `uapi-gen lint` as a user runs it (a new process each time), against the
// floor of any Node.js command (`node -e 0`), and against the established flow for the same
// coverage: for every ABI of the table, compile the old and the new header with DWARF and run
// `abidiff --non-reachable-types` on the pair. The pair differs in a struct field (both see
// it), an ioctl number and a flag bit (macros and enumerators abidiff is not asked about):
// the benchmark checks what each of them reports, so the speed-up is not bought with blindness.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ABIS } from "../src/abi/abis.js";
import { layoutCompiler } from "../src/conform/toolchain.js";
import { freestandingFlags, includeLines } from "../src/conform/workspace.js";
import { timedRun, type TimedRun } from "./lib/command.js";
import { ms, record } from "./lib/report.js";
import { summarize } from "./lib/stats.js";

const ROOT = join(import.meta.dirname, "..");
const CHECKOUT_BIN = join(ROOT, "bin", "uapi-gen.js");
const RUNS = Number(process.env.COLD_LINT_RUNS ?? 21);
const FLOW_RUNS = Number(process.env.COLD_LINT_FLOW_RUNS ?? 5);

const run = (command: string, args: string[], cwd = ROOT, input?: string) =>
  timedRun(command, args, input === undefined ? { cwd } : { cwd, input });

function must(r: TimedRun, what: string) {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return r;
}

/** A git repository holding the shipped definitions (committed) and an edited work tree. */
function repository(): { dir: string; oldHeaders: string; newHeaders: string } {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-cold-lint-"));
  cpSync(join(ROOT, "uapi-defs"), join(dir, "uapi-defs"), { recursive: true });
  for (const args of [
    ["init", "-q"],
    ["add", "."],
    ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "old"],
  ])
    must(run("git", args, dir), `git ${args[0]}`);
  const oldHeaders = join(dir, "old-out");
  must(run(process.execPath, [CHECKOUT_BIN, "generate", "--out", oldHeaders], dir), "generate old");
  const file = join(dir, "uapi-defs", "iommufd.ts");
  let text = readFileSync(file, "utf8");
  for (const [from, to] of [
    ['npages: { type: "__aligned_u64"', 'npages: { type: "__u32"'], // a struct field
    ['nr: "IOMMUFD_CMD_HWPT_INVALIDATE"', 'nr: "IOMMUFD_CMD_HWPT_ALLOC"'], // an ioctl number
    ["IOMMU_VTD_INV_FLAGS_LEAF: {\n      bit: 0", "IOMMU_VTD_INV_FLAGS_LEAF: {\n      bit: 1"],
  ] as const) {
    if (!text.includes(from)) throw new Error(`bench edit not applicable: ${from}`);
    text = text.replace(from, to);
  }
  writeFileSync(file, text);
  const newHeaders = join(dir, "new-out");
  must(run(process.execPath, [CHECKOUT_BIN, "generate", "--out", newHeaders], dir), "generate new");
  return { dir, oldHeaders, newHeaders };
}

/**
 * The command as npm installs it (package.json's `files`: no src/, so no freshness check of
 * the bundle against the sources); the package's dependencies are the checkout's. Built by the
 * checkout's command (which builds dist/ when stale) just before.
 */
function installed(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "uapi-gen-installed-")), "node_modules", "uapi-gen");
  for (const part of [
    "package.json",
    "bin",
    "build/code-cache.cjs",
    "build/typescript.cjs",
    "dist/uapi-gen.cjs",
    "dist/typescript-parser.cjs",
  ])
    cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  for (const dependency of Object.keys(
    (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: object })
      .dependencies,
  ))
    symlinkSync(join(ROOT, "node_modules", dependency), join(dir, "node_modules", dependency));
  return join(dir, "bin", "uapi-gen.js");
}

const repo = repository();
const BIN = installed();
const modules = ["iommufd", "iommufd_test"].map((name) => ({ name }));
const unit = `${includeLines(modules)}\nint uapi_gen_anchor;\n`;
const flowAbis = ABIS.flatMap((abi) => {
  const cc = layoutCompiler(abi);
  return cc.ok ? [{ abi, cc: cc.tool }] : [];
});

/** The established flow, one ABI after the other as a CI script would run it. */
function abidiffFlow(): { ms: number; reported: number; crashed: string[] } {
  const t0 = performance.now();
  let reported = 0;
  const crashed: string[] = [];
  for (const { abi, cc } of flowAbis) {
    const objects = [repo.oldHeaders, repo.newHeaders].map((headers, i) => {
      const obj = join(repo.dir, `${abi.name}.${i}.o`);
      const flags = [...cc.args, "-g", "-fno-eliminate-unused-debug-types"];
      const args = [...flags, ...freestandingFlags({ dir: headers }, abi.name), "-c", "-o", obj];
      must(run(cc.command, [...args, "-x", "c", "-"], repo.dir, unit), `${cc.command} ${abi.name}`);
      return obj;
    });
    const r = run("abidiff", ["--non-reachable-types", ...objects], repo.dir);
    // abidiff 2.2 aborts on an assertion for some ABIs (mips: enum_diff lookup tables); the
    // flow took its time all the same, and the note says where it gave no answer.
    if (r.status === null) crashed.push(abi.name);
    else if (r.status & 3) throw new Error(`abidiff ${abi.name}: ${r.stderr}`);
    else if (r.status & 12) reported++;
  }
  return { ms: performance.now() - t0, reported, crashed };
}

const lint = () => run(process.execPath, [BIN, "lint", "--format", "json"], repo.dir);
const lintAgainst = () =>
  run(process.execPath, [BIN, "lint", "--format", "json", "--against", "HEAD"], repo.dir);

// What each flow sees, checked once before timing.
const findings = JSON.parse(lintAgainst().stdout) as { diagnostics: { code: string }[] };
const codes = new Set(findings.diagnostics.map((d) => d.code));
for (const rule of ["ioctl-number-stable", "flag-bit-stable", "field-same-type"])
  if (![...codes].some((c) => c.endsWith(rule))) throw new Error(`lint --against missed ${rule}`);
const flowOnce = abidiffFlow();

const lintInCheckout = () =>
  run(process.execPath, [CHECKOUT_BIN, "lint", "--format", "json"], repo.dir);
/** Findings (status 1) are expected: the work tree has the edits above. */
function linted(r: TimedRun, what: string) {
  if (r.status !== 0 && r.status !== 1) must(r, what);
  return r;
}
// Writes the code caches: later runs are cold processes, warm disk.
linted(lint(), "lint (installed)");
linted(lintInCheckout(), "lint (checkout)");
// NODE_EXTRA_CA_CERTS (set on machines behind a TLS-inspecting proxy) makes every Node.js start
// parse that certificate bundle before any JavaScript runs: a constant that raises the floor
// and so lowers every ratio. Where it is set, both are also timed without it.
const extraCa = process.env.NODE_EXTRA_CA_CERTS !== undefined;
const withoutExtraCa = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== "NODE_EXTRA_CA_CERTS"),
);
const bare = (args: string[]) =>
  timedRun(process.execPath, args, { cwd: repo.dir, env: withoutExtraCa });
const floor: number[] = [];
const plain: number[] = [];
const floorBare: number[] = [];
const plainBare: number[] = [];
const checkout: number[] = [];
const against: number[] = [];
// Where start-up goes: the bundle alone (no TypeScript: --help), and TypeScript alone.
const help: number[] = [];
const typescript: number[] = [];
const loadTs = `require(${JSON.stringify(join(BIN, "..", "..", "build", "typescript.cjs"))})`;
for (let i = 0; i < RUNS; i++) {
  floor.push(run(process.execPath, ["-e", "0"]).ms);
  plain.push(lint().ms);
  checkout.push(lintInCheckout().ms);
  if (extraCa) {
    floorBare.push(bare(["-e", "0"]).ms);
    plainBare.push(linted(bare([BIN, "lint", "--format", "json"]), "lint").ms);
  }
  against.push(lintAgainst().ms);
  help.push(run(process.execPath, [BIN, "--help"]).ms);
  typescript.push(run(process.execPath, ["-e", loadTs]).ms);
}
const flow: number[] = [];
const againstBesideFlow: number[] = [];
for (let i = 0; i < FLOW_RUNS; i++) {
  flow.push(abidiffFlow().ms);
  againstBesideFlow.push(lintAgainst().ms);
}

const f = summarize(floor);
const p = summarize(plain);
const a = summarize(against);
const fl = summarize(flow);
const ab = summarize(againstBesideFlow);
const startup =
  `start-up, each with node's own: uapi-gen --help ${ms(summarize(help).median)}, ` +
  `node loading TypeScript through the code cache ${ms(summarize(typescript).median)}`;
const medians = `medians of ${RUNS} interleaved runs; ${startup}`;
record({
  figure: "1 cold lint",
  what: `uapi-gen lint, layout on ${ABIS.length} ABIs, vs node -e 0 (installed package)`,
  ours: ms(p.median),
  versus: `node -e 0 ${ms(f.median)}`,
  ratio: p.median / f.median,
  goal: { max: 3 },
  note: medians,
});
if (extraCa) {
  const fb = summarize(floorBare).median;
  record({
    figure: "1 cold lint",
    what: "the same without NODE_EXTRA_CA_CERTS (set on this machine; most have none)",
    ours: ms(summarize(plainBare).median),
    versus: `node -e 0 ${ms(fb)}`,
    ratio: summarize(plainBare).median / fb,
    goal: {},
    note: `${medians}; the certificate bundle costs every Node.js start ${ms(f.median - fb)} here`,
  });
}
record({
  figure: "1 cold lint",
  what: "uapi-gen lint in a checkout (checks dist/ against src/ first) vs node -e 0",
  ours: ms(summarize(checkout).median),
  versus: `node -e 0 ${ms(f.median)}`,
  ratio: summarize(checkout).median / f.median,
  goal: {},
  note: medians,
});
record({
  figure: "1 cold lint",
  what: "uapi-gen lint --against HEAD (layout + compatibility) vs node -e 0",
  ours: ms(a.median),
  versus: `node -e 0 ${ms(f.median)}`,
  ratio: a.median / f.median,
  goal: { max: 4 },
  note: medians,
});
record({
  figure: "1 cold lint",
  what: `abidiff flow on ${flowAbis.length} ABIs vs uapi-gen lint --against (speed-up)`,
  ours: ms(ab.median),
  versus: `gcc/clang -g ×2 + abidiff per ABI ${ms(fl.median)}`,
  ratio: fl.median / ab.median,
  goal: { min: 3 },
  note:
    `medians of ${FLOW_RUNS}; ${ms(fl.median / flowAbis.length)} per ABI; abidiff reported ` +
    `the struct change on ${flowOnce.reported}/${flowAbis.length} ABIs` +
    (flowOnce.crashed.length ? ` (it aborted on ${flowOnce.crashed.join(", ")})` : "") +
    ` and neither the ioctl ` +
    `number nor the flag bit; uapi-gen reported ${[...codes].sort().join(", ")}`,
});
