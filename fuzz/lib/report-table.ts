/**
 * The figures of a fuzz run as table cells, printed after every run and kept in docs/fuzz.md
 * by `--record` (one row per family; a run replaces the rows of the families it ran, so the
 * long families can run on their own and the table still shows each one's last full run).
 */
import type { FamilyReport, FuzzReport } from "./fuzz.js";

export const HEAD = [
  "family",
  "cases",
  "accepted",
  "most cpu",
  "longest wall",
  "peak memory",
  "internal",
  "over time",
  "over memory",
  "no position",
] as const;

const FINDING_COLUMNS = ["internal", "timeout", "memory", "unpositioned"] as const;

export function familyCells(f: FamilyReport): string[] {
  const mib = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MiB`;
  const n = (k: string) => f.findings.filter((x) => x.kind === k).reduce((s, x) => s + x.count, 0);
  return [
    f.family,
    f.skipped ? `skipped (${f.skipped})` : `${f.ran}/${f.asked}`,
    f.family === "lsp" ? "-" : String(f.accepted),
    `${(f.maxMs / 1000).toFixed(1)} s${f.slowest ? ` (${f.slowest})` : ""}`,
    `${(f.maxWallMs / 1000).toFixed(1)} s`,
    mib(f.peakRssBytes),
    ...FINDING_COLUMNS.map((k) => String(n(k))),
  ];
}

/** The plain-text table printed at the end of a run. */
export function textTable(r: FuzzReport): string {
  const rows = r.families.map(familyCells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(HEAD), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const BEGIN = "<!-- fuzz-results:begin (written by npm run fuzz -- --record) -->";
const END = "<!-- fuzz-results:end -->";
const RECORD_HEAD = [...HEAD, "seed", "commit", "date"];

/**
 * docs/fuzz.md with the rows of the families this run ran replaced (others kept). The table
 * sits between two markers; a document without them gets it appended.
 */
export function recordRun(doc: string, r: FuzzReport, commit: string, date: string): string {
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  const has = begin >= 0 && end > begin;
  const old = new Map<string, string>();
  if (has)
    for (const line of doc.slice(begin + BEGIN.length, end).split("\n")) {
      const family = /^\| (\w+) \|/.exec(line)?.[1];
      if (family && family !== "family") old.set(family, line);
    }
  for (const f of r.families)
    if (f.asked > 0)
      old.set(f.family, `| ${[...familyCells(f), r.seed, commit, date].join(" | ")} |`);
  const table = [
    BEGIN,
    `| ${RECORD_HEAD.join(" | ")} |`,
    `|${RECORD_HEAD.map(() => "---").join("|")}|`,
    ...[...old.keys()].sort().map((k) => old.get(k)!),
    END,
  ].join("\n");
  if (!has) return `${doc.trimEnd()}\n\n${table}\n`;
  return doc.slice(0, begin) + table + doc.slice(end + END.length);
}
