// The package as a user gets it: `npm pack` (which builds dist/), installed into a new project
// offline (npm ci from a lockfile whose dependencies are those of this checkout, already in
// npm's cache), then the installed command, plain Node ESM, and a strict TypeScript consumer.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { RUNTIME_DOC_OUTPUT, runtimeDocExample } from "../runtime/doc-example.js";

const ROOT = resolve(".");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

function run(command: string, args: string[], options: SpawnSyncOptions & { cwd: string }) {
  const r = spawnSync(command, args, { encoding: "utf8", timeout: 120_000, ...options });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function must(r: ReturnType<typeof run>, what: string) {
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r;
}

/** `npm pack` in a copy of the checkout, so that rebuilding dist/ disturbs no other test. */
function pack(): string {
  const copy = mkdtempSync(join(tmpdir(), "uapi-gen-pack-"));
  for (const part of ["bin", "build", "src", "generators", "out", "docs", "README.md"])
    cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  for (const f of ["package.json", "tsconfig.json", "tsconfig.build.json"])
    cpSync(join(ROOT, f), join(copy, f));
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  const out = must(
    run("npm", ["pack", "--silent", "--pack-destination", copy], { cwd: copy }),
    "npm pack",
  );
  return join(copy, out.stdout.trim().split("\n").at(-1)!);
}

/**
 * A project depending on the tarball, with a lockfile naming the same versions of the
 * package's dependencies as this checkout's lockfile: `npm ci --offline` then installs from
 * npm's cache alone, as `npm ci` filled it.
 */
function project(tarball: string): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-consumer-"));
  cpSync(tarball, join(dir, "uapi-gen.tgz"));
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const packages: Record<string, unknown> = {};
  const todo = Object.keys(PKG.dependencies);
  for (let name; (name = todo.pop()) !== undefined;) {
    if (packages[`node_modules/${name}`]) continue;
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry) throw new Error(`${name} is not in package-lock.json at the top level`);
    const { dev: _dev, devOptional: _devOptional, ...kept } = entry;
    packages[`node_modules/${name}`] = kept;
    todo.push(...Object.keys(entry.dependencies ?? {}));
  }
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  const manifest = {
    name: "consumer",
    private: true,
    type: "module",
    dependencies: { "uapi-gen": "file:uapi-gen.tgz" },
  };
  packages[""] = { name: "consumer", dependencies: manifest.dependencies };
  packages["node_modules/uapi-gen"] = {
    version: PKG.version,
    resolved: "file:uapi-gen.tgz",
    integrity,
    license: PKG.license,
    dependencies: PKG.dependencies,
    bin: PKG.bin,
    engines: PKG.engines,
  };
  writeFileSync(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(dir, "package-lock.json"),
    JSON.stringify({ name: "consumer", lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  must(
    run("npm", ["ci", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: dir }),
    "npm ci",
  );
  return dir;
}

const HOLE = `import { struct } from "uapi-gen/dsl";

export const demo = struct({
  doc: "A struct with a hole.",
  fields: {
    a: { type: "__u32", doc: "A." },
    b: { type: "__aligned_u64", doc: "B." },
  },
});
`;

/** Every file of the installed package, to show that running it builds nothing there. */
function installed(dir: string): string[] {
  return readdirSync(join(dir, "node_modules", "uapi-gen"), { recursive: true })
    .map(String)
    .sort();
}

describe("the npm package", () => {
  it("installs, runs every command twice alike, and serves JavaScript with strict types", () => {
    const dir = project(pack());
    const before = installed(dir);
    expect(before).not.toContain(join("src", "cli", "main.ts"));
    // XDG_CACHE_HOME: the code cache of a fresh machine, kept out of the real one.
    const env = { ...process.env, XDG_CACHE_HOME: join(dir, ".cache"), NO_COLOR: "1" };
    expect(
      must(run("npx", ["--no-install", "uapi-gen", "--version"], { cwd: dir, env }), "npx").stdout,
    ).toBe(`${PKG.version}\n`);
    // The rest through the same command npx ran (node_modules/.bin/uapi-gen), without npm's
    // own start each time.
    const uapiGen = (...args: string[]) =>
      run(join(dir, "node_modules", ".bin", "uapi-gen"), args, { cwd: dir, env });

    mkdirSync(join(dir, "uapi-defs"));
    cpSync(join(ROOT, "uapi-defs", "iommufd.ts"), join(dir, "uapi-defs", "iommufd.ts"));
    must(uapiGen("generate", "--js"), "generate --js");
    for (const f of ["iommufd.ts", "iommufd.js", "iommufd.d.ts"])
      expect(readdirSync(join(dir, "out", "ts"))).toContain(f);
    // The second run finds everything it would write already there, .js and .d.ts included.
    expect(must(uapiGen("generate", "--js", "--check"), "generate --check").stdout).toMatch(
      /^up to date: \d+ files$/m,
    );

    // --fix imports prettier: the second and later runs must behave as the first.
    const demo = join(dir, "uapi-defs", "demo.ts");
    for (const attempt of [1, 2]) {
      writeFileSync(demo, HOLE);
      const fix = uapiGen("lint", "--fix");
      expect([attempt, fix.status, fix.stderr]).toEqual([attempt, 0, `fixed: ${demo}\n`]);
    }
    expect(readFileSync(demo, "utf8")).toContain("__reserved");
    expect(uapiGen("lint")).toMatchObject({ status: 0, stdout: "\n" });

    // Plain Node ESM: the runtime and a generated module, no TypeScript anywhere.
    writeFileSync(
      join(dir, "plain.mjs"),
      `import { CodecError, ABI_NAMES } from "uapi-gen/runtime";
import { iommu_hwpt_invalidate, IOMMU_HWPT_INVALIDATE } from "./out/ts/iommufd.js";
console.log(ABI_NAMES.length, iommu_hwpt_invalidate.size("i386"), typeof IOMMU_HWPT_INVALIDATE.number, typeof CodecError);
`,
    );
    expect(must(run(process.execPath, ["plain.mjs"], { cwd: dir, env }), "plain ESM").stdout).toBe(
      "19 32 function function\n",
    );

    // A strict consumer: the docs' VMM example, type-checked against the package's and the
    // generated declarations (skipLibCheck off), then run; and a definitions module against
    // the declarations of uapi-gen/dsl.
    writeFileSync(join(dir, "consumer.ts"), runtimeDocExample());
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM"],
          types: [],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
        },
        files: ["consumer.ts", "uapi-defs/iommufd.ts"],
      }),
    );
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    must(run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: dir, env }), "tsc --strict");
    const consumer = must(run(process.execPath, ["consumer.js"], { cwd: dir, env }), "consumer");
    expect(consumer.stdout.trimEnd().split("\n")).toEqual(RUNTIME_DOC_OUTPUT);

    expect(installed(dir)).toEqual(before);
  });
});
