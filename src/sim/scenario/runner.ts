/**
 * `uapi-gen sim run`: every scenario of every file, in order, each on a fresh system; each
 * step's observations compared with its `expect`. Results follow the JSON shape of
 * docs/scenario-format.md.
 */
import { executeStep, type Observed } from "./execute.js";
import { ScenarioFormatError } from "./format-error.js";
import { readScenarioFile } from "./parse.js";
import { readProbe } from "./probes.js";
import { ScenarioSystem } from "./system.js";
import type { Expect, Scenario, Step } from "./types.js";
import type { Json } from "./values.js";

export interface StepResult {
  readonly index: number;
  readonly action: string;
  readonly passed: boolean;
  readonly got: Record<string, Json>;
  readonly expected: Json;
  readonly diff: string[];
}

export interface ScenarioResult {
  readonly name: string;
  readonly file: string;
  readonly passed: boolean;
  readonly steps: StepResult[];
}

export interface RunResult {
  readonly passed: number;
  readonly failed: number;
  readonly scenarios: ScenarioResult[];
}

/** JSON-safe: bigints as numbers when exact, hex strings otherwise. */
function jsonValue(v: unknown): Json {
  if (typeof v === "bigint")
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : `0x${v.toString(16)}`;
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v as Json;
}

/** Integers and lists of integers compared by value, whatever their JavaScript type. */
const asBig = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(asBig) : typeof v === "number" || typeof v === "bigint" ? BigInt(v) : v;
const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(jsonValue(a)) === JSON.stringify(jsonValue(b));
const show = (v: unknown): string => JSON.stringify(jsonValue(v));

function compare(
  step: Step,
  obs: Observed,
  probes: Record<string, Json>,
): { got: Record<string, Json>; diff: string[] } {
  const e: Expect = step.expect;
  const got: Record<string, Json> = { errno: obs.errno, entry_num: obs.entryNum };
  const diff: string[] = [];
  const check = (key: string, want: unknown, have: unknown): void => {
    if (want !== undefined && !same(want, have))
      diff.push(`${key}: expected ${show(want)}, got ${show(have)}`);
  };
  check("errno", e.errno, obs.errno);
  check("entry_num", e.entryNum, obs.entryNum);
  if (e.fields) {
    const fields: Record<string, Json> = {};
    for (const [k, want] of Object.entries(e.fields)) {
      const have = obs.fields?.[k];
      fields[k] = jsonValue(have ?? null);
      if (have === undefined)
        diff.push(`fields.${k}: the ${step.spec.action} step has no output field ${k}`);
      else if (!same(asBig(want), asBig(have))) {
        diff.push(`fields.${k}: expected ${show(want)}, got ${show(have)}`);
      }
    }
    got.fields = fields;
  }
  if (e.state) {
    got.state = probes;
    for (const [k, want] of Object.entries(e.state)) check(`state.${k}`, want, probes[k]);
  }
  if (obs.guest) {
    got.cons = obs.guest.cons;
    got.cons_err = obs.guest.consErr;
    got.gerror_cmdq_err = obs.guest.gerrorCmdqErr;
  }
  const guestKey = (key: string, want: unknown, have: unknown): void => {
    if (want === undefined) return;
    if (!obs.guest) diff.push(`${key}: only a guest_cmdq or guest_ack step has it`);
    else check(key, want, have);
  };
  guestKey("cons", e.cons, obs.guest?.cons);
  guestKey("cons_err", e.consErr, obs.guest?.consErr);
  guestKey("gerror_cmdq_err", e.gerrorCmdqErr, obs.guest?.gerrorCmdqErr);
  return { got, diff };
}

export function runScenario(s: Scenario): ScenarioResult {
  const sys = new ScenarioSystem(s);
  const steps = s.steps.map((step): StepResult => {
    const smmu = sys.k.smmu;
    const win = { traceFrom: smmu.tracing ? smmu.trace.length : 0, vmmFrom: sys.vmmMarks() };
    const obs = executeStep(sys, step.spec, `${s.file}: scenario "${s.name}": step ${step.index}`);
    const probes: Record<string, Json> = {};
    for (const k of Object.keys(step.expect.state ?? {}))
      probes[k] = jsonValue(readProbe(sys, win, k));
    const { got, diff } = compare(step, obs, probes);
    return {
      index: step.index,
      action: step.spec.action,
      passed: diff.length === 0,
      got,
      expected: step.expect.raw,
      diff,
    };
  });
  return { name: s.name, file: s.file, passed: steps.every((x) => x.passed), steps };
}

/** Reads every file first: a format error in any of them stops the run before anything executes. */
export function loadAll(files: readonly { path: string; shownAs: string }[]): Scenario[] {
  return files.flatMap((f) => readScenarioFile(f.path, f.shownAs));
}

export function runScenarios(scenarios: readonly Scenario[]): RunResult {
  const results = scenarios.map(runScenario);
  const steps = results.flatMap((r) => r.steps);
  return {
    passed: steps.filter((x) => x.passed).length,
    failed: steps.filter((x) => !x.passed).length,
    scenarios: results,
  };
}

export function formatText(r: RunResult): string {
  const lines: string[] = [];
  for (const s of r.scenarios) {
    for (const st of s.steps)
      if (!st.passed)
        lines.push(
          `FAIL ${s.file}: scenario "${s.name}": step ${st.index} (${st.action}): ${st.diff.join("; ")}`,
        );
  }
  lines.push(`${r.passed} passed, ${r.failed} failed`);
  return lines.join("\n");
}

export { ScenarioFormatError };
