/**
 * The conformance run: loads nothing itself (the CLI does), generates the C side into a
 * workspace, then runs every (ABI, check) cell concurrently under one process pool and
 * collects the cells and findings into a report. One table maps each check to its step.
 */
import { ABIS, type Abi } from "../abi/abis.js";
import { Layouts } from "../layout/layouts.js";
import type { Model, ModuleIR } from "../model/ir.js";
import { compileStep } from "./compile-check.js";
import { conformOptionsProblem } from "./options-check.js";
import { Pool } from "./exec.js";
import { fuzzAbi, type GroupMismatch } from "./fuzz/fuzz.js";
import { saveFixture } from "./fuzz/fixtures.js";
import { randomGroups, type Group } from "./fuzz/random-model.js";
import { createProgress, type Progress } from "./progress.js";
import { prepareReference, referenceStep, type ReferencePlan } from "./reference/step.js";
import { roundtripStep, sanitizeStep } from "./roundtrip/run.js";
import { abidiffStep } from "./tools/abidiff.js";
import { paholeStep } from "./tools/pahole.js";
import type { Cell, CheckName, ConformReport, Finding, StepResult } from "./types.js";
import { createWorkspace, type Workspace } from "./workspace.js";

export interface ConformOptions {
  readonly abis?: readonly Abi[];
  readonly checks: readonly CheckName[];
  /** Random definitions for the fuzz check. */
  readonly fuzz: number;
  readonly seed: bigint;
  readonly jobs?: number;
  /** Keep the generated C and binaries in this folder instead of a temporary one. */
  readonly keep?: string;
  /** Where minimised fuzz mismatches are saved; none when undefined. */
  readonly fixturesDir?: string;
  /** Missing toolchains do not fail the run (they are still reported, never as passes). */
  readonly allowMissing?: boolean;
  readonly progress?: Progress;
  /**
   * Headers the generated ones are compared with (the `reference` check), absolute or
   * relative to `cwd`; by default each module with a kernel namesake in the corpus is
   * compared with it (src/conform/reference/sources.ts).
   */
  readonly reference?: readonly string[];
  /** Where relative `reference` paths start (default: the process's working folder). */
  readonly cwd?: string;
}

interface RunContext {
  readonly ws: Workspace;
  readonly pool: Pool;
  readonly opts: ConformOptions;
  readonly groups: () => readonly Group[];
  readonly minimised: { abi: string; m: GroupMismatch }[];
  readonly reference: () => Promise<ReferencePlan>;
  /** The ABI whose cell lists the reference findings that hold on every ABI. */
  readonly firstAbi: string;
}

type Step = (ctx: RunContext, abi: Abi) => Promise<StepResult>;

const STEPS: Readonly<Record<CheckName, Step>> = {
  compile: (ctx, abi) => compileStep(ctx.ws, abi, ctx.pool),
  reference: async (ctx, abi) =>
    referenceStep(await ctx.reference(), ctx.ws, abi, ctx.pool, abi.name === ctx.firstAbi),
  fuzz: async (ctx, abi) => {
    if (ctx.opts.fuzz <= 0) return { status: "skip", detail: "not asked for (--fuzz N)" };
    const r = await fuzzAbi({ dir: ctx.ws.dir, pool: ctx.pool }, abi, ctx.groups());
    ctx.minimised.push(...r.minimised.map((m) => ({ abi: abi.name, m })));
    return r.step;
  },
  roundtrip: (ctx, abi) => roundtripStep(ctx.ws, abi, ctx.pool, { seed: ctx.opts.seed }),
  sanitize: (ctx, abi) => sanitizeStep(ctx.ws, abi, ctx.pool, { seed: ctx.opts.seed }),
  pahole: (ctx, abi) => paholeStep(ctx.ws, abi, ctx.pool),
  abidiff: (ctx, abi) => abidiffStep(ctx.ws, abi, ctx.pool),
};

export async function runConform(
  model: Model,
  primary: readonly ModuleIR[],
  root: string,
  opts: ConformOptions,
): Promise<ConformReport> {
  const start = performance.now();
  const problem = conformOptionsProblem(opts);
  if (problem) throw new Error(`conform: ${problem}`);
  const abis = opts.abis ?? ABIS;
  const progress = opts.progress ?? createProgress("none", () => undefined);
  const ws = await createWorkspace(model, new Layouts(model), primary, root, opts.keep);
  let groups: readonly Group[] | undefined;
  let reference: Promise<ReferencePlan> | undefined;
  const pool = new Pool(opts.jobs);
  const ctx: RunContext = {
    ws,
    pool,
    opts,
    groups: () => (groups ??= randomGroups(opts.seed, opts.fuzz)),
    minimised: [],
    reference: () =>
      (reference ??= prepareReference(ws, pool, opts.reference, opts.cwd ?? process.cwd())),
    firstAbi: abis[0]?.name ?? "",
  };
  const cells: Cell[] = [];
  const findings: Finding[] = [];
  const install = new Set<string>();
  try {
    const tasks = abis.flatMap((abi) => opts.checks.map((check) => ({ abi, check })));
    progress.start(tasks.length);
    await Promise.all(
      tasks.map(async ({ abi, check }) => {
        const t0 = performance.now();
        let r: StepResult;
        try {
          r = await STEPS[check](ctx, abi);
        } catch (e) {
          r = {
            status: "fail",
            detail: "internal error",
            findings: [
              {
                abi: abi.name,
                check,
                message: `internal error: ${(e as Error).stack ?? String(e)}`,
              },
            ],
          };
        }
        const cell: Cell = {
          abi: abi.name,
          check,
          status: r.status,
          detail: r.detail,
          ms: performance.now() - t0,
        };
        cells.push(cell);
        findings.push(...(r.findings ?? []));
        for (const p of r.install ?? []) install.add(p);
        progress.done(cell);
      }),
    );
    if (opts.fixturesDir) {
      for (const { abi, m } of ctx.minimised)
        progress.note(
          `fuzz: minimised mismatch saved as ${saveFixture(opts.fixturesDir, abi, opts.seed, m)}`,
        );
    }
  } finally {
    progress.finish();
    ws.dispose();
  }
  const order = (c: Cell) =>
    abis.findIndex((a) => a.name === c.abi) * 100 + opts.checks.indexOf(c.check);
  cells.sort((a, b) => order(a) - order(b));
  const failed = cells.some(
    (c) => c.status === "fail" || (c.status === "missing" && !opts.allowMissing),
  );
  return {
    abis: abis.map((a) => a.name),
    checks: opts.checks,
    cells,
    findings,
    install: [...install].sort(),
    ms: performance.now() - start,
    ok: !failed,
  };
}
