/** The summary of a run: an ABI × check table, the findings, and the JSON form. */
import {
  CHECK_TITLES,
  describeFinding,
  type Cell,
  type CellStatus,
  type ConformReport,
} from "./types.js";

const MARK: Readonly<Record<CellStatus, string>> = {
  pass: "pass",
  fail: "FAIL",
  skip: "skip",
  missing: "MISSING",
};

export function renderTable(report: ConformReport): string {
  const cell = (abi: string, check: string): Cell | undefined =>
    report.cells.find((c) => c.abi === abi && c.check === check);
  const width = Math.max(3, ...report.abis.map((a) => a.length));
  const cols = report.checks.map((c) => Math.max(c.length, 7));
  const row = (first: string, rest: readonly string[]) =>
    [first.padEnd(width), ...rest.map((r, i) => r.padEnd(cols[i]!))].join("  ").trimEnd();
  const lines = [
    row("ABI", report.checks),
    row(
      "-".repeat(width),
      cols.map((w) => "-".repeat(w)),
    ),
  ];
  for (const abi of report.abis)
    lines.push(
      row(
        abi,
        report.checks.map((c) => MARK[cell(abi, c)?.status ?? "skip"]),
      ),
    );
  return lines.join("\n");
}

/** Skip reasons, grouped so twenty ABIs with the same reason take one line. */
function skipReasons(report: ConformReport): string[] {
  const groups = new Map<string, string[]>();
  for (const c of report.cells) {
    if (c.status !== "skip" && c.status !== "missing") continue;
    const key = `${c.check} ${c.status === "missing" ? "MISSING" : "skipped"}: ${c.detail}`;
    groups.set(key, [...(groups.get(key) ?? []), c.abi]);
  }
  return [...groups].map(([k, abis]) => `  ${k} (${abis.join(", ")})`);
}

export function renderText(report: ConformReport): string {
  const out = [renderTable(report), ""];
  out.push("checks:", ...report.checks.map((c) => `  ${c.padEnd(9)} ${CHECK_TITLES[c]}`), "");
  const reasons = skipReasons(report);
  if (reasons.length) out.push("not run:", ...reasons, "");
  if (report.findings.length) {
    out.push(`findings (${report.findings.length}):`);
    for (const f of report.findings.slice(0, 200))
      out.push(`  ${describeFinding(f).split("\n").join("\n    ")}`);
    if (report.findings.length > 200)
      out.push(`  … ${report.findings.length - 200} more (use --format json)`);
    out.push("");
  }
  if (report.install.length)
    out.push(`to run every check: apt-get install ${report.install.join(" ")}`, "");
  const count = (s: CellStatus) => report.cells.filter((c) => c.status === s).length;
  out.push(
    `conform: ${report.ok ? "ok" : "FAILED"}: ${count("pass")} passed, ${count("fail")} failed, ${count("missing")} missing a toolchain, ${count("skip")} skipped, in ${(report.ms / 1000).toFixed(1)} s`,
  );
  return out.join("\n") + "\n";
}

export function renderJson(report: ConformReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
