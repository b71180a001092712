/**
 * dist/uapi-gen.cjs: the CLI as one esbuild bundle of src/ and generators/, which
 * bin/uapi-gen.js runs. Transpiling ~200 modules through tsx at every start cost about a
 * second; the bundle, compiled through a V8 code cache, starts in a fraction of that.
 *
 * The bundle is rebuilt whenever one of the files it was built from (esbuild's metafile lists
 * them) differs in size or time from the build, so editing src/ never runs stale code. One
 * CommonJS file rather than ESM chunks, because only CommonJS can be handed a code cache on
 * Node 20; the subcommands' dynamic imports become lazily run module bodies inside it.
 */
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BUNDLE = join(ROOT, "dist", "uapi-gen.cjs");
const INPUTS = join(ROOT, "dist", "uapi-gen.inputs.json");
const ENTRY = join(ROOT, "src", "cli", "main.ts");
/** This file configures the build: a change to it is a change to every output. */
const SELF = fileURLToPath(import.meta.url);

const require = createRequire(import.meta.url);

/** The CLI's `main`, from the bundle, building it first when it is missing or stale. */
export async function loadMainFromBundle() {
  if (!bundleIsFresh()) await buildBundle();
  return require("./code-cache.cjs").requireWithCodeCache(BUNDLE).main;
}

export function bundleIsFresh() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(INPUTS, "utf8"));
    statSync(BUNDLE);
  } catch {
    return false;
  }
  return recorded.every(([file, size, mtimeMs]) => {
    try {
      const s = statSync(join(ROOT, file));
      return s.size === size && s.mtimeMs === mtimeMs;
    } catch {
      return false;
    }
  });
}

export async function buildBundle() {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    write: false,
    metafile: true,
    outfile: BUNDLE,
    logLevel: "silent",
    // Sources find the package root from their own URL; in the bundle that is the bundle's.
    define: { "import.meta.url": "__uapiGenBundleUrl" },
    banner: {
      js: 'const __uapiGenBundleUrl = require("node:url").pathToFileURL(__filename).href;',
    },
    plugins: [
      {
        name: "typescript-only",
        setup(build) {
          build.onResolve({ filter: /^ts-morph$/ }, () => ({
            path: "../build/typescript.cjs",
            external: true,
          }));
        },
      },
    ],
  });
  await esbuild.stop();
  const inputs = [...Object.keys(result.metafile.inputs).map((f) => join(ROOT, f)), SELF].map(
    (file) => {
      const s = statSync(file);
      return [relative(ROOT, file), s.size, s.mtimeMs];
    },
  );
  mkdirSync(dirname(BUNDLE), { recursive: true });
  // The inputs list goes last: a build cut short leaves it naming the old state, so the next
  // start builds again instead of trusting a half-written bundle.
  writeAtomically(BUNDLE, result.outputFiles[0].contents);
  writeAtomically(INPUTS, JSON.stringify(inputs));
}

function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
