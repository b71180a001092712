// `lint --against` loads the baseline in a worker thread when run from the CLI bundle
// (src/lint/compat/baseline-worker.ts): the findings must be exactly those of loading it in line.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runBaselineTask } from "../../src/lint/compat/baseline-worker.js";
import { readBaselineOfFiles } from "../../src/lint/compat/baseline.js";
import { run } from "./cli-helpers.js";

const BIN = resolve("bin/uapi-gen.js");

/** The shipped definitions committed, then a struct field, an ioctl number and a flag edited. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-worker-"));
  cpSync("uapi-defs", join(dir, "uapi-defs"), { recursive: true });
  const git = (...args: string[]) =>
    spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", ...args], { cwd: dir });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "old");
  const file = join(dir, "uapi-defs", "iommufd.ts");
  writeFileSync(
    file,
    readFileSync(file, "utf8")
      .replace('npages: { type: "__aligned_u64"', 'npages: { type: "__u32"')
      .replace('nr: "IOMMUFD_CMD_HWPT_INVALIDATE"', 'nr: "IOMMUFD_CMD_HWPT_ALLOC"'),
  );
  return dir;
}

/** Maps become entry lists, so two models compare with toEqual whatever their identity. */
const plain = (v: unknown) =>
  JSON.parse(JSON.stringify(v, (_k, x) => (x instanceof Map ? [...x.entries()] : x)));

describe("baseline in a worker", () => {
  const dir = repository();

  it("answers with a baseline that survives the structured clone intact", () => {
    const files = ["iommufd.ts", "iommufd_test.ts"].map((f) => join(dir, "uapi-defs", f));
    const { port1, port2 } = new MessageChannel();
    const task = {
      against: "HEAD",
      files,
      cwd: dir,
      port: port2 as never,
      signal: new Int32Array(1),
    };
    const answer = structuredClone(runBaselineTask(task));
    port1.close();
    port2.close();
    const inline = readBaselineOfFiles("HEAD", files, dir);
    if (!("baseline" in answer) || !answer.baseline.ok || !inline.ok)
      throw new Error("no baseline");
    expect(answer.files).toEqual(files);
    expect(plain(answer.baseline.input.model)).toEqual(plain(inline.input.model));
    expect(answer.baseline.input.primary.map((m) => m.name)).toEqual(["iommufd", "iommufd_test"]);
  });

  it("gives the CLI the same findings as loading in line, and the in-process run", async () => {
    const hook = join(dir, "count-workers.cjs");
    writeFileSync(
      hook,
      `const wt = require("node:worker_threads");
       if (wt.isMainThread) { const W = wt.Worker;
         wt.Worker = class extends W { constructor(...a) { super(...a); process.stderr.write("[worker]\\n"); } }; }`,
    );
    const cli = (env: Record<string, string>) =>
      spawnSync(
        process.execPath,
        ["-r", hook, BIN, "lint", "--against", "HEAD", "--format", "json"],
        {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, ...env },
        },
      );
    const threaded = cli({});
    const single = cli({ UAPI_GEN_NO_WORKERS: "1" });
    expect(threaded.stderr).toContain("[worker]");
    expect(single.stderr).not.toContain("[worker]");
    expect(threaded.status).toBe(1);
    expect(threaded.stdout).toBe(single.stdout);
    const codes = JSON.parse(threaded.stdout).diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(expect.arrayContaining(["ioctl-number-stable", "field-same-type"]));
    const inProcess = await run(["lint", "--against", "HEAD", "--format", "json"], dir);
    expect(inProcess.out.trim()).toBe(threaded.stdout.trim());
  });
});
