/**
 * The simulator process runs from one esbuild bundle of server/main.ts, kept in the cache
 * and rebuilt whenever a file it was built from changed size or time (the list comes from
 * esbuild's metafile), so it starts in a fraction of a second instead of transpiling its
 * sources at every `sim exec`. Written to a temporary name and renamed, so a concurrent run
 * never starts a half-written bundle.
 */
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PACKAGE_ROOT } from "../../util/package-root.js";

const ENTRY = join(PACKAGE_ROOT, "src", "sim", "exec", "server", "main.ts");

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

/** The bundle's path, building it first when it is missing or stale. */
export function serverBundle(cacheRoot: string): string {
  // One per checkout: two checkouts sharing the cache must not rebuild each other's.
  const dir = join(
    cacheRoot,
    "server",
    createHash("sha256").update(PACKAGE_ROOT).digest("hex").slice(0, 12),
  );
  const bundle = join(dir, "sim-server.cjs");
  const list = join(dir, "sim-server.inputs.json");
  if (fresh(bundle, list)) return bundle;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const result = buildSync({
    entryPoints: [ENTRY],
    absWorkingDir: PACKAGE_ROOT,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    metafile: true,
    outfile: bundle,
    logLevel: "silent",
    define: { "import.meta.url": "__simServerUrl" },
    banner: { js: 'const __simServerUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  const inputs: Input[] = Object.keys(result.metafile.inputs).map((f) => {
    const s = statSync(join(PACKAGE_ROOT, f));
    return [relative(PACKAGE_ROOT, join(PACKAGE_ROOT, f)), s.size, s.mtimeMs];
  });
  writeAtomically(bundle, result.outputFiles[0]!.contents);
  // A source saved while esbuild read it: leave the list out, so the next run builds again.
  if (inputs.every(([, , mtimeMs]) => mtimeMs < started))
    writeAtomically(list, JSON.stringify(inputs));
  return bundle;
}
