// A section of bench/results.md that one benchmark writes itself, for figures that take longer
// than a whole `npm run bench` should (check-uapi.sh over the kernel tree takes minutes): a
// `## … (kept)` section, which bench/run.ts keeps as it is when it rewrites the file. Running
// the benchmark again replaces its own section and leaves every other one alone.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { describeMachine } from "./machine.js";
import { goalText, type RecordedRow } from "./report.js";

const RESULTS = join(import.meta.dirname, "..", "results.md");

export function writeKeptSection(title: string, command: string, rows: readonly RecordedRow[]) {
  const heading = `## ${title} (kept)`;
  const section = [
    heading,
    "",
    `Written by \`${command}\` on ${new Date().toISOString().slice(0, 10)}, on:`,
    "",
    ...describeMachine().map((l) => `- ${l}`),
    `- load average when it ended: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} (the machine is shared; both sides of a row ran in the same conditions)`,
    "",
    "| figure | measured | uapi-gen | compared with | ratio | goal | met |",
    "|---|---|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.figure} | ${r.what} | ${r.ours} | ${r.versus} | ${r.ratio.toFixed(2)}× | ` +
        `${goalText(r.goal)} | ${r.met ? "yes" : "**no**"} |`,
    ),
    "",
    ...rows.filter((r) => r.note).map((r) => `- **${r.what}:** ${r.note}`),
    "",
  ].join("\n");
  replaceKeptSection(heading, section);
}

/** Puts `section` (which starts with `heading`) in place of that heading's old section. */
export function replaceKeptSection(heading: string, section: string): void {
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "# Benchmark results\n";
  // This section's old text runs from its heading to the next `## ` heading or the end.
  const at = old.indexOf(`${heading}\n`);
  let rest = old;
  if (at >= 0) {
    const next = old.slice(at + heading.length).search(/^## /m);
    rest = old.slice(0, at) + (next < 0 ? "" : old.slice(at + heading.length + next));
  }
  writeFileSync(RESULTS, `${rest.trimEnd()}\n\n${section}`);
}
