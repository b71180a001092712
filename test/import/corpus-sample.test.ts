/**
 * A seeded sample of the differential `npm run corpus:check` runs over the whole tree: each
 * header imported, laid out by the engine and compared with every sampled ABI's compiler,
 * then imported → written → loaded → generated and compiled again (the round trip). The
 * sample always holds headers the front end used to get wrong: endian-dependent bitfields
 * (cdrom.h), ioctl numbers as enumerators (gpib_ioctl.h), records lint rejected after import
 * (in.h, rtnetlink.h, if_link.h), a record named like the module's header (btf.h).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { corpusCheck } from "../../src/import/check/corpus-check.js";
import { corpusHeaders, hasCorpusHeaders } from "../../src/util/corpus.js";

const ALWAYS = ["cdrom.h", "gpib_ioctl.h", "in.h", "rtnetlink.h", "if_link.h", "btf.h"];
const SEED = 20261202;
const RANDOM = 3;

/** A small linear congruential generator: the same sample on every run. */
function sample<T>(list: readonly T[], n: number, seed: number): T[] {
  let s = seed >>> 0;
  const out: T[] = [];
  const pool = [...list];
  while (out.length < n && pool.length) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(pool.splice(s % pool.length, 1)[0]!);
  }
  return out;
}

describe.skipIf(!hasCorpusHeaders("7.2"))("the kernel tree, a seeded sample", () => {
  it("engine and round trip agree with every sampled ABI's compiler", async () => {
    const root = corpusHeaders("7.2");
    const all = readdirSync(join(root, "linux")).filter((f) => f.endsWith(".h"));
    const picked = [
      ...ALWAYS,
      ...sample(
        all.filter((f) => !ALWAYS.includes(f)),
        RANDOM,
        SEED,
      ),
    ];
    const report = await corpusCheck({
      root,
      files: picked.map((f) => join(root, "linux", f)),
      abis: ["x86_64", "i386", "m68k", "powerpc"].map((n) => getAbi(n as never)),
      roundTrip: true,
    });
    const show = (m: { abi: string; header: string; what: string }) =>
      `${m.abi} ${m.header.replace(`${root}/`, "")}: ${m.what}`;
    expect(report.mismatches.map(show)).toEqual([]);
    expect(report.roundTripMismatches.map(show)).toEqual([]);
    expect(report.rejected).toEqual([]);
    expect(report.importErrors).toEqual([]);
    const x86 = report.perAbi.get("x86_64")!;
    expect(x86.headers).toBeGreaterThanOrEqual(ALWAYS.length);
    expect(x86.bitfields).toBeGreaterThan(0);
    expect(x86.roundTripCompared).toBeGreaterThan(x86.records);
  }, 240_000);
});
