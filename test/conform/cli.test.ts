/** Part 5: the command line: table, JSON, exit statuses, usage errors, missing toolchains. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { ConformReport } from "../../src/conform/types.js";
import { HOLES, ROOT } from "./helpers.js";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), cwd: ROOT },
    out,
    err,
  };
}

describe("uapi-gen conform", () => {
  it("prints the ABI × check table and exits 0 when everything passes", async () => {
    const c = io();
    const code = await main(
      [
        "conform",
        ...HOLES,
        "--abi",
        "x86_64,m68k",
        "--checks",
        "compile,fuzz,pahole",
        "--fuzz",
        "20",
        "--progress",
        "plain",
      ],
      c.io,
    );
    const text = c.out.join("");
    expect(code, text).toBe(0);
    expect(text).toMatch(/^ABI\s+compile\s+fuzz\s+pahole\n/);
    expect(text).toMatch(/\nm68k\s+pass\s+pass\s+pass\n/);
    expect(text).toMatch(/conform: ok: 6 passed, 0 failed/);
    expect(c.err.join("\n")).toMatch(/\[1\/6\] \S+\s+\S+\s+pass/); // plain progress lines
  });

  it("--format json gives the report", async () => {
    const c = io();
    const code = await main(
      [
        "conform",
        ...HOLES,
        "--abi",
        "i386",
        "--checks",
        "compile,roundtrip,sanitize",
        "--format",
        "json",
        "--progress",
        "none",
      ],
      c.io,
    );
    const report = JSON.parse(c.out.join("")) as ConformReport;
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.cells.map((x) => [x.check, x.status])).toEqual([
      ["compile", "pass"],
      ["roundtrip", "pass"],
      ["sanitize", "skip"],
    ]);
  });

  it.each([
    [["--abi", "vax"], /unknown ABI 'vax'/],
    [["--checks", "lint"], /unknown check 'lint'/],
    [["--format", "xml"], /--format must be one of text, json, not "xml"/],
    [["--fuzz", "many"], /--fuzz needs a non-negative integer/],
    [["no/such/defs.ts"], /no such file/],
    [["--reference", "no/such/header.h"], /--reference no\/such\/header\.h: no such file/],
  ])("usage error %j exits 2 without a stack trace", async (args, message) => {
    const c = io();
    expect(await main(["conform", ...args], c.io)).toBe(2);
    expect(c.err.join("\n")).toMatch(message);
    expect(c.err.join("\n")).not.toMatch(/\n\s+at /);
  });

  it("bad definitions exit 2 with file:line:col", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-bad-"));
    const file = join(dir, "bad.ts");
    writeFileSync(
      file,
      'import { header, struct } from "uapi-gen/dsl";\nexport const bad = header({ name: "bad" });\nexport const s = struct({ fields: { a: { type: "__u33" } } });\n',
    );
    const c = io();
    try {
      expect(await main(["conform", file, "--progress", "none"], c.io)).toBe(2);
      expect(c.err.join("\n")).toMatch(/bad\.ts:3:\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a missing toolchain is reported with its Debian package and fails unless allowed", () => {
    // PATH with node only: no compiler, no qemu, no pahole.
    const bin = mkdtempSync(join(tmpdir(), "uapi-gen-path-"));
    symlinkSync(process.execPath, join(bin, "node"));
    const env = { ...process.env, PATH: bin };
    const args = [
      join(ROOT, "bin/uapi-gen.js"),
      "conform",
      ...HOLES,
      "--abi",
      "m68k,x86_64",
      "--checks",
      "compile,pahole",
      "--progress",
      "none",
    ];
    const r = spawnSync(process.execPath, args, { env, encoding: "utf8", cwd: ROOT });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/m68k\s+MISSING\s+MISSING/);
    expect(r.stdout).toContain("compile MISSING: install gcc-m68k-linux-gnu (m68k)");
    expect(r.stdout).toContain("compile MISSING: install clang-19 (x86_64)");
    expect(r.stdout).toMatch(
      /to run every check: apt-get install .*clang-19.*dwarves.*gcc-m68k-linux-gnu/,
    );
    expect(r.stdout).toMatch(/0 passed/);
    const allowed = spawnSync(process.execPath, [...args, "--allow-missing"], {
      env,
      encoding: "utf8",
      cwd: ROOT,
    });
    rmSync(bin, { recursive: true, force: true });
    expect(allowed.status).toBe(0);
  });
});
