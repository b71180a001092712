/**
 * docs/compat-history.md from the recorded findings: per comparison, what became of the headers,
 * the headers with findings (errors, warnings, notes), and every error with the reviewed
 * reasoning of its class (./verdicts.ts). An error no verdict covers is listed as unreviewed:
 * `npm run compat:history` fails until someone has judged it.
 */
import { COMPAT_RULE_LIST } from "../rules/index.js";
import type { Comparison, RecordedFinding, RecordedHeader } from "./comparisons.js";
import { CLASSES, verdictOf, type Verdict } from "./verdicts.js";

export interface ComparisonRecord {
  readonly comparison: Comparison;
  readonly headers: readonly RecordedHeader[];
  /** Statuses of every header, settled ones included. */
  readonly statuses: Readonly<Record<string, number>>;
}

export interface Unreviewed {
  readonly comparison: string;
  readonly header: string;
  readonly finding: RecordedFinding;
}

export function historyMarkdown(records: readonly ComparisonRecord[]): {
  text: string;
  unreviewed: Unreviewed[];
} {
  const unreviewed: Unreviewed[] = [];
  const out: string[] = [
    "# Compatibility on the kernel's real history",
    "",
    "Written by `npm run compat:history` (scripts/compat-history.ts); do not edit by hand.",
    "`uapi-gen lint --against` over every header present in both versions, on every ABI, with",
    "the rules at their default levels and no configuration. The findings of each header are",
    "recorded in `test/lint/compat/history/`, and `test/lint/compat-history.test.ts` recomputes",
    "a seeded sample of them. Every error is judged below; the reasoning is per class.",
    "A header that does not compile for some ABI on its own (alpha's `asm/swab.h` needs alpha's",
    "compiler builtins) is compared on the others, with a warning that says so.",
    "",
    "## Classes of errors",
    "",
    "| class | what it means |",
    "|---|---|",
    ...Object.entries(CLASSES).map(([, c]) => `| ${c.title} | ${c.meaning} |`),
    "",
  ];
  for (const r of records) {
    out.push(`## ${r.comparison.title}`, "");
    out.push(
      Object.entries(r.statuses)
        .map(([s, n]) => `${n} ${s}`)
        .join(", ") + ".",
      "",
    );
    out.push(classSummary(r), "");
    const withFindings = r.headers.filter((h) => h.findings.some((f) => f.severity !== "info"));
    out.push("| header | errors | warnings | notes |", "|---|---|---|---|");
    for (const h of withFindings) {
      const count = (s: string) => h.findings.filter((f) => f.severity === s).length;
      out.push(`| \`${h.header}\` | ${count("error")} | ${count("warning")} | ${count("info")} |`);
    }
    out.push("");
    const byClass = new Map<string, { h: RecordedHeader; f: RecordedFinding; v: Verdict }[]>();
    for (const h of r.headers)
      for (const f of h.findings.filter((x) => x.severity === "error")) {
        const v = verdictOf(r.comparison.id, h.header, f);
        if (!v) {
          unreviewed.push({ comparison: r.comparison.id, header: h.header, finding: f });
          continue;
        }
        const list = byClass.get(v.class) ?? [];
        list.push({ h, f, v });
        byClass.set(v.class, list);
      }
    for (const [cls, list] of byClass) {
      out.push(`### ${CLASSES[cls as keyof typeof CLASSES].title}`, "");
      const reasons = new Map<string, string[]>();
      for (const { h, f, v } of list) {
        const line = `\`${h.header}:${f.line}\` ${f.rule}: ${f.message}`;
        const l = reasons.get(v.why) ?? [];
        l.push(line);
        reasons.set(v.why, l);
      }
      for (const [why, lines] of reasons) {
        out.push(`${why}`, "");
        for (const l of lines) out.push(`- ${l}`);
        out.push("");
      }
    }
    const mine = unreviewed.filter((u) => u.comparison === r.comparison.id);
    if (mine.length) {
      out.push("### Not yet reviewed", "");
      for (const u of mine)
        out.push(`- \`${u.header}:${u.finding.line}\` ${u.finding.rule}: ${u.finding.message}`);
      out.push("");
    }
  }
  return { text: out.join("\n"), unreviewed };
}

const CATEGORY = new Map(COMPAT_RULE_LIST.map((r) => [r.meta.id, r.meta.category]));

/** Errors per class, and the ABI-category (binary) ones per class. */
function classSummary(r: ComparisonRecord): string {
  const all = new Map<string, number>();
  const abi = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const h of r.headers)
    for (const f of h.findings.filter((x) => x.severity === "error")) {
      const v = verdictOf(r.comparison.id, h.header, f);
      const title = v ? CLASSES[v.class].title : "not yet reviewed";
      add(all, title);
      if (CATEGORY.get(f.rule) === "abi") add(abi, title);
    }
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const list = (m: Map<string, number>) => [...m].map(([t, n]) => `${t}: ${n}`).join("; ");
  return (
    `Errors: ${sum(all)}${all.size ? ` (${list(all)})` : ""}. ` +
    `Of them in the ABI category (binaries): ${sum(abi)}${abi.size ? ` (${list(abi)})` : ""}.`
  );
}
