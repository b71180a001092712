/**
 * Resident memory of a process and every process below it (the compilers a case runs), read
 * from /proc: a sampler the pool runs while a case is in progress.
 */
import { readdirSync, readFileSync } from "node:fs";

function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function children(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    // The process is gone, or the kernel keeps no child lists: its own memory still counts.
  }
  return out;
}

/** Memory of `pid` and its descendants now, in bytes. */
export function treeRss(pid: number): number {
  let total = 0;
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    total += rssBytes(p);
    stack.push(...children(p));
  }
  return total;
}

/** Samples `treeRss(pid)` every `ms` until stopped; returns the highest sample. */
export function sampleMemory(pid: number, ms = 100): () => number {
  let peak = treeRss(pid);
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), ms);
  return () => {
    clearInterval(timer);
    return Math.max(peak, treeRss(pid));
  };
}
