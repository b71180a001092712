// The CLI bundle (build/bundle.js) and the V8 code cache (build/code-cache.cjs) that make
// `uapi-gen` start fast: a stale bundle must never run, and a bad cache must never matter.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** A checkout of its own (sources copied, node_modules shared), so builds here touch nothing. */
function checkout(): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-bundle-"));
  for (const part of ["bin", "build", "src", "generators", "out", "docs", "package.json"])
    cpSync(part, join(dir, part), { recursive: true });
  symlinkSync(resolve("node_modules"), join(dir, "node_modules"));
  return dir;
}

function cli(root: string, args: string[]) {
  return spawnSync(process.execPath, [join(root, "bin", "uapi-gen.js"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
}

describe("CLI bundle", () => {
  it("is built on first use, then reused, and rebuilt when a source changes", async () => {
    const root = checkout();
    const first = cli(root, ["--help"]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain("usage: uapi-gen <command>");
    const bundle = join(root, "dist", "uapi-gen.cjs");
    const { bundleIsFresh } = await import(join(root, "build", "bundle.js"));
    expect(bundleIsFresh(root)).toBe(true);

    const main = join(root, "src", "cli", "main.ts");
    writeFileSync(
      main,
      readFileSync(main, "utf8").replace("usage: $0 <command>", "usage: edited <command>"),
    );
    expect(bundleIsFresh(root)).toBe(false);
    const second = cli(root, ["--help"]);
    expect(second.stdout).toContain("usage: edited <command>");
    expect(readFileSync(bundle, "utf8")).toContain("usage: edited");
    expect(bundleIsFresh(root)).toBe(true);
  });

  it("falls back to the sources when the bundle cannot be built, reporting the real error", () => {
    const root = checkout();
    writeFileSync(join(root, "src", "cli", "usage.ts"), "export const = ;\n");
    const r = cli(root, ["--help"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/usage\.ts/);
    expect(existsSync(join(root, "dist", "uapi-gen.cjs"))).toBe(false);
  });

  it("finds docs and package.json from inside the bundle", () => {
    const r = cli(process.cwd(), ["lint", "--format", "sarif", "uapi-defs/iommufd.ts"]);
    expect(r.status).toBe(0);
    const sarif = JSON.parse(r.stdout);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.semanticVersion).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
    expect(driver.rules.every((rule: { fullDescription?: object }) => rule.fullDescription)).toBe(
      true,
    );
  });
});

describe("code cache", () => {
  function load(dir: string) {
    const script = `
      const { requireWithCodeCache } = require(${JSON.stringify(join(dir, "build", "code-cache.cjs"))});
      const m = requireWithCodeCache(${JSON.stringify(join(dir, "lib", "sum.cjs"))});
      console.log(m.sum(2, 3), typeof m.later, m.sign);`;
    return spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  }

  it("writes a cache at exit, uses it next time, and survives a corrupt one", () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-cache-"));
    cpSync("build", join(dir, "build"), { recursive: true });
    mkdirSync(join(dir, "lib"));
    writeFileSync(
      join(dir, "lib", "sum.cjs"),
      "exports.sum = (a, b) => a + b;\nexports.later = () => import('node:os');\nexports.sign = '≥';\n",
    );
    const cacheDir = join(dir, "node_modules", ".cache", "uapi-gen");
    expect(load(dir).stdout.trim()).toBe("5 function ≥");
    const caches = readdirSync(cacheDir);
    expect(caches).toEqual([expect.stringMatching(/^sum\.cjs\.[0-9a-f]{16}\.v8$/)]);
    expect(load(dir).stdout.trim()).toBe("5 function ≥");

    writeFileSync(join(cacheDir, caches[0]!), "not a V8 code cache");
    const r = load(dir);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("5 function ≥");
    expect(readFileSync(join(cacheDir, caches[0]!)).toString()).not.toBe("not a V8 code cache");
  });
});
