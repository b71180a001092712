/** The values of the probes a step's `expect.state` may name, read after the step. */
import type { HwptNested, Device } from "../kernel/objects.js";
import { hexWord } from "../smmu/trace.js";
import type { ScenarioSystem } from "./system.js";
import type { Json } from "./values.js";

export interface StepWindow {
  /** Where the SMMU trace stood when the step began. */
  readonly traceFrom: number;
  /** Where each VMM's records stood when the step began. */
  readonly vmmFrom: ReadonlyMap<string, { forwarded: number; handled: number }>;
}

type Probe = (sys: ScenarioSystem, win: StepWindow, owner: string) => Json;

const trace = (sys: ScenarioSystem, win: StepWindow) => sys.k.smmu.trace.slice(win.traceFrom);

/** The probes that read the SMMU's trace: a scenario that names one runs with tracing on. */
export const TRACE_PROBES: ReadonlySet<string> = new Set(["smmu.issued", "smmu.errors"]);

const SMMU: Readonly<Record<string, (sys: ScenarioSystem, win: StepWindow) => Json>> = {
  "smmu.issued": (sys, win) =>
    trace(sys, win).flatMap((e) =>
      e.event === "cmdq_exec" && e.op !== "CMD_SYNC" ? [e.words.map(hexWord)] : [],
    ),
  "smmu.errors": (sys, win) =>
    trace(sys, win).flatMap((e) => (e.event === "cmdq_error" ? [e.cerror] : [])),
  "smmu.tlb": (sys) => sys.k.smmu.caches.describe().tlb,
  "smmu.atc": (sys) => sys.k.smmu.caches.describe().atc,
  "smmu.ste": (sys) => sys.k.smmu.caches.describe().ste,
  "smmu.cd": (sys) => sys.k.smmu.caches.describe().cd,
};

const OBJECT: Readonly<Record<string, Probe>> = {
  iotlb: (sys, _w, o) => [...sys.get<HwptNested>(o).iotlb],
  flushes: (sys, _w, o) => [...sys.get<HwptNested>(o).flushes],
  cache: (sys, _w, o) => [...sys.get<Device>(o).cache],
  forwarded: (sys, win, o) =>
    (sys.existingVmm(o)?.forwarded.slice(win.vmmFrom.get(o)?.forwarded ?? 0) ?? []).map((r) => ({
      ...r,
    })),
  handled: (sys, win, o) =>
    sys.existingVmm(o)?.handled.slice(win.vmmFrom.get(o)?.handled ?? 0) ?? [],
};

export function readProbe(sys: ScenarioSystem, win: StepWindow, probe: string): Json {
  const smmu = SMMU[probe];
  if (smmu) return smmu(sys, win);
  const dot = probe.lastIndexOf(".");
  return OBJECT[probe.slice(dot + 1)]!(sys, win, probe.slice(0, dot));
}
