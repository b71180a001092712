// `generate` killed with SIGKILL at 50 points of its write: the output folder always holds the
// complete old set of files or, once the next run has recovered it, the complete new one, and
// the next run leaves no temporary file. The writing process is real and killed from outside.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planWrites, recoverWrites, writeAtomically } from "../../src/util/atomic-write.js";
import { pendingWrites } from "../../src/util/write-journal.js";
import { lockOutput } from "../../src/util/output-lock.js";
import { holds, matches, oldAndNew, snapshot, type FileSet } from "./sets.js";

let tmp: string;
let child: string;
let sets: { old: FileSet[]; new: FileSet[] };
let template: string;
let newSetFile: string;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "uapi-gen-kill-"));
  sets = oldAndNew();
  template = join(tmp, "template");
  mkdirSync(template);
  writeAtomically(template, sets.old, { sync: false });
  newSetFile = join(tmp, "new.json");
  writeFileSync(newSetFile, JSON.stringify(sets.new));
  // One small bundle, so each killed process starts in tens of milliseconds.
  child = join(tmp, "child.mjs");
  await build({
    entryPoints: [join(import.meta.dirname, "kill-child.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: child,
    logLevel: "silent",
  });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the write into `dir`; kills it at step number `killAt` (never when undefined). */
function run(dir: string, killAt?: number): Promise<{ steps: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, dir, newSetFile, String(killAt ?? 0)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const steps: string[] = [];
    let killed = false;
    createInterface({ input: p.stdout }).on("line", (line) => {
      if (line === "done") return;
      steps.push(line);
      // The child now waits at this step: the kill lands exactly there.
      if (steps.length === killAt) {
        killed = true;
        p.kill("SIGKILL");
      }
    });
    p.on("error", reject);
    p.on("exit", (code) =>
      killed || code === 0 ? resolve({ steps, killed }) : reject(new Error(`exit ${code}`)),
    );
  });
}

function folderWithOldSet(name: string): string {
  const dir = join(tmp, name);
  cpSync(template, dir, { recursive: true });
  return dir;
}

/** Kills a run at `killAt` and checks the folder then, after recovery and after the next run. */
async function killAndCheck(killAt: number, steps: readonly string[]): Promise<"old" | "new"> {
  const dir = folderWithOldSet(`kill-${killAt}`);
  const at = `killed at step ${killAt}, ${steps[killAt - 1]}`;
  expect((await run(dir, killAt)).killed, at).toBe(true);
  // Until the journal is committed, nothing of the old set has changed.
  if (!pendingWrites(dir).some((p) => p.committed)) expect(holds(dir, sets.old), at).toBe(true);
  // What the next run does first: take over the dead run's lock, then recover. The folder then
  // holds one complete set and no temporary file.
  lockOutput(dir)();
  recoverWrites(dir);
  const after = snapshot(dir);
  const outcome = matches(after.files, sets.old)
    ? "old"
    : matches(after.files, sets.new)
      ? "new"
      : "mixed";
  expect(outcome, at).not.toBe("mixed");
  expect(after.temporary, at).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
  return outcome as "old" | "new";
}

describe("generate killed with SIGKILL", () => {
  it("always leaves the old or the new set, and no temporary file after the next run", async () => {
    expect(sets.new.length).toBeGreaterThan(sets.old.length);
    // A run to the end: how many steps there are, and that it writes the new set.
    const full = folderWithOldSet("full");
    const { steps } = await run(full);
    expect(holds(full, sets.new)).toBe(true);
    expect(snapshot(full).temporary).toEqual([]);
    expect(steps.length).toBeGreaterThanOrEqual(50);

    const points = Array.from({ length: 50 }, (_, i) => 1 + Math.floor((i * steps.length) / 50));
    const outcomes = { old: 0, new: 0 };
    // Three at a time: most of a run is starting node.
    for (let i = 0; i < points.length; i += 3) {
      const results = await Promise.all(points.slice(i, i + 3).map((k) => killAndCheck(k, steps)));
      for (const r of results) outcomes[r]++;
    }
    // Kills before and after the commit point were both exercised.
    expect(outcomes.old).toBeGreaterThan(5);
    expect(outcomes.new).toBeGreaterThan(5);
  });

  it("leaves a killed write for --check to report and the next write to complete", async () => {
    const dir = folderWithOldSet("interrupted");
    const { steps } = await run(folderWithOldSet("count"));
    const afterCommit = steps.findIndex((s) => s.startsWith("apply ")) + 2;
    await run(dir, afterCommit);
    expect(planWrites(dir, sets.new).interrupted).toBe(true);
    expect(holds(dir, sets.old) || holds(dir, sets.new)).toBe(false);
    const { notes } = writeAtomically(dir, sets.new, { sync: false });
    expect(notes).toEqual([expect.stringMatching(/^completed an interrupted write of \d+ file/)]);
    expect(holds(dir, sets.new)).toBe(true);
    expect(planWrites(dir, sets.new).interrupted).toBe(false);
  });
});
