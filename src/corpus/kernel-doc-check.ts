/**
 * `npm run corpus:kernel-doc [-- --series 7.2 --only iommufd.h --workers 2]`: imports every
 * `linux/*.h` of the corpus tree, writes it as definitions, generates the C header again and
 * checks that every `@name:` description of the original is in it (kernel-doc-roundtrip.ts).
 * Prints the counts; exit status 1 when a description is lost or a title doubled.
 */
import { fileURLToPath } from "node:url";
import { roundTripHeaders, type RoundTripResult } from "./kernel-doc-roundtrip.js";
import { parseTreeArgs, runWorkers, workerHeaders } from "./tree.js";

const WORKER_TIME_LIMIT_MS = 30 * 60_000;

async function main(argv: readonly string[]): Promise<number> {
  const options = parseTreeArgs(argv);
  if (options.worker) {
    const { headers, sysroot } = workerHeaders({ ...options, worker: options.worker });
    for (const r of await roundTripHeaders(headers, sysroot))
      process.stdout.write(`${JSON.stringify(r)}\n`);
    return 0;
  }
  const started = Date.now();
  const results = await runWorkers<RoundTripResult>(
    fileURLToPath(import.meta.url),
    options,
    WORKER_TIME_LIMIT_MS,
  );
  results.sort((a, b) => (a.header < b.header ? -1 : 1));
  const done = results.filter((r) => !r.skipped);
  const sum = (f: (r: RoundTripResult) => number) => done.reduce((n, r) => n + f(r), 0);
  const name = (h: string) => h.slice(h.lastIndexOf("/linux/") + 1);
  for (const r of results.filter((x) => x.skipped))
    console.log(`skipped ${name(r.header)}: ${r.skipped}`);
  for (const r of done) {
    for (const m of r.missing)
      console.log(`lost ${name(r.header)}:${m.line}: @${m.name}: ${m.text.slice(0, 80)}`);
    for (const t of r.doubledTitles) console.log(`doubled title ${name(r.header)}: ${t}`);
  }
  const lost = sum((r) => r.missing.length);
  const doubled = sum((r) => r.doubledTitles.length);
  console.log(
    [
      `linux/*.h of ${options.series}: ${results.length} headers, ${done.length} round-tripped, ${results.length - done.length} skipped (they do not import on their own, or their definitions do not load)`,
      `@name: descriptions: ${sum((r) => r.total)}; kept under their name: ${sum((r) => r.exact)}; kept in the text (the member has no place in the definitions): ${sum((r) => r.moved)}; about what the IR does not hold (functions, function-like macros, ioctls with a scalar argument): ${sum((r) => r.outOfScope)}; lost: ${lost}`,
      `doubled titles: ${doubled}`,
      `time: ${((Date.now() - started) / 1000).toFixed(0)} s with ${options.workers} workers`,
    ].join("\n"),
  );
  return lost || doubled ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`corpus:kernel-doc: ${(e as Error).message}`);
    process.exit(2);
  },
);
