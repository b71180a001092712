// The all-or-nothing write of `generate`: links never followed out of the folder, a failure
// at any file puts every old file back, and one writer at a time.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutputError, planWrites, writeAtomically } from "../../src/util/atomic-write.js";
import { LOCK_NAME } from "../../src/util/output-lock.js";
import { pendingWrites } from "../../src/util/write-journal.js";
import { holds, oldAndNew, snapshot } from "./sets.js";

const sets = oldAndNew();
/** fsync is for power cuts; one test below keeps it. */
const NO_SYNC = { sync: false };
let tmp: string;
let out: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), "uapi-gen-write-"));
  out = join(tmp, "out");
  writeAtomically(out, sets.old, { sync: false });
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const fail = (at: string) => (step: string) => {
  if (step === at) throw new Error(`injected failure at ${step}`);
};

describe("all or nothing", () => {
  it("puts every old file back when a rename fails halfway, and leaves no temporary", () => {
    const target = sets.new[10]!.path;
    expect(() =>
      writeAtomically(out, sets.new, { ...NO_SYNC, step: fail(`apply ${target}`) }),
    ).toThrow(/injected failure/);
    expect(holds(out, sets.old)).toBe(true);
    expect(snapshot(out).temporary).toEqual([]);
    // New files created before the failure are gone too.
    expect(existsSync(join(out, "c/linux/everything.h"))).toBe(false);
  });

  it("refuses an output path that is a folder before changing anything", () => {
    mkdirSync(join(out, "ts/everything.ts"));
    expect(() => writeAtomically(out, sets.new, NO_SYNC)).toThrow(
      /ts\/everything.ts .* is not a file/,
    );
    rmSync(join(out, "ts/everything.ts"), { recursive: true });
    expect(holds(out, sets.old)).toBe(true);
    expect(snapshot(out).temporary).toEqual([]);
  });

  it("writes only files whose content changed (with fsync)", () => {
    const r = writeAtomically(out, sets.old);
    expect(r.plan.changed).toEqual([]);
  });
});

describe("links", () => {
  it("never follows a folder link out of the output folder", () => {
    const outside = join(tmp, "outside");
    mkdirSync(outside);
    rmSync(join(out, "c/checks"), { recursive: true });
    symlinkSync(outside, join(out, "c/checks"));
    expect(() => writeAtomically(out, sets.new, NO_SYNC)).toThrow(
      /c\/checks .* is a symbolic link/,
    );
    expect(() => planWrites(out, sets.new)).toThrow(OutputError);
    expect(snapshot(outside).files.size).toBe(0);
  });

  it("replaces a file link with a file, leaving its target alone", () => {
    const victim = join(tmp, "victim");
    writeFileSync(victim, "keep me\n");
    rmSync(join(out, "c/linux/iommufd.h"));
    symlinkSync(victim, join(out, "c/linux/iommufd.h"));
    writeAtomically(out, sets.new, NO_SYNC);
    expect(readFileSync(victim, "utf8")).toBe("keep me\n");
    expect(lstatSync(join(out, "c/linux/iommufd.h")).isFile()).toBe(true);
    expect(holds(out, sets.new)).toBe(true);
  });

  it("stages under names nobody can predict, made exclusively", () => {
    const staged: string[] = [];
    const spy = (step: string) => {
      if (step === "commit") staged.push(...pendingWrites(out).map((p) => p.stage));
    };
    writeAtomically(out, sets.new, { ...NO_SYNC, step: spy });
    writeAtomically(out, sets.old, { ...NO_SYNC, step: spy });
    expect(staged).toHaveLength(2);
    expect(staged[0]).not.toBe(staged[1]);
    for (const s of staged) expect(s).toMatch(/\/\.uapi-gen-write-[A-Za-z0-9]{6}$/);
  });
});

describe("the output folder", () => {
  it("refuses to write while another live process holds the folder", () => {
    writeFileSync(join(out, LOCK_NAME), `${process.pid}\n`);
    expect(() => writeAtomically(out, sets.new, NO_SYNC)).toThrow(
      /another uapi-gen \(process \d+\)/,
    );
    expect(holds(out, sets.old)).toBe(true);
  });

  it("takes over the lock of a process that is gone", () => {
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(join(out, LOCK_NAME), `${dead}\n`);
    writeAtomically(out, sets.new, NO_SYNC);
    expect(holds(out, sets.new)).toBe(true);
    expect(snapshot(out).temporary).toEqual([]);
  });

  it("fails fast on an output folder that cannot be made (/proc/self/x)", () => {
    const t0 = performance.now();
    expect(() => writeAtomically("/proc/self/x", sets.new, NO_SYNC)).toThrow(
      /cannot write \/proc\/self\/x/,
    );
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
