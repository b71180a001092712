/**
 * capable(CAP_*) for the process making a call: its effective capability set, as
 * /proc/<pid>/status shows it. Without a process (a scenario), the caller is privileged.
 */
import { readFileSync } from "node:fs";

export function processCapable(pid: number | undefined, cap: number): boolean {
  if (pid === undefined) return true;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "latin1");
    const eff = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
    return eff !== null && ((BigInt(`0x${eff[1]}`) >> BigInt(cap)) & 1n) === 1n;
  } catch {
    return false;
  }
}
