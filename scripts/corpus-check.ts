// `npm run corpus:check [-- --abis x86_64,m68k] [--series 7.2] [--limit N] [--json FILE] [--record]`:
// the C front end and the layout engine against every ABI's compiler over the kernel's own
// uAPI headers (every linux/*.h of the corpus that compiles on its own). Prints the counts
// per ABI and every mismatch; exits 1 when there is any. The corpus comes from
// scripts/corpus.sh. `--record` keeps the figures of a whole-tree run on every ABI in
// bench/results.md.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ABIS, findAbi } from "../src/abi/abis.js";
import { corpusCheck } from "../src/import/check/corpus-check.js";
import { corpusHeaders, type HeaderSeries } from "../src/util/corpus.js";
import { recordCorpusCheck } from "./corpus-check-record.js";

const { values } = parseArgs({
  options: {
    abis: { type: "string" },
    series: { type: "string", default: "7.2" },
    limit: { type: "string" },
    from: { type: "string" },
    only: { type: "string" },
    json: { type: "string" },
    "no-round-trip": { type: "boolean", default: false },
    record: { type: "boolean", default: false },
  },
});
const root = corpusHeaders(values.series as HeaderSeries);
const abis = values.abis
  ? values.abis.split(",").map((n) => {
      const a = findAbi(n);
      if (!a) throw new Error(`unknown ABI ${n}`);
      return a;
    })
  : [...ABIS];
if (abis[0]!.name !== "x86_64") abis.unshift(findAbi("x86_64")!);
let files = readdirSync(join(root, "linux"))
  .filter((f) => f.endsWith(".h"))
  .sort()
  .map((f) => join(root, "linux", f));
if (values.only)
  files = files.filter((f) => values.only!.split(",").some((o) => f.endsWith(`/${o}`)));
if (values.from) files = files.slice(Number(values.from));
if (values.limit) files = files.slice(0, Number(values.limit));

const t0 = performance.now();
const report = await corpusCheck({
  root,
  files,
  abis,
  roundTrip: !values["no-round-trip"],
  progress: (m) => process.stderr.write(`corpus:check: ${m}\n`),
});
const seconds = (performance.now() - t0) / 1000;

const rows = [...report.perAbi].map(([abi, c]) => [
  abi,
  c.headers,
  c.records,
  c.fields,
  c.bitfields,
  c.values,
  c.unprobed,
  c.mismatches,
  c.roundTripCompared,
  c.roundTripMismatches,
]);
const head = [
  "ABI",
  "headers",
  "records",
  "fields",
  "bitfields",
  "values",
  "unprobed",
  "mismatches",
  "round trip: compared",
  "round trip: mismatches",
];
console.log(
  `linux/*.h of linux-libc-dev ${values.series}: ${report.listed} listed, ${report.compiled} compile on their own (x86_64), ${report.notCompiling.length} do not`,
);
const table = [
  `| ${head.join(" | ")} |`,
  `|${head.map(() => "---").join("|")}|`,
  ...rows.map((r) => `| ${r.join(" | ")} |`),
];
console.log(table.join("\n"));
const total = report.mismatches.length + report.roundTripMismatches.length + report.rejected.length;
console.log(`\n${total} mismatches in ${seconds.toFixed(1)} s`);
const whole = !values.only && !values.limit && !values.from && !values.abis;
if (values.record && !whole)
  console.log("--record keeps only a run over the whole tree on every ABI: nothing written");
else if (values.record)
  recordCorpusCheck({
    series: values.series,
    listed: report.listed,
    compiled: report.compiled,
    table,
    total,
    seconds,
  });
for (const m of report.mismatches.slice(0, 200))
  console.log(
    `  ${m.abi} ${m.header.replace(`${root}/`, "")}: ${m.what}: engine ${m.engine}, compiler ${m.compiler}`,
  );
for (const [abi, list] of report.abiFailures)
  console.log(
    `  ${abi}: ${list.length} headers do not compile there (${list
      .slice(0, 5)
      .map((f) => f.replace(`${root}/`, ""))
      .join(", ")}${list.length > 5 ? ", ..." : ""})`,
  );
for (const e of report.importErrors.slice(0, 50)) console.log(`  import error: ${e}`);
for (const m of report.roundTripMismatches.slice(0, 200))
  console.log(
    `  round trip ${m.abi} ${m.header.replace(`${root}/`, "")}: ${m.what}: original ${m.compiler}, generated ${m.engine}`,
  );
for (const r of report.rejected.slice(0, 50))
  console.log(
    `  round trip ${r.header.replace(`${root}/`, "")}: the written module does not load: ${r.problems.slice(0, 3).join("; ")}`,
  );
if (values.json)
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        ...report,
        perAbi: Object.fromEntries(report.perAbi),
        abiFailures: Object.fromEntries(report.abiFailures),
        seconds,
      },
      null,
      2,
    ),
  );
process.exitCode = total || report.importErrors.length ? 1 : 0;
