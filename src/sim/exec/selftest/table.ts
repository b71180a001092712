/**
 * The table of docs/sim.md: every test of the kernel's IOMMUFD selftest and what it does
 * under `sim exec`, written between two markers so the rest of the page is left alone.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Classified, Status } from "./run.js";

export const TABLE_START = "<!-- selftest-table:start (npm run sim:selftest-table) -->";
export const TABLE_END = "<!-- selftest-table:end -->";

const ORDER: readonly Status[] = ["pass", "skip", "out of scope", "fail"];

const cell = (s: string): string => s.replaceAll("|", "\\|").replaceAll("\n", " ");

export function renderTable(rows: readonly Classified[], source: string): string {
  const counts = ORDER.map((s) => `${rows.filter((r) => r.status === s).length} ${s}`).join(", ");
  return [
    `${rows.length} tests (every fixture variant) of ${source}, run unmodified under`,
    `\`uapi-gen sim exec\`: ${counts}. "Out of scope" means the test failed after reaching a path`,
    'the simulator does not model (named); "fail" gives the test\'s first failed check.',
    "",
    "| test | result | why |",
    "|---|---|---|",
    ...rows.map((r) => `| \`${r.test}\` | ${r.status} | ${cell(r.why)} |`),
  ].join("\n");
}

/** Replaces what is between the markers of `file` with `table`; false if the markers are missing. */
export function writeTable(file: string, table: string): boolean {
  const text = readFileSync(file, "utf8");
  const a = text.indexOf(TABLE_START);
  const b = text.indexOf(TABLE_END);
  if (a < 0 || b < a) return false;
  writeFileSync(file, `${text.slice(0, a + TABLE_START.length)}\n\n${table}\n\n${text.slice(b)}`);
  return true;
}
