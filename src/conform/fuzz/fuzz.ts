/**
 * Part 2, differential layout fuzzing: random groups are laid out by the engine and probed with
 * the ABI's real compiler in batches; a group that disagrees is minimised (fields dropped,
 * types simplified, while the compiler still disagrees) and can be saved as a fixture.
 */
import type { Abi } from "../../abi/abis.js";
import { Layouts } from "../../layout/layouts.js";
import type { Field, StructItem, TypeRef } from "../../model/ir.js";
import type { Pool } from "../exec.js";
import { compareProbe, extractNumbers, probeEntries, probeSource } from "../probe.js";
import { layoutCompiler, type Compiler } from "../toolchain.js";
import type { Finding, StepResult } from "../types.js";
import { freestandingFlags } from "../workspace.js";
import { modelOf, structItem, type Group } from "./random-model.js";
import { renderStructs } from "./render.js";

/** Values per compiler run: large enough to amortise start-up, small enough to parallelise. */
const BATCH_VALUES = 6000;

export interface FuzzContext {
  /** A folder holding c/prelude (the workspace). */
  readonly dir: string;
  readonly pool: Pool;
}

export interface GroupMismatch {
  readonly group: Group;
  readonly findings: readonly Finding[];
}

/** Probes the groups on one ABI; returns the groups that disagree, with their findings. */
export async function probeGroups(
  ctx: FuzzContext,
  abi: Abi,
  cc: Compiler,
  groups: readonly Group[],
): Promise<GroupMismatch[] | { error: string }> {
  const batches: Group[][] = [[]];
  let values = 0;
  for (const g of groups) {
    const n = g.reduce((s, i) => s + 2 + 2 * i.fields.length, 0);
    if (values + n > BATCH_VALUES && batches.at(-1)!.length) {
      batches.push([]);
      values = 0;
    }
    batches.at(-1)!.push(g);
    values += n;
  }
  const results = await Promise.all(batches.map((b) => probeBatch(ctx, abi, cc, b)));
  const error = results.find((r): r is { error: string } => "error" in r);
  return error ?? results.flatMap((r) => r as GroupMismatch[]);
}

async function probeBatch(
  ctx: FuzzContext,
  abi: Abi,
  cc: Compiler,
  groups: readonly Group[],
): Promise<GroupMismatch[] | { error: string }> {
  const model = modelOf(groups);
  const layouts = new Layouts(model);
  const items = groups.flat();
  const entries = probeEntries(items, layouts, abi);
  const extracted = await extractNumbers(
    ctx.pool,
    cc,
    probeSource(renderStructs(items, model), entries),
    freestandingFlags(ctx, abi.name),
  );
  if (!extracted.ok) return { error: extracted.error };
  const findings = compareProbe(entries, extracted.values, abi.name, "fuzz");
  const owner = new Map(groups.flatMap((g) => g.map((i) => [i.name, g] as const)));
  const byGroup = new Map<Group, Finding[]>();
  for (const f of findings) {
    const g = owner.get(f.struct ?? "");
    if (g) byGroup.set(g, [...(byGroup.get(g) ?? []), f]);
  }
  return [...byGroup].map(([group, fs]) => ({ group, findings: fs }));
}

/** One simplification of a type: the element of an array, the first member of a union. */
function simpler(t: TypeRef): TypeRef | undefined {
  if (t.kind === "array") return t.length > 1 ? { ...t, length: 1 } : t.element;
  if (t.kind === "anonUnion")
    return t.members.length > 1 ? { ...t, members: t.members.slice(0, 1) } : t.members[0]!.type;
  return undefined;
}

/** Every group one step smaller than `g`: a field fewer, or one field's type simpler. */
function* shrinks(g: Group): Generator<Group> {
  for (const [i, item] of g.entries()) {
    const replace = (fields: readonly Field[]): Group =>
      g.map((x, j) => (j === i ? structItem(item.kind, item.name, fields) : x));
    for (const [k] of item.fields.entries()) {
      if (item.fields.length > 1) yield replace(item.fields.filter((_, j) => j !== k));
    }
    for (const [k, f] of item.fields.entries()) {
      const s = simpler(f.type);
      if (s) yield replace(item.fields.map((x, j) => (j === k ? { ...f, type: s } : x)));
    }
  }
  // Drop nested types nothing refers to any more.
  const used = new Set(
    JSON.stringify(g)
      .match(/"named","name":"(\w+)"/g)
      ?.map((m) => m.split('"').at(-2)!) ?? [],
  );
  const pruned = g.filter((x, i) => i === g.length - 1 || used.has(x.name));
  if (pruned.length < g.length) yield pruned;
}

/** Greedy minimisation: take any smaller group that still disagrees, until none does. */
export async function minimise(
  ctx: FuzzContext,
  abi: Abi,
  cc: Compiler,
  start: GroupMismatch,
  budget = 400,
): Promise<GroupMismatch> {
  let best = start;
  let tries = 0;
  for (let progress = true; progress && tries < budget;) {
    progress = false;
    for (const candidate of shrinks(best.group)) {
      if (++tries > budget) break;
      const r = await probeBatch(ctx, abi, cc, [candidate]);
      if (!("error" in r) && r.length) {
        best = r[0]!;
        progress = true;
        break;
      }
    }
  }
  return best;
}

export interface FuzzAbiResult {
  readonly step: StepResult;
  readonly minimised: readonly GroupMismatch[];
}

/** The fuzz step of one ABI: probe every group, minimise up to `maxMinimise` mismatches. */
export async function fuzzAbi(
  ctx: FuzzContext,
  abi: Abi,
  groups: readonly Group[],
  maxMinimise = 3,
): Promise<FuzzAbiResult> {
  const resolved = layoutCompiler(abi);
  if (!resolved.ok)
    return {
      step: { status: "missing", detail: `install ${resolved.missing}`, install: resolved.install },
      minimised: [],
    };
  const cc = resolved.tool;
  const r = await probeGroups(ctx, abi, cc, groups);
  const structs = groups.reduce((n, g) => n + g.length, 0);
  if ("error" in r)
    return {
      step: {
        status: "fail",
        detail: "fuzz probe did not compile",
        findings: [{ abi: abi.name, check: "fuzz", message: r.error }],
      },
      minimised: [],
    };
  if (!r.length)
    return {
      step: {
        status: "pass",
        detail: `${groups.length} random definitions (${structs} structs and unions) agree with ${cc.command}`,
      },
      minimised: [],
    };
  const minimised: GroupMismatch[] = [];
  for (const m of r.slice(0, maxMinimise)) minimised.push(await minimise(ctx, abi, cc, m));
  const findings = minimised.flatMap((m) =>
    m.findings.map((f) => ({ ...f, message: `${f.message} (minimised from a random definition)` })),
  );
  return {
    step: {
      status: "fail",
      detail: `${r.length} of ${groups.length} random definitions disagree`,
      findings,
    },
    minimised,
  };
}
