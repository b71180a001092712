/**
 * The write of `uapi-gen generate` in a process a test kills at a precise point. It prints
 * the name of each step before taking it; at step number `stopAt` it stops there, blocked
 * reading stdin, until the test sends SIGKILL. Arguments: the output folder, a JSON file with
 * the set of files to write, and `stopAt` (0: never stop). fsync is off: it makes a write
 * survive a power cut, not a kill.
 */
import { readFileSync, readSync, writeSync } from "node:fs";
import { writeAtomically } from "../../src/util/atomic-write.js";

const [dir, setFile, stopAt] = process.argv.slice(2) as [string, string, string];
const files = JSON.parse(readFileSync(setFile, "utf8")) as { path: string; content: string }[];
let steps = 0;
writeAtomically(dir, files, {
  sync: false,
  step: (name) => {
    writeSync(1, `${name}\n`);
    if (++steps === Number(stopAt)) readSync(0, Buffer.alloc(1), 0, 1, null);
  },
});
writeSync(1, "done\n");
