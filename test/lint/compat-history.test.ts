/**
 * The real-history table (docs/compat-history.md, `npm run compat:history`) holds: a seeded
 * sample of the recorded headers of Linux 6.12 → 7.2 (installed headers: one with errors, one
 * without) is compared again and must give exactly the recorded findings; every recorded error
 * has a reviewed verdict; and the docs page is what the records make. The whole run is the
 * command, not this test.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  COMPARISONS,
  runComparison,
  type RecordedHeader,
} from "../../src/lint/compat/history/comparisons.js";
import { historyMarkdown } from "../../src/lint/compat/history/report.js";
import { fileKey } from "../../src/lint/compat/tree/header-tree.js";
import { hasCorpusHeaders } from "../../src/util/corpus.js";

const RECORDS = join(__dirname, "compat", "history");
const SAMPLE = 2;
/** Fixed, so a failure reproduces; change it to look at other headers. */
const SEED = 12;

interface RecordFile {
  readonly statuses: Record<string, number>;
  readonly headers: RecordedHeader[];
}

const read = (id: string): RecordFile | undefined => {
  const file = join(RECORDS, `${id}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as RecordFile) : undefined;
};

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Half the sample from headers with errors, half from the rest of the compared ones. */
function sample(headers: readonly RecordedHeader[]): RecordedHeader[] {
  const next = random(SEED);
  const pick = (from: RecordedHeader[], n: number) => {
    const pool = [...from];
    const out: RecordedHeader[] = [];
    while (out.length < n && pool.length)
      out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  const compared = headers.filter((h) => h.status === "compared");
  const withErrors = compared.filter((h) => h.findings.some((f) => f.severity === "error"));
  const clean = compared.filter((h) => !withErrors.includes(h));
  return [...pick(withErrors, SAMPLE / 2), ...pick(clean, SAMPLE / 2)];
}

const installed = COMPARISONS.find((c) => c.id === "installed-6.12-7.2")!;
const record = read(installed.id);

describe.skipIf(!record || !hasCorpusHeaders("6.12") || !hasCorpusHeaders("7.2"))(
  "the real history of Linux 6.12 → 7.2",
  () => {
    it("gives the recorded findings again on a seeded sample of headers", async () => {
      const chosen = sample(record!.headers);
      const keys = new Set(chosen.map((h) => h.header));
      const again = await runComparison(installed, (f) => keys.has(fileKey(f)));
      expect(again.filter((h) => keys.has(h.header))).toEqual(
        [...chosen].sort((a, b) => a.header.localeCompare(b.header)),
      );
    });
  },
);

describe("the real-history records", () => {
  it("judge every error and make docs/compat-history.md", () => {
    const records = COMPARISONS.flatMap((comparison) => {
      const r = read(comparison.id);
      return r ? [{ comparison, headers: r.headers, statuses: r.statuses }] : [];
    });
    if (records.length === 0) return;
    const { text, unreviewed } = historyMarkdown(records);
    expect(unreviewed).toEqual([]);
    const docs = join(__dirname, "..", "..", "docs", "compat-history.md");
    expect(readFileSync(docs, "utf8")).toBe(text + "\n");
  });
});
