/**
 * Progress while the run goes: on a terminal, one status line rewritten in place (with the
 * failures printed above it as they come); otherwise plain lines, one per finished ABI and
 * step, which CI logs keep readable.
 */
import type { Cell } from "./types.js";

export type ProgressMode = "tty" | "plain" | "none";

export interface Progress {
  start(total: number): void;
  done(cell: Cell): void;
  note(text: string): void;
  finish(): void;
}

export function createProgress(mode: ProgressMode, write: (text: string) => void): Progress {
  let total = 0;
  let finished = 0;
  const line = (c: Cell) =>
    `[${String(finished).padStart(String(total).length)}/${total}] ${c.abi.padEnd(11)} ${c.check.padEnd(9)} ${c.status.padEnd(7)} ${c.detail.split("\n")[0]} (${Math.round(c.ms)} ms)`;
  if (mode === "none")
    return {
      start: () => undefined,
      done: () => undefined,
      note: () => undefined,
      finish: () => undefined,
    };
  if (mode === "plain") {
    return {
      start: (n) => void (total = n),
      done: (c) => {
        finished++;
        write(line(c) + "\n");
      },
      note: (t) => write(t + "\n"),
      finish: () => undefined,
    };
  }
  const clear = "\r\x1b[K";
  return {
    start: (n) => void (total = n),
    done: (c) => {
      finished++;
      if (c.status === "fail" || c.status === "missing") write(`${clear}${line(c)}\n`);
      write(`${clear}conform: ${finished}/${total} done, last ${c.abi} ${c.check}`);
    },
    note: (t) => write(`${clear}${t}\n`),
    finish: () => write(clear),
  };
}
