/**
 * Whether qemu-user really runs this ABI's glibc binaries, built as the round trip builds
 * them. A qemu binary that exists is not enough: Debian 12's qemu-user 7.2 hangs on a sh4
 * "hello world" and crashes on a static alpha one (which is why those two are built
 * otherwise, src/conform/toolchain.ts). One tiny program per ABI, built and run once per
 * process, tells, so a broken emulator is reported as such instead of as a failed round trip.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exec } from "./exec.js";

const PROBE_TIMEOUT_MS = 5_000;
const cache = new Map<string, Promise<string | undefined>>();

/** How the probe is built and run: the round trip's own compiler, flags and emulator flags. */
export interface ProbeBuild {
  readonly cc: string;
  readonly args: readonly string[];
  readonly libs?: readonly string[];
  readonly qemuArgs?: readonly string[];
}

/** Undefined when the emulator ran the probe; otherwise why it could not. */
export function emulatorProblem(build: ProbeBuild, qemu: string): Promise<string | undefined> {
  const key = JSON.stringify([build, qemu]);
  let p = cache.get(key);
  if (!p) cache.set(key, (p = probe(build, qemu)));
  return p;
}

async function probe(build: ProbeBuild, qemu: string): Promise<string | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-qemu-probe-"));
  try {
    const src = join(dir, "probe.c");
    const bin = join(dir, "probe");
    writeFileSync(src, '#include <stdio.h>\nint main(void) { puts("ok"); return 0; }\n');
    const built = await exec(build.cc, [...build.args, "-o", bin, src, ...(build.libs ?? [])]);
    // A compiler that cannot link is reported by the round trip itself, with its messages.
    if (built.code !== 0) return undefined;
    const run = await exec(qemu, [...(build.qemuArgs ?? []), bin], { timeoutMs: PROBE_TIMEOUT_MS });
    if (run.code === 0 && run.stdout.toString().trim() === "ok") return undefined;
    const last = run.stderr
      .trim()
      .split("\n")
      .at(-1)
      ?.replace(/^\((.*)\)$/, "$1");
    const why = last || `exit status ${run.code}`;
    return `${qemu} cannot run a ${linkage(build)} "hello world" here (${why})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const linkage = (build: ProbeBuild) => (build.args.includes("-static") ? "static" : "dynamic");
