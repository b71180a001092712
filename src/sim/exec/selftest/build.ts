/**
 * The kernel's own IOMMUFD selftest (tools/testing/selftests/iommu/iommufd.c of the corpus's
 * linux-source-7.2), built natively with the host gcc against the corpus's 7.2 headers, into
 * the cache (never into the corpus or the repository), keyed by a hash of its sources.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { corpusHeaders, corpusSource } from "../../../util/corpus.js";
import { corpusIncludes, hostTriple } from "../host.js";
import { NativeBuildError, simExecCacheRoot } from "../native-build.js";

/** gcc takes about 5 s for it; a minute is plenty. */
const GCC_TIMEOUT_MS = 60_000;

function sourcesHash(dir: string, extra: readonly string[]): string {
  const h = createHash("sha256").update(`${hostTriple()}\0`);
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  for (const f of extra) h.update(f).update(readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

/** The built selftest binary (building it first if needed). */
export function buildSelftest(cacheRoot = simExecCacheRoot()): string {
  const src = corpusSource("7.2");
  const headers = corpusHeaders("7.2");
  const dir = join(src, "tools", "testing", "selftests", "iommu");
  const testH = join(src, "drivers", "iommu", "iommufd", "iommufd_test.h");
  const harness = join(src, "tools", "testing", "selftests", "kselftest_harness.h");
  const out = join(cacheRoot, "selftest", sourcesHash(dir, [testH, harness]));
  const bin = join(out, "iommufd");
  if (existsSync(bin)) return bin;
  mkdirSync(out, { recursive: true });
  const tmp = `${bin}.tmp-${process.pid}`;
  const args = [
    "-D_GNU_SOURCE",
    "-O2",
    "-Wall",
    "-Wno-unused-function",
    ...corpusIncludes(headers),
    "-I",
    "..",
    "-o",
    tmp,
    "iommufd.c",
    "-lcap",
  ];
  const r = spawnSync("gcc", args, { cwd: dir, encoding: "utf8", timeout: GCC_TIMEOUT_MS });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    const why = r.error ? r.error.message : r.stderr.trim().split("\n").slice(-5).join("\n");
    throw new NativeBuildError(
      `building the IOMMUFD selftest failed (it needs gcc and libcap-dev): ${why}`,
    );
  }
  renameSync(tmp, bin);
  return bin;
}
