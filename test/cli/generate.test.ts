// `uapi-gen generate` end to end: once through the real bin script, otherwise in-process
// (the same `main`, without a Node start per case).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const BIN = resolve("bin/uapi-gen.js");

function bin(args: string[], cwd = process.cwd()) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function run(args: string[], cwd = process.cwd()) {
  let stdout = "";
  let stderr = "";
  const status = await main(args, {
    out: (t) => void (stdout += t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => void (stderr += t.endsWith("\n") ? t : `${t}\n`),
    cwd,
  });
  return { status, stdout, stderr };
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-cli-"));
  cpSync("uapi-defs", join(dir, "uapi-defs"), { recursive: true });
  return dir;
}

describe("uapi-gen generate", () => {
  it("--check passes on the committed out/ and writes nothing", async () => {
    const r = bin(["generate", "--check"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^up to date: \d+ files$/m);
    expect(r.status).toBe(0);
  });

  it("--check on a stale folder lists what would change, exits 1 and writes nothing", async () => {
    const dir = project();
    const r = await run(["generate", "--check", "--out", "gen"], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("would create: gen/c/linux/iommufd.h");
    expect(r.stderr).toContain("out of date");
    expect(existsSync(join(dir, "gen"))).toBe(false);
  });

  it("writes every output, then finds it up to date, and rewrites only what changed", async () => {
    const dir = project();
    expect((await run(["generate", "--out", "gen"], dir)).status).toBe(0);
    expect(readdirSync(join(dir, "gen/c/linux"))).toEqual(
      expect.arrayContaining(["arm_smmuv3_cmdq.h", "iommufd.h", "iommufd_test.h"]),
    );
    expect((await run(["generate", "--check", "--out", "gen"], dir)).status).toBe(0);
    writeFileSync(join(dir, "gen/ts/iommufd.ts"), "// edited by hand\n");
    const again = await run(["generate", "--out", "gen"], dir);
    expect(again.stdout).toContain("updated: gen/ts/iommufd.ts");
    expect(again.stdout).toMatch(/, 1 written$/m);
    expect(readFileSync(join(dir, "gen/ts/iommufd.ts"), "utf8")).toBe(
      readFileSync("out/ts/iommufd.ts", "utf8"),
    );
    expect(readdirSync(join(dir, "gen/ts")).some((f) => f.endsWith(".tmp"))).toBe(false);
  });

  it("a definitions error is reported at file:line:col and nothing is written", async () => {
    const dir = project();
    const file = join(dir, "uapi-defs/iommufd.ts");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        'id: { type: "__u32", doc: "ID of the object to destroy, of any destroyable type." }',
        'id: { type: "__u23", doc: "x" }',
      ),
    );
    const r = await run(["generate", "--out", "gen"], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^uapi-defs\/iommufd\.ts:\d+:\d+: error: unknown type `__u23` \[defs\/invalid\]$/m,
    );
    expect(r.stderr).toContain("nothing was written");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, "gen"))).toBe(false);
  });

  it("takes a folder of definitions modules", async () => {
    const dir = project();
    const r = await run(["generate", "uapi-defs", "--check", "--out", "gen"], dir);
    expect(r.stdout).toContain("would create: gen/c/linux/arm_smmuv3_cmdq.h");
    expect(r.stdout).toContain("would create: gen/ts/iommufd_test.ts");
  });

  it("usage errors exit 2 with a message, not a stack trace", async () => {
    const bad = await run(["generate", "--frobnicate"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--frobnicate'/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const missing = await run(["generate", "no/such.ts"]);
    expect([missing.status, missing.stderr.trim().split("\n")[0]]).toEqual([
      2,
      "uapi-gen generate: no/such.ts: no such file or folder",
    ]);
    const unknown = await run(["frob"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frob'");
    expect((await run(["generate", "--help"])).stdout).toContain("usage: uapi-gen generate");
  });
});
