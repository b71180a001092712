// A conformance run that would run nothing is a usage error, and a sanitizer run without the
// native compiler is MISSING, never "ok" (issue 15).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { which } from "../../src/conform/exec.js";
import { HOLES, ROOT } from "./helpers.js";

function io() {
  const err: string[] = [];
  return { io: { out: () => {}, err: (t: string) => void err.push(t), cwd: ROOT }, err };
}

describe("conform options", () => {
  it.each([
    [["--abi", ""], /--abi names no ABI/],
    [["--abi", ","], /--abi names no ABI/],
    [["--checks", ""], /--checks names no check/],
    [["--checks", "fuzz", "--fuzz", "0"], /runs nothing/],
  ])("%j is a usage error, not an empty success", async (args, message) => {
    const c = io();
    expect(await main(["conform", ...HOLES, ...args, "--progress", "none"], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(message);
  });

  it("reports sanitize as MISSING when the native gcc is not there", () => {
    const bin = mkdtempSync(join(tmpdir(), "uapi-gen-path-"));
    symlinkSync(process.execPath, join(bin, "node"));
    symlinkSync(which("clang-19")!, join(bin, "clang-19"));
    const args = ["--abi", "x86_64", "--checks", "sanitize", "--progress", "none"];
    const r = spawnSync(
      process.execPath,
      [join(ROOT, "bin/uapi-gen.js"), "conform", ...HOLES, ...args],
      { env: { ...process.env, PATH: bin }, encoding: "utf8", cwd: ROOT },
    );
    rmSync(bin, { recursive: true, force: true });
    expect(r.stdout).toMatch(/x86_64\s+MISSING/);
    expect(r.stdout).toContain("sanitize MISSING: install gcc libc6-dev (x86_64)");
    expect(r.status).toBe(1);
  });
});
