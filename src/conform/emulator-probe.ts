/**
 * Whether qemu-user really runs this ABI's static binaries here. A qemu binary that exists
 * is not enough: Debian 12's qemu-user 7.2 hangs on a static sh4 "hello world" and crashes
 * on an alpha one. One tiny program per ABI, built and run once per process, tells, so a
 * broken emulator is reported as such instead of as a failed round trip.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exec } from "./exec.js";

const PROBE_TIMEOUT_MS = 5_000;
const cache = new Map<string, Promise<string | undefined>>();

/** Undefined when the emulator ran the probe; otherwise why it could not. */
export function emulatorProblem(
  cc: string,
  args: readonly string[],
  qemu: string,
): Promise<string | undefined> {
  const key = `${cc} ${args.join(" ")} ${qemu}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = probe(cc, args, qemu)));
  return p;
}

async function probe(
  cc: string,
  args: readonly string[],
  qemu: string,
): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-qemu-probe-"));
  try {
    const src = join(dir, "probe.c");
    const bin = join(dir, "probe");
    writeFileSync(src, '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n');
    const built = await exec(cc, [...args, "-static", "-o", bin, src]);
    // A compiler that cannot link is reported by the round trip itself, with its messages.
    if (built.code !== 0) return undefined;
    const run = await exec(qemu, [bin], { timeoutMs: PROBE_TIMEOUT_MS });
    if (run.code === 0 && run.stdout.toString().trim() === "ok") return undefined;
    const last = run.stderr
      .trim()
      .split("\n")
      .at(-1)
      ?.replace(/^\((.*)\)$/, "$1");
    const why = last || `exit status ${run.code}`;
    return `${qemu} cannot run a static "hello world" here (${why})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
