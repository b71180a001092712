// `npm run compat:history [comparison-id...]`: runs `lint --against` over the kernel's real history
// (src/lint/compat/history/comparisons.ts), records every compared header's findings in
// test/lint/compat/history/<id>.json, and writes docs/compat-history.md with the reviewed
// reasoning of every error. Exits 1 when an error has no verdict (review it, then add one to
// src/lint/compat/history/verdicts.ts).
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import {
  COMPARISONS,
  runComparison,
  type RecordedHeader,
} from "../src/lint/compat/history/comparisons.js";
import { historyMarkdown, type ComparisonRecord } from "../src/lint/compat/history/report.js";

const ROOT = join(import.meta.dirname, "..");
const RECORDS = join(ROOT, "test", "lint", "compat", "history");
const wanted = process.argv.slice(2);

interface RecordFile {
  readonly statuses: Record<string, number>;
  /** Headers the compiler read (compared, unreadable) and removed ones: the rest had nothing to read. */
  readonly headers: RecordedHeader[];
}

const records: ComparisonRecord[] = [];
for (const comparison of COMPARISONS) {
  const file = join(RECORDS, `${comparison.id}.json`);
  let record: RecordFile;
  if (!wanted.length || wanted.includes(comparison.id)) {
    const t0 = performance.now();
    const all = await runComparison(comparison);
    const statuses: Record<string, number> = {};
    for (const h of all) statuses[h.status] = (statuses[h.status] ?? 0) + 1;
    const headers = all.filter((h) =>
      ["compared", "unreadable", "removed", "renamed"].includes(h.status),
    );
    record = { statuses, headers };
    writeFileSync(file, JSON.stringify(record, null, 1) + "\n");
    console.log(
      `${comparison.id}: ${all.length} headers in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } else if (existsSync(file)) {
    record = JSON.parse(readFileSync(file, "utf8")) as RecordFile;
  } else continue;
  records.push({ comparison, headers: record.headers, statuses: record.statuses });
}

const { text, unreviewed } = historyMarkdown(records);
writeFileSync(join(ROOT, "docs", "compat-history.md"), text + "\n");
console.log(`docs/compat-history.md written; ${unreviewed.length} error(s) without a verdict`);
for (const u of unreviewed.slice(0, 50))
  console.log(
    `  ${u.comparison} ${u.header}:${u.finding.line} ${u.finding.rule}: ${u.finding.message}`,
  );
process.exitCode = unreviewed.length ? 1 : 0;
