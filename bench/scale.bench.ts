// Figure 3, scale: synthetic definitions of 1,000 and 10,000 structs (100 structs a module,
// each module importing from the one before), linted with layouts on all 19 ABIs. Measured as
// the user runs it (`uapi-gen lint <folder>`, a fresh process; lint always covers every ABI)
// and in process per phase (load, layouts on every ABI, lint), so the cost split is visible.
// Goals: 10,000 structs in at most 3 s, and time(10k)/time(1k) at most 12.
// Run: npx tsx bench/scale.bench.ts   (SCALE_BENCH_RUNS sets the CLI runs per size)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ABIS } from "../src/abi/abis.js";
import { definitionFiles } from "../src/cli/defs-files.js";
import { Layouts } from "../src/layout/layouts.js";
import { lint } from "../src/lint/lint.js";
import { loadDefinitions } from "../src/load/load.js";
import { timedRun } from "./lib/command.js";
import { ms, record } from "./lib/report.js";
import { sampleMs, summarize, timeMs } from "./lib/stats.js";

const ROOT = join(import.meta.dirname, "..");
const PER_MODULE = 100;
const SIZES = [1000, 10000] as const;
const RUNS = Number(process.env.SCALE_BENCH_RUNS ?? 7);
const GOAL_MS = 3000;

const pad = (n: number) => String(n).padStart(4, "0");

/**
 * One struct of module `m`, by its index `j`: ten shapes in turn. Most are clean; a hole, a
 * misaligned __u64, tail padding, a native-endian hardware field and a missing doc make the
 * layout, types and docs rules fire on some, as they would on a real tree under review.
 */
function structText(m: number, j: number): string {
  const p = `s${pad(m)}`;
  const t = (k: number) => `${p}_t${pad(k)}`;
  const doc = (s: string) => `doc: "${s}"`;
  const f = (name: string, type: string, extra = "") =>
    `    ${name}: { type: ${type}, ${extra}${doc(`The ${name} of entry ${j}.`)} },`;
  const fields: string[] = [];
  let attrs = "";
  let kind = "struct";
  switch (j % 10) {
    case 0: // an ioctl argument: size-extensible, flags, enum value, user pointer, output
      attrs = `  extensible: { size: "size", lastMandatory: "id" },\n`;
      fields.push(
        f("size", `"__u32"`),
        f("flags", `"__u32"`, `flags: ${p}_flags, `),
        f("id", `"__u32"`),
        f("kind", `"__u32"`, `values: ${p}_kind, `),
        f("data_uptr", `"__aligned_u64"`, "userPtr: true, "),
        f("out_id", `"__u32"`, `dir: "out", `),
        f("__reserved", `"__u32"`, "reserved: true, "),
      );
      break;
    case 1: // a hole before an __aligned_u64 on every ABI (sometimes suppressed)
      fields.push(f("a", `"__u32"`));
      if (j % 20 === 1)
        fields.push("    // uapi-lint-disable-next-line no-implicit-hole -- legacy");
      fields.push(f("b", `"__aligned_u64"`));
      break;
    case 2: // a plain __u64 after a __u32: misaligned on i386, sh4, m68k
      fields.push(f("a", `"__u32"`), f("b", `"__u64"`));
      break;
    case 3: // tail padding
      fields.push(f("a", `"__aligned_u64"`), f("b", `"__u16"`));
      break;
    case 4: // mixed sizes and arrays, no padding
      fields.push(
        f("x", `"__u8"`),
        f("y", `"__s8"`),
        f("z", `"__u16"`),
        f("w", `"__le32"`),
        f("v", `"__be16"`),
        f("u", `array("__u8", 2)`),
        f("bytes", `array("__u8", 8)`),
        f("grid", `array(array("__u16", 2), 2)`),
      );
      break;
    case 5: // nested: the struct before it, and an array of an earlier ioctl argument
      fields.push(f("head", t(j - 1)), f("args", `array(${t(j - 5)}, 2)`));
      break;
    case 6: // a struct of the module before (imported)
      fields.push(f("base", m > 0 ? `s${pad(m - 1)}_t0000` : t(0)), f("extra", `"__aligned_u64"`));
      break;
    case 7: // a user array with its descriptor and error contract
      attrs =
        `  arrays: [{ pointer: "entries_uptr", entryLen: "entry_len", count: "entry_num",` +
        ` onError: { blame: "entry-at-count", count: "handled" } }],\n`;
      fields.push(
        f("entries_uptr", `"__aligned_u64"`, "userPtr: true, "),
        f("entry_len", `"__u32"`),
        f("entry_num", `"__u32"`, `dir: "inout", `),
      );
      break;
    case 8: // a hardware format; now and then one field in the CPU's byte order
      attrs = "  hardware: true,\n";
      fields.push(f("word0", `"__le64"`), f("word1", j % 20 === 8 ? `"__u32"` : `"__le32"`));
      fields.push(f("word2", `"__le32"`));
      break;
    default: // a union; now and then a field without documentation
      kind = "union";
      fields.push(f("as_u64", `"__aligned_u64"`), f("as_u32", `array("__u32", 2)`));
      fields.push(
        j % 20 === 9 ? `    raw: { type: array("__u8", 8) },` : f("raw", `array("__u8", 8)`),
      );
  }
  const body = `  ${doc(`Synthetic ${kind} ${j} of module ${m}.`)},\n${attrs}  fields: {\n`;
  return `export const ${t(j)} = ${kind}({\n${body}${fields.join("\n")}\n  },\n});\n`;
}

/** One definitions module: header, ioctl type, an enum, a flag set, commands, structs, ioctls. */
function moduleText(m: number, structs: number): string {
  const p = `s${pad(m)}`;
  const P = p.toUpperCase();
  const members = (n: string, count: number, at: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => `    ${P}_${n}_${i}: { ${at(i)}, doc: "${n} ${i}." },`);
  const ioctls = Math.ceil(structs / 10);
  const out = [
    `import { array, constant, enumeration, flagSet, header, ioctl, struct, union } from "uapi-gen/dsl";`,
    m > 0 ? `import { s${pad(m - 1)}_t0000 } from "./scale_${pad(m - 1)}.js";` : "",
    `\nexport const scale_${pad(m)} = header({ name: "scale_${pad(m)}", doc: "Module ${m}." });`,
    `export const ${P}_TYPE = constant({ value: ${0x20 + (m % 0xd0)}, doc: "ioctl type." });`,
    `export const ${p}_kind = enumeration({\n  doc: "Kinds.",\n  members: {`,
    ...members("KIND", 4, (i) => `value: ${i}`),
    `  },\n});`,
    `export const ${p}_flags = flagSet({\n  doc: "Flags.",\n  bits: {`,
    ...members("F", 6, (i) => `bit: ${i}`),
    `  },\n});`,
    `export const ${p}_cmd = enumeration({\n  anonymous: true,\n  doc: "Commands.",\n  members: {`,
    ...members("CMD", ioctls, (i) => `value: ${0x80 + i}`),
    `  },\n});\n`,
  ];
  for (let j = 0; j < structs; j++) out.push(structText(m, j));
  for (let i = 0; i < ioctls; i++) {
    // The last ioctl of every tenth module reuses the number before it: a collision to report.
    const nr = m % 10 === 0 && i === ioctls - 1 && i > 0 ? i - 1 : i;
    out.push(
      `export const ${P}_IOCTL_${i} = ioctl({ doc: "Command ${i}.", type: ${P}_TYPE, ` +
        `nr: "${P}_CMD_${nr}", dir: "readwrite", arg: ${p}_t${pad(i * 10)} });`,
    );
  }
  return out.join("\n") + "\n";
}

function writeTree(structs: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), "uapi-gen-scale-")), `defs-${structs}`);
  mkdirSync(dir);
  for (let m = 0; m < structs / PER_MODULE; m++)
    writeFileSync(join(dir, `scale_${pad(m)}.ts`), moduleText(m, PER_MODULE));
  return dir;
}

/** `uapi-gen lint <dir>` as a user runs it; exit 1 (findings at error severity) is expected. */
function cli(dir: string): { ms: number; findings: number } {
  const r = timedRun(process.execPath, [join(ROOT, "bin", "uapi-gen.js"), "lint", dir], {
    cwd: ROOT,
  });
  if (r.status !== 1) throw new Error(`lint exited ${r.status}: ${r.stderr}`);
  return {
    ms: r.ms,
    findings: r.stdout.split("\n").filter((l) => / (error|warning): /.test(l)).length,
  };
}

function phases(dir: string) {
  const files = definitionFiles([dir], ROOT);
  const samples = { load: [] as number[], layout: [] as number[], lint: [] as number[] };
  const runs = Math.max(3, Math.ceil(RUNS / 2));
  for (let i = 0; i <= runs; i++) {
    let loaded!: ReturnType<typeof loadDefinitions>;
    const tLoad = timeMs(() => (loaded = loadDefinitions(files)));
    if (loaded.diagnostics.length)
      throw new Error(`synthetic definitions do not load: ${loaded.diagnostics[0]!.message}`);
    const tLayout = timeMs(() => {
      const layouts = new Layouts(loaded.model);
      for (const item of loaded.model.items.values())
        if (item.kind === "struct" || item.kind === "union")
          for (const abi of ABIS) layouts.of(item, abi);
    });
    // lint builds its own layout table: its figure includes the layouts again.
    const tLint = timeMs(() => lint(loaded));
    if (i === 0) continue; // warm-up
    samples.load.push(tLoad);
    samples.layout.push(tLayout);
    samples.lint.push(tLint);
  }
  return {
    load: summarize(samples.load),
    layout: summarize(samples.layout),
    lint: summarize(samples.lint),
  };
}

const cliMedian: Record<number, number> = {};
const split: Record<number, string> = {};
for (const size of SIZES) {
  const dir = writeTree(size);
  try {
    const first = cli(dir); // also builds the CLI bundle if src/ changed
    const samples = sampleMs(() => cli(dir), RUNS, 0);
    const s = summarize(samples);
    cliMedian[size] = s.median;
    const p = phases(dir);
    split[size] =
      `in process: load ${ms(p.load.median)}, layouts ${ms(p.layout.median)}, ` +
      `lint ${ms(p.lint.median)} (with its own layouts)`;
    console.log(
      `${size} structs (${size / PER_MODULE} modules, ${first.findings} findings): ` +
        `uapi-gen lint median ${ms(s.median)} (min ${ms(s.min)}, max ${ms(s.max)}, ${s.runs} runs); ` +
        `in process: load ${ms(p.load.median)}, layouts on ${ABIS.length} ABIs ${ms(p.layout.median)}, ` +
        `lint ${ms(p.lint.median)} (medians of ${p.load.runs})`,
    );
  } finally {
    rmSync(join(dir, ".."), { recursive: true, force: true });
  }
}

record({
  figure: "3 scale",
  what: `uapi-gen lint of 10,000 structs, ${ABIS.length} ABIs (CLI process)`,
  ours: ms(cliMedian[10000]!),
  versus: `goal ${ms(GOAL_MS)}`,
  ratio: cliMedian[10000]! / GOAL_MS,
  goal: { max: 1 },
  note: `median of ${RUNS} runs, ${PER_MODULE} structs a module; ${split[10000]}`,
});
record({
  figure: "3 scale",
  what: "time(10k structs) / time(1k structs), uapi-gen lint",
  ours: ms(cliMedian[10000]!),
  versus: `1k: ${ms(cliMedian[1000]!)}`,
  ratio: cliMedian[10000]! / cliMedian[1000]!,
  goal: { max: 12 },
  note: `medians of ${RUNS} runs each; 1k ${split[1000]}`,
});
