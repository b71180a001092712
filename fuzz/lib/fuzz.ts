/**
 * The fuzz run: for each family, `count` seeded cases through the worker pool; every finding
 * (internal error, time or memory over the limit, diagnostic without a position) is
 * minimised and saved as a folder that replays it (`npm run fuzz -- --replay DIR`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FAMILY_MAKERS } from "../families/index.js";
import type { FamilyMaker } from "../families/family.js";
import { minimise } from "./minimise.js";
import { Pool } from "./pool.js";
import { Rng } from "./rng.js";
import type { Family, Finding, FindingKind, FuzzCase, Limits, Observation } from "./types.js";
import { resourceFindings, sameFinding } from "./verdict.js";

export interface FuzzOptions {
  readonly seed: string;
  readonly counts: Partial<Record<Family, number>>;
  readonly jobs: number;
  readonly limits: Limits;
  /** New cases stop being started after this long (the report says how many ran). */
  readonly budgetMs: number;
  /** Where minimised reproducers go; none are saved when undefined. */
  readonly findingsDir?: string;
  /** Trials of the minimiser per finding (slow findings get a tenth). */
  readonly minimiseTrials: number;
  readonly log?: (line: string) => void;
  /** Workers to use instead of a pool of the run's own (the test suite shares one). */
  readonly pool?: Pool;
}

export interface FindingReport {
  readonly kind: FindingKind;
  readonly detail: string;
  /** Cases that showed it. */
  readonly count: number;
  /** The saved reproducer's folder. */
  readonly saved?: string;
}

export interface FamilyReport {
  readonly family: Family;
  readonly asked: number;
  readonly ran: number;
  /** The most processor time a case took (worker and the processes it ran). */
  readonly maxMs: number;
  /** The longest a case took by the wall clock (stretched when the machine is busy). */
  readonly maxWallMs: number;
  /** The case that took longest, for a look at what makes a case slow. */
  readonly slowest?: string;
  readonly peakRssBytes: number;
  /** Cases whose last command succeeded (generate, import, sim run): how far mutants get. */
  readonly accepted: number;
  readonly findings: readonly FindingReport[];
  /** Why the family did not run (no seeds: the corpus was never fetched). */
  readonly skipped?: string;
}

export interface FuzzReport {
  readonly seed: string;
  readonly families: readonly FamilyReport[];
  readonly ms: number;
}

export function allFindings(o: Observation, limits: Limits): Finding[] {
  return [...o.found, ...resourceFindings(o, limits)];
}

const key = (f: Finding) => `${f.kind}:${f.detail.replace(/\d+/g, "#").slice(0, 120)}`;

async function minimised(
  pool: Pool,
  maker: FamilyMaker,
  c: FuzzCase,
  target: Finding,
  opts: FuzzOptions,
): Promise<FuzzCase> {
  const budget =
    target.kind === "timeout" || target.kind === "memory"
      ? Math.ceil(opts.minimiseTrials / 10)
      : opts.minimiseTrials;
  let n = 0;
  const kept = await minimise(
    maker.pieces(c),
    async (pieces) => {
      const trial = { ...maker.rebuild(c, pieces), id: `${c.id}-min${n++}` };
      const o = await pool.run(trial);
      return allFindings(o, opts.limits).some((f) => sameFinding(f, target));
    },
    budget,
  );
  return maker.rebuild(c, kept);
}

function save(dir: string, maker: FamilyMaker, c: FuzzCase, f: Finding, seed: string): string {
  let folder = join(dir, `${c.id}-${f.kind}`);
  for (let n = 2; existsSync(folder); n++) folder = join(dir, `${c.id}-${f.kind}-${n}`);
  for (const [path, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  writeFileSync(
    join(folder, CASE_FILE),
    `${JSON.stringify({ ...c, files: undefined }, null, 1)}\n`,
  );
  writeFileSync(
    join(folder, "finding.txt"),
    [
      `${f.kind}: ${f.detail}`,
      "",
      `family ${c.family}, case ${c.id} of seed ${seed}, minimised.`,
      `Replay: npm run fuzz -- --replay ${folder}`,
      `By hand, in this folder: ${maker.reproduce(c)}`,
      "",
    ].join("\n"),
  );
  return folder;
}

async function runFamily(
  pool: Pool,
  maker: FamilyMaker,
  count: number,
  opts: FuzzOptions,
  deadline: number,
): Promise<FamilyReport> {
  const base = { family: maker.name, asked: count };
  if (!maker.load())
    return {
      ...base,
      ran: 0,
      maxMs: 0,
      maxWallMs: 0,
      peakRssBytes: 0,
      accepted: 0,
      findings: [],
      skipped: "no seeds here",
    };
  const rng = new Rng(opts.seed).fork(maker.name);
  const found = new Map<string, { f: Finding; count: number; c: FuzzCase }>();
  let ran = 0;
  let maxMs = 0;
  let maxWallMs = 0;
  let slowest: string | undefined;
  let peak = 0;
  let accepted = 0;
  let next = 0;
  const lane = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const c = maker.make(rng.fork(i), i);
      const o = await pool.run(c);
      ran++;
      if (o.cpuMs > maxMs) [maxMs, slowest] = [o.cpuMs, c.id];
      maxWallMs = Math.max(maxWallMs, o.ms);
      if (o.runs.at(-1)?.exit === 0) accepted++;
      peak = Math.max(peak, o.peakRssBytes);
      for (const f of allFindings(o, opts.limits)) {
        const k = key(f);
        const seen = found.get(k);
        if (seen) seen.count++;
        else {
          found.set(k, { f, count: 1, c });
          opts.log?.(`${c.id}: ${f.kind}: ${f.detail}`);
        }
      }
      if (ran % 100 === 0) opts.log?.(`${maker.name}: ${ran}/${count}`);
    }
  };
  await Promise.all(Array.from({ length: opts.jobs }, lane));
  const findings: FindingReport[] = [];
  for (const { f, count: n, c } of found.values()) {
    let saved: string | undefined;
    if (opts.findingsDir) {
      const small = await minimised(pool, maker, c, f, opts);
      saved = save(opts.findingsDir, maker, small, f, opts.seed);
    }
    findings.push({ kind: f.kind, detail: f.detail, count: n, ...(saved ? { saved } : {}) });
  }
  return {
    ...base,
    ran,
    maxMs,
    maxWallMs,
    ...(slowest ? { slowest } : {}),
    peakRssBytes: peak,
    accepted,
    findings,
  };
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const t0 = performance.now();
  const deadline = t0 + opts.budgetMs;
  const pool = opts.pool ?? new Pool(opts.jobs, opts.limits);
  const families: FamilyReport[] = [];
  try {
    for (const maker of FAMILY_MAKERS) {
      const count = opts.counts[maker.name] ?? 0;
      if (count > 0) families.push(await runFamily(pool, maker, count, opts, deadline));
    }
  } finally {
    if (!opts.pool) pool.close();
  }
  return { seed: opts.seed, families, ms: performance.now() - t0 };
}

/** The case's description in a saved folder; its files are the folder's other files. */
export const CASE_FILE = "case.json";
const NOT_CASE_FILES = new Set([CASE_FILE, "finding.txt", "pending.txt"]);

/** A case saved by `save` (or by hand, as the regression cases are). */
export function loadSaved(folder: string): FuzzCase {
  const c = JSON.parse(readFileSync(join(folder, CASE_FILE), "utf8")) as Omit<FuzzCase, "files">;
  const files: Record<string, string> = {};
  const visit = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const rel = prefix + name;
      if (!prefix && NOT_CASE_FILES.has(name)) continue;
      if (statSync(join(dir, name)).isDirectory()) visit(join(dir, name), `${rel}/`);
      else files[rel] = readFileSync(join(dir, name), "utf8");
    }
  };
  visit(folder, "");
  return { ...c, files };
}

/** Runs saved cases again, one worker for all; what each shows now. */
export async function replay(
  cases: readonly FuzzCase[],
  limits: Limits,
  shared?: Pool,
): Promise<Finding[][]> {
  const pool = shared ?? new Pool(1, limits);
  try {
    return await Promise.all(cases.map(async (c) => allFindings(await pool.run(c), limits)));
  } finally {
    if (!shared) pool.close();
  }
}
