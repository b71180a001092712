/**
 * What the sim exec tests share: C test programs (programs/*.c) built with gcc against the
 * corpus's 7.2 headers and the kernel's own iommufd_test.h, and a runner that captures output.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusHeaders, corpusSource } from "../../../src/util/corpus.js";
import { simExec, type SimExecResult } from "../../../src/sim/exec/exec.js";
import { corpusIncludes } from "../../../src/sim/exec/host.js";
import type { SimExecOptions } from "../../../src/sim/exec/options.js";

const PROGRAMS = join(dirname(fileURLToPath(import.meta.url)), "programs");
const OUT = mkdtempSync(join(tmpdir(), "uapi-gen-exec-test-"));

/** Builds programs/<name>.c; returns the binary's path. */
export function buildProgram(name: string): string {
  const h = corpusHeaders("7.2");
  const testH = join(corpusSource("7.2"), "drivers", "iommu", "iommufd");
  const bin = join(OUT, name);
  const r = spawnSync(
    "gcc",
    ["-O2", "-Wall", ...corpusIncludes(h), "-I", testH, "-o", bin, join(PROGRAMS, `${name}.c`)],
    { encoding: "utf8", timeout: 60_000 },
  );
  if (r.status !== 0) throw new Error(`gcc ${name}.c: ${r.stderr || r.error?.message}`);
  return bin;
}

export function run(
  program: string,
  args: string[] = [],
  more: Partial<SimExecOptions> = {},
): Promise<SimExecResult> {
  return simExec({ program, args, kernel: "latest", timeoutMs: 60_000, stdio: "pipe", ...more });
}
