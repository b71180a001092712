/**
 * How the simulator process is started. An installed package runs its compiled form
 * (dist/src/sim/exec/server/main.js). A checkout runs an esbuild bundle of the sources, kept
 * in the cache and rebuilt whenever a file it was built from changed size or time (esbuild's
 * metafile lists them), so it starts in a fraction of a second and never runs stale code;
 * should the sources not bundle (an edit in progress), they run through tsx's loader, which
 * reports the error. The bundle is written to a temporary name and renamed, so a concurrent
 * run never starts a half-written one.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PACKAGE_ROOT } from "../../util/package-root.js";

const SOURCE = join(PACKAGE_ROOT, "src", "sim", "exec", "server", "main.ts");
const COMPILED = join(PACKAGE_ROOT, "dist", "src", "sim", "exec", "server", "main.js");

type Input = [file: string, size: number, mtimeMs: number];

function fresh(bundle: string, list: string): boolean {
  let inputs: Input[];
  try {
    inputs = JSON.parse(readFileSync(list, "utf8")) as Input[];
    statSync(bundle);
  } catch {
    return false;
  }
  return inputs.every(([file, size, mtimeMs]) => {
    try {
      const s = statSync(join(PACKAGE_ROOT, file));
      return s.size === size && s.mtimeMs === mtimeMs;
    } catch {
      return false;
    }
  });
}

function writeAtomically(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

interface Esbuild {
  buildSync(options: object): {
    metafile: { inputs: Record<string, unknown> };
    outputFiles: { contents: Uint8Array }[];
  };
}

/** The bundle of the checkout's sources, building it first when it is missing or stale. */
function sourceBundle(cacheRoot: string): string {
  // One per checkout: two checkouts sharing the cache must not rebuild each other's.
  const key = createHash("sha256").update(PACKAGE_ROOT).digest("hex").slice(0, 12);
  const dir = join(cacheRoot, "server", key);
  const bundle = join(dir, "sim-server.cjs");
  const list = join(dir, "sim-server.inputs.json");
  if (fresh(bundle, list)) return bundle;
  // esbuild is a development dependency: only a checkout has it, and only a checkout needs it.
  const esbuild = createRequire(join(PACKAGE_ROOT, "package.json"))("esbuild") as Esbuild;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const result = esbuild.buildSync({
    entryPoints: [SOURCE],
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    metafile: true,
    outfile: bundle,
    logLevel: "silent",
    conditions: ["uapi-gen-source"],
    define: { "import.meta.url": "__simServerUrl" },
    banner: { js: 'const __simServerUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  const inputs: Input[] = Object.keys(result.metafile.inputs).map((f) => {
    const s = statSync(join(PACKAGE_ROOT, f));
    return [f, s.size, s.mtimeMs];
  });
  writeAtomically(bundle, result.outputFiles[0]!.contents);
  // A source saved while esbuild read it: leave the list out, so the next run builds again.
  if (inputs.every(([, , mtimeMs]) => mtimeMs < started))
    writeAtomically(list, JSON.stringify(inputs));
  return bundle;
}

/** node's arguments (before the simulator's own) that start the simulator. */
export function serverEntry(cacheRoot: string): string[] {
  if (!existsSync(SOURCE)) return [COMPILED];
  try {
    return [sourceBundle(cacheRoot)];
  } catch {
    const require = createRequire(join(PACKAGE_ROOT, "package.json"));
    return [
      "--conditions=uapi-gen-source",
      "--import",
      pathToFileURL(require.resolve("tsx/esm")).href,
      SOURCE,
    ];
  }
}
