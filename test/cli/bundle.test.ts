// The CLI bundle (build/bundle.js) and the V8 code cache for TypeScript's parser
// (build/code-cache.cjs) that make `uapi-gen` start fast: a stale bundle must never run, a bad
// cache must never matter, and a second run behaves as the first.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
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

function cli(root: string, args: string[], cwd = root, cache = mkdtempSync(join(tmpdir(), "c-"))) {
  return spawnSync(process.execPath, [join(root, "bin", "uapi-gen.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, XDG_CACHE_HOME: cache },
    timeout: 60_000,
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

  it("reports a source that does not compile at file:line:col and runs nothing", () => {
    const root = checkout();
    writeFileSync(join(root, "src", "cli", "usage.ts"), "export const = ;\n");
    const r = cli(root, ["--help"]);
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/src\/cli\/usage\.ts:1:\d+/);
    expect(r.stdout).toBe("");
    expect(existsSync(join(root, "dist", "uapi-gen.cjs"))).toBe(false);
  });

  it("runs `lint --fix` (which imports prettier) the same on its first and second run", () => {
    const project = mkdtempSync(join(tmpdir(), "uapi-gen-fix-"));
    mkdirSync(join(project, "uapi-defs"));
    const defs = join(project, "uapi-defs", "a.ts");
    const hole = `import { struct } from "uapi-gen/dsl";\n\nexport const s = struct({\n  doc: "S.",\n  fields: {\n    a: { type: "__u32", doc: "A." },\n    b: { type: "__aligned_u64", doc: "B." },\n  },\n});\n`;
    const cache = mkdtempSync(join(tmpdir(), "uapi-gen-cache-"));
    for (const run of [1, 2, 3]) {
      writeFileSync(defs, hole);
      const r = cli(process.cwd(), ["lint", "--fix"], project, cache);
      expect([run, r.status, r.stderr]).toEqual([run, 0, `fixed: ${defs}\n`]);
      expect(readFileSync(defs, "utf8")).toContain("__reserved");
    }
    expect(readdirSync(join(cache, "uapi-gen", "v8")).length).toBeGreaterThan(0);
  });

  it("parses with the TypeScript cut out at build time as with the whole of it", () => {
    const cut = join(process.cwd(), "dist", "typescript-parser.cjs");
    cli(process.cwd(), ["--version"]); // a fresh bundle, and its parser
    expect(statSync(cut).size).toBeLessThan(4_000_000); // typescript.js is 9 MB
    const project = mkdtempSync(join(tmpdir(), "uapi-gen-cut-"));
    cpSync("uapi-defs", join(project, "uapi-defs"), { recursive: true });
    // A syntax error too: the parser's own messages come from the cut's diagnostics table.
    writeFileSync(
      join(project, "uapi-defs", "broken.ts"),
      "export const x = struct({ a: 1,, });\n",
    );
    const full = { ...process.env, UAPI_GEN_FULL_TYPESCRIPT: "1" };
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(
        process.execPath,
        [join(process.cwd(), "bin", "uapi-gen.js"), "lint", "--format", "json"],
        {
          cwd: project,
          encoding: "utf8",
          env,
          timeout: 60_000,
        },
      );
    const withCut = run(process.env);
    expect(withCut.stdout).toContain("Property assignment expected.");
    expect(withCut.stdout).toBe(run(full).stdout);
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
    return spawnSync(process.execPath, ["-e", script], {
      encoding: "utf8",
      env: { ...process.env, XDG_CACHE_HOME: join(dir, "cache") },
      timeout: 60_000,
    });
  }

  it("writes a cache at exit, uses it next time, and survives a corrupt one", () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-cache-"));
    cpSync("build", join(dir, "build"), { recursive: true });
    mkdirSync(join(dir, "lib"));
    writeFileSync(
      join(dir, "lib", "sum.cjs"),
      "exports.sum = (a, b) => a + b;\nexports.later = () => import('node:os');\nexports.sign = '≥';\n",
    );
    const cacheDir = join(dir, "cache", "uapi-gen", "v8");
    expect(load(dir).stdout.trim()).toBe("5 function ≥");
    const caches = readdirSync(cacheDir);
    expect(caches).toEqual([expect.stringMatching(/^sum\.cjs@[0-9a-f]{16}\.[0-9a-f]{16}\.v8$/)]);
    expect(load(dir).stdout.trim()).toBe("5 function ≥");

    writeFileSync(join(cacheDir, caches[0]!), "not a V8 code cache");
    const r = load(dir);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("5 function ≥");
    expect(readFileSync(join(cacheDir, caches[0]!)).toString()).not.toBe("not a V8 code cache");
  });

  it("keeps the caches of two copies of a file (two checkouts or installs) side by side", () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-cache-"));
    cpSync("build", join(dir, "build"), { recursive: true });
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "lib", "sum.cjs"), "exports.sum = (a, b) => a + b;\n");
    const other = join(dir, "other");
    cpSync(join(dir, "lib"), join(other, "lib"), { recursive: true });
    cpSync(join(dir, "build"), join(other, "build"), { recursive: true });
    const cacheDir = join(dir, "cache", "uapi-gen", "v8");
    const copyOf = (root: string) => {
      const script = `require(${JSON.stringify(join(root, "build", "code-cache.cjs"))}).requireWithCodeCache(${JSON.stringify(join(root, "lib", "sum.cjs"))});`;
      spawnSync(process.execPath, ["-e", script], {
        env: { ...process.env, XDG_CACHE_HOME: join(dir, "cache") },
        timeout: 60_000,
      });
      return readdirSync(cacheDir).sort();
    };
    const first = copyOf(dir);
    const both = copyOf(other);
    expect(both).toHaveLength(2);
    expect(both).toContain(first[0]);
    // Each copy's next start finds its own cache: nothing is rewritten.
    const before = both.map((f) => statSync(join(cacheDir, f)).mtimeMs);
    copyOf(dir);
    copyOf(other);
    expect(readdirSync(cacheDir).sort()).toEqual(both);
    expect(both.map((f) => statSync(join(cacheDir, f)).mtimeMs)).toEqual(before);
  });

  it("keeps a cache per set of V8 flags (bin/uapi-gen.js sets one, a library user does not)", () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-cache-"));
    cpSync("build", join(dir, "build"), { recursive: true });
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "lib", "sum.cjs"), "exports.sum = (a, b) => a + b;\n");
    const cacheDir = join(dir, "cache", "uapi-gen", "v8");
    const load = (flags: string) => {
      const script = `require("node:v8").setFlagsFromString(${JSON.stringify(flags)}); require(${JSON.stringify(join(dir, "build", "code-cache.cjs"))}).requireWithCodeCache(${JSON.stringify(join(dir, "lib", "sum.cjs"))});`;
      spawnSync(process.execPath, ["-e", script], {
        env: { ...process.env, XDG_CACHE_HOME: join(dir, "cache") },
        timeout: 60_000,
      });
      return readdirSync(cacheDir)
        .sort()
        .map((f) => [f, statSync(join(cacheDir, f)).mtimeMs]);
    };
    load("--interrupt-budget=524288");
    const both = load("--interrupt-budget=67584");
    expect(both).toHaveLength(2);
    load("--interrupt-budget=524288");
    expect(load("--interrupt-budget=67584")).toEqual(both);
  });
});
