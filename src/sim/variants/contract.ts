/**
 * The contract every error-reporting design is held to, checked against what the simulated
 * hardware really did: every entry before the blamed index was executed by the hardware, none
 * at or after it was, the report never blames past the entries given, and the guest gets the
 * error code of the failure.
 */
import type { CerrorName } from "../smmu/errors.js";
import type { Report } from "./designs.js";

export interface Verdict {
  /** Entries before the blamed index executed, none at or after it. */
  readonly prefix: boolean;
  /** The guest learns the failure's code; undefined when the failure has no architectural code. */
  readonly code: boolean | undefined;
  /** The reported count is at most the count given. */
  readonly bounded: boolean;
  readonly problems: readonly string[];
}

/** "3", "63–99", "1, 4–6". */
export function ranges(indices: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < indices.length;) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j]! + 1) j++;
    out.push(i === j ? `${indices[i]}` : `${indices[i]}–${indices[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}

function entries_(indices: readonly number[]): string {
  return indices.length === 1 ? `entry ${indices[0]} was` : `entries ${ranges(indices)} were`;
}

export function checkContract(
  report: Report,
  entries: number,
  executed: readonly boolean[],
  expectedCode: CerrorName | undefined,
): Verdict {
  const problems: string[] = [];
  const blamed = report.blamed;
  const notRun: number[] = [];
  const ranAfter: number[] = [];
  for (let i = 0; i < entries; i++) {
    if (i < blamed && !executed[i]) notRun.push(i);
    if (i >= blamed && executed[i]) ranAfter.push(i);
  }
  if (notRun.length)
    problems.push(
      `${entries_(notRun)} reported handled but the hardware never executed ${notRun.length === 1 ? "it" : "them"}`,
    );
  if (ranAfter.length) problems.push(`${entries_(ranAfter)} executed but reported not handled`);
  const bounded = blamed <= entries;
  if (!bounded)
    problems.push(`the report blames index ${blamed}, past the ${entries} entries given`);
  const code = expectedCode === undefined ? undefined : report.code === expectedCode;
  if (code === false)
    problems.push(`the guest gets ${report.code}, the failure was ${expectedCode}`);
  return { prefix: notRun.length === 0 && ranAfter.length === 0, code, bounded, problems };
}
