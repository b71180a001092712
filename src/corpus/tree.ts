/**
 * Runs one check over every `linux/*.h` of a kernel series' installed headers (the corpus of
 * scripts/corpus.sh), spread over worker processes: the parent starts `workers` copies of the
 * calling script with `--worker k/n`, each checks every n-th header and prints one JSON line
 * per header; the parent gathers the lines. Each worker has a time limit.
 */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { corpusHeaders, type HeaderSeries } from "../util/corpus.js";

export interface TreeOptions {
  readonly series: HeaderSeries;
  /** Only headers whose file name contains one of these (all when empty). */
  readonly only: readonly string[];
  readonly workers: number;
}

/**
 * The headers of the tree, sorted, and the include root that reads them as each ABI's
 * compiler does (the tree's `<triple>/asm/` folders for each ABI).
 */
export function treeOf(series: HeaderSeries): { headers: string[]; sysroot: string } {
  const root = corpusHeaders(series);
  const headers = readdirSync(join(root, "linux"))
    .filter((f) => f.endsWith(".h"))
    .sort()
    .map((f) => join(root, "linux", f));
  return { headers, sysroot: root };
}

/** `--series 7.2 --only foo.h --workers 2 --worker k/n` and what the caller adds. */
export function parseTreeArgs(argv: readonly string[]): TreeOptions & {
  worker?: { k: number; n: number };
  rest: string[];
} {
  let series: HeaderSeries = "7.2";
  const only: string[] = [];
  let workers = Math.max(1, Math.min(2, availableParallelism()));
  let worker: { k: number; n: number } | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--series") series = value() as HeaderSeries;
    else if (a === "--only") only.push(value());
    else if (a === "--workers") workers = Math.max(1, Number(value()) || 1);
    else if (a === "--worker") {
      const [k, n] = value().split("/").map(Number);
      worker = { k: k!, n: n! };
    } else rest.push(a);
  }
  return { series, only, workers, ...(worker ? { worker } : {}), rest };
}

/** In a worker: the headers it checks. */
export function workerHeaders(options: TreeOptions & { worker: { k: number; n: number } }): {
  headers: string[];
  sysroot: string;
} {
  const tree = treeOf(options.series);
  const mine = tree.headers.filter(
    (h, i) =>
      i % options.worker.n === options.worker.k &&
      (!options.only.length || options.only.some((o) => h.endsWith(`/${o}`) || h.includes(o))),
  );
  return { headers: mine, sysroot: tree.sysroot };
}

/** In the parent: runs the workers of `script` and returns every JSON line they print. */
export async function runWorkers<T>(
  script: string,
  options: TreeOptions,
  timeoutMs: number,
): Promise<T[]> {
  const args = (k: number) => [
    "--conditions=uapi-gen-source",
    "--import",
    "tsx",
    script,
    "--series",
    options.series,
    ...options.only.flatMap((o) => ["--only", o]),
    "--worker",
    `${k}/${options.workers}`,
  ];
  const runs = Array.from({ length: options.workers }, (_, k) => runOne<T>(args(k), timeoutMs));
  return (await Promise.all(runs)).flat();
}

function runOne<T>(args: string[], timeoutMs: number): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      stdio: ["ignore", "pipe", "inherit"],
      timeout: timeoutMs,
      killSignal: "SIGKILL",
    });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => (out += d));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code !== 0)
        return reject(
          new Error(`worker ${args.at(-1)} ${signal ? `killed (${signal})` : `exit ${code}`}`),
        );
      resolve(
        out
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as T),
      );
    });
  });
}
