// The kept section of bench/results.md for a whole-tree `npm run corpus:check -- --record`:
// what was compared, the counts per ABI and the total, with the machine and its load.
import { loadavg } from "node:os";
import { replaceKeptSection } from "../bench/lib/kept.js";
import { describeMachine } from "../bench/lib/machine.js";

export interface CheckSummary {
  readonly series: string;
  readonly listed: number;
  readonly compiled: number;
  /** The table's header and rows, as printed. */
  readonly table: readonly string[];
  readonly total: number;
  readonly seconds: number;
}

const HEADING = "## C front end against the compilers: `npm run corpus:check` (kept)";

export function recordCorpusCheck(s: CheckSummary): void {
  replaceKeptSection(
    HEADING,
    [
      HEADING,
      "",
      `Every \`linux/*.h\` of linux-libc-dev ${s.series} (${s.listed} listed, ${s.compiled} compile`,
      "on their own on x86_64), on all 19 ABIs, each compared with its own compiler (clang-19; the",
      "cross gcc for m68k, sh4, alpha, hppa), then imported, generated and compiled again (round",
      `trip). Written by \`npm run corpus:check -- --record\` on ${new Date().toISOString().slice(0, 10)}, ` +
        `${s.seconds.toFixed(0)} s, load average at the end ${loadavg()
          .map((l) => l.toFixed(1))
          .join(", ")}, on:`,
      "",
      ...describeMachine().map((l) => `- ${l}`),
      "",
      ...s.table,
      "",
      `${s.total} mismatches in all (layouts, values, round trip, written modules that do not load).`,
      "",
    ].join("\n"),
  );
}
