/**
 * What counts as a finding: an internal error (exit status 70, a stack trace in any output,
 * a crash of the process running the case), a run over the time limit, memory over the
 * limit, and a diagnostic without a position (a JSON diagnostic without `loc`, or a text
 * diagnostic line `severity: message [code]` without `file:line:col:` before it).
 */
import type { CommandRun, Finding, Limits, Observation } from "./types.js";

const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const TEXT_DIAGNOSTIC = /^(.*?)(error|warning|info): .* \[[a-z0-9/-]+\]$/;
const POSITION = /:\d+:\d+: $/;

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim()) ?? "";
}

/** Diagnostics of a run without a position, as lines of text. */
function unpositioned(run: CommandRun): string[] {
  const found: string[] = [];
  const json = run.argv.includes("--format") && run.argv.includes("json");
  if (json && run.out.trim().startsWith("{")) {
    try {
      const report = JSON.parse(run.out) as { diagnostics?: { loc?: unknown; message: string }[] };
      for (const d of report.diagnostics ?? []) if (!d.loc) found.push(d.message);
    } catch {
      found.push("the JSON report does not parse");
    }
  }
  // Text diagnostics go to stderr (stdout holds reports and generated text).
  for (const line of run.err.split("\n")) {
    const m = TEXT_DIAGNOSTIC.exec(line);
    if (m && !POSITION.test(m[1]!)) found.push(line);
  }
  return found;
}

/** Findings in what a case printed: internal errors and diagnostics without a position. */
export function contentFindings(o: Pick<Observation, "runs" | "crash" | "problems">): Finding[] {
  const out: Finding[] = [];
  if (o.crash) out.push({ kind: "internal", detail: firstLine(o.crash) });
  for (const p of o.problems ?? []) out.push({ kind: "internal", detail: p });
  for (const run of o.runs) {
    const command = run.argv.slice(0, 2).join(" ");
    // stderr only: stdout can be an imported header, whose comments may say anything.
    const err = run.err;
    if (run.exit === 70 || STACK_FRAME.test(err) || /internal error/.test(err)) {
      const at = err.indexOf("internal error");
      out.push({
        kind: "internal",
        detail: `${command}: exit ${run.exit}: ${firstLine(at >= 0 ? err.slice(at) : err)}`,
      });
    }
    for (const d of unpositioned(run))
      out.push({ kind: "unpositioned", detail: `${command}: ${d.slice(0, 200)}` });
  }
  return out;
}

/** Findings in how long the case ran and how much memory it held. */
export function resourceFindings(o: Observation, limits: Limits): Finding[] {
  const out: Finding[] = [];
  if (o.timedOut)
    out.push({ kind: "timeout", detail: `still running after ${(o.ms / 1000).toFixed(1)} s` });
  else if (o.cpuMs > limits.caseMs)
    out.push({ kind: "timeout", detail: `ran ${(o.cpuMs / 1000).toFixed(1)} s of processor time` });
  if (o.peakRssBytes > limits.memoryBytes)
    out.push({ kind: "memory", detail: `peak ${(o.peakRssBytes / 1024 ** 2).toFixed(0)} MiB` });
  return out;
}

/** Whether `f` is the same finding as `target`, for minimising. */
export function sameFinding(f: Finding, target: Finding): boolean {
  if (f.kind !== target.kind) return false;
  if (f.kind === "timeout" || f.kind === "memory") return true;
  // The message, without positions and numbers that move as the input shrinks.
  const key = (d: string) => d.replace(/\d+/g, "#").slice(0, 120);
  return key(f.detail) === key(target.detail);
}
