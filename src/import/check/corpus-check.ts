/**
 * The differential over a tree of kernel headers (`npm run corpus:check`): every header is
 * imported as `uapi-gen lint` imports it, laid out by the engine on every ABI, and compared
 * with what each ABI's compiler computes for the same header (truth.ts): record sizes and
 * alignments, member offsets and sizes, bitfield positions, enumerator, macro and ioctl
 * values. Headers that do not compile on their own on the reference ABI are listed apart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Abi } from "../../abi/abis.js";
import { Layouts } from "../../layout/layouts.js";
import type { StructItem } from "../../model/ir.js";
import { Pool } from "../../util/exec.js";
import { importHeaders, type ImportResult } from "../import.js";
import { abiIncludes } from "../include-paths.js";
import {
  compareHeader,
  compareTruths,
  valueProbes,
  zeroCounts,
  type Counts,
  type Mismatch,
} from "./compare.js";
import { roundTrip } from "./round-trip.js";
import { recordProbes } from "./truth-unit.js";
import { compileTruth, type TruthRequest } from "./truth.js";
import type { ValueProbe } from "./truth-unit.js";

export interface CorpusCheckOptions {
  /** The headers' root (`usr/include` of linux-libc-dev: `linux/`, `<triple>/asm/`). */
  readonly root: string;
  readonly files: readonly string[];
  readonly abis: readonly Abi[];
  /** Headers per front-end batch (memory is the limit). */
  readonly batch?: number;
  /** Also import → generate each header and compare the generated header's layouts and values. */
  readonly roundTrip?: boolean;
  readonly progress?: (message: string) => void;
}

export interface AbiResult extends Counts {
  /** Headers the ABI's compiler compiled. */
  headers: number;
  /** Round trip: layouts and values compared, and how many differ. */
  roundTripCompared: number;
  roundTripMismatches: number;
}

export interface CorpusReport {
  readonly listed: number;
  /** Headers that compile on their own on the reference ABI (the ones compared). */
  readonly compiled: number;
  readonly notCompiling: readonly string[];
  readonly perAbi: ReadonlyMap<string, AbiResult>;
  readonly mismatches: readonly Mismatch[];
  /** Headers that compile on the reference ABI but not on another: ABI → headers. */
  readonly abiFailures: ReadonlyMap<string, readonly string[]>;
  /** Front-end diagnostics of compiled headers that are errors (none expected). */
  readonly importErrors: readonly string[];
  /** Round trip: differences between generated and original headers, and modules the loader rejected. */
  readonly roundTripMismatches: readonly Mismatch[];
  readonly rejected: readonly { header: string; problems: readonly string[] }[];
}

interface Checked {
  readonly file: string;
  readonly r: ImportResult;
  readonly structs: readonly StructItem[];
  readonly values: readonly ValueProbe[];
  readonly layouts: Layouts;
}

interface Sinks {
  readonly options: CorpusCheckOptions;
  readonly scratch: string;
  readonly counts: AbiResult;
  readonly mismatches: Mismatch[];
  readonly roundTripMismatches: Mismatch[];
  readonly abiFailures: Map<string, string[]>;
}

/** One ABI: the compiler's answers for the headers (and their round trips) against the engine. */
async function checkAbi(
  abi: Abi,
  ok: readonly Checked[],
  generated: ReadonlyMap<string, string>,
  sinks: Sinks,
): Promise<void> {
  const includes = abiIncludes(abi, { sysroot: sinks.options.root }).args;
  const failed = (file: string) =>
    sinks.abiFailures.set(abi.name, [...(sinks.abiFailures.get(abi.name) ?? []), file]);
  // A header the front end could not read on this ABI is not compiled there in a batch (a
  // fatal error in one unit silences the diagnostics of every later one).
  for (const o of ok) if (o.r.unread?.includes(abi.name)) failed(o.file);
  const here = ok.filter((o) => !o.r.unread?.includes(abi.name));
  // Records are probed as this ABI declares them (a variant's members where it has one).
  const reqs: TruthRequest[] = here.map((o) => ({
    header: o.file,
    records: recordProbes(o.structs, o.r.model, abi.name),
    values: o.values,
  }));
  const truths = await compileTruth(abi, reqs, includes, sinks.scratch);
  here.forEach((o, i) => {
    const t = truths[i]!;
    if (!t.compiled) return failed(o.file);
    sinks.counts.headers++;
    compareHeader(
      o.file,
      abi,
      o.r.model,
      o.layouts,
      reqs[i]!.records,
      reqs[i]!.values,
      t,
      sinks.counts,
      sinks.mismatches,
    );
  });
  const back = here.filter((o, i) => generated.has(o.file) && truths[i]!.compiled);
  if (!back.length) return;
  const backTruths = await compileTruth(
    abi,
    back.map((o) => ({ ...reqs[here.indexOf(o)]!, header: generated.get(o.file)! })),
    includes,
    join(sinks.scratch, "rt"),
  );
  back.forEach((o, i) => {
    const before = sinks.roundTripMismatches.length;
    sinks.counts.roundTripCompared += compareTruths(
      o.file,
      abi,
      truths[here.indexOf(o)]!,
      backTruths[i]!,
      sinks.roundTripMismatches,
    );
    sinks.counts.roundTripMismatches += sinks.roundTripMismatches.length - before;
  });
}

export async function corpusCheck(options: CorpusCheckOptions): Promise<CorpusReport> {
  const batch = options.batch ?? 150;
  const perAbi = new Map<string, AbiResult>(
    options.abis.map((a) => [
      a.name,
      { headers: 0, ...zeroCounts(), roundTripCompared: 0, roundTripMismatches: 0 },
    ]),
  );
  const mismatches: Mismatch[] = [];
  const notCompiling: string[] = [];
  const abiFailures = new Map<string, string[]>();
  const importErrors: string[] = [];
  const roundTripMismatches: Mismatch[] = [];
  const rejected: { header: string; problems: readonly string[] }[] = [];
  let compiled = 0;
  const scratch = mkdtempSync(join(tmpdir(), "uapi-gen-corpus-"));
  try {
    for (let start = 0; start < options.files.length; start += batch) {
      const files = options.files.slice(start, start + batch);
      options.progress?.(
        `headers ${start + 1}-${start + files.length} of ${options.files.length}: import`,
      );
      const imported = await importHeaders(files, { sysroot: options.root, abis: options.abis });
      const ok: Checked[] = [];
      files.forEach((file, i) => {
        const r = imported[i]!;
        const module = r.primary[0];
        if (
          !module ||
          r.diagnostics.some((d) => d.code === "import/clang" || d.code === "import/io")
        ) {
          notCompiling.push(file);
          return;
        }
        for (const d of r.diagnostics)
          if (d.severity === "error") importErrors.push(`${file}: ${d.message}`);
        compiled++;
        const structs = module.items.filter(
          (x): x is StructItem => x.kind === "struct" || x.kind === "union",
        );
        ok.push({ file, r, structs, values: valueProbes(module), layouts: new Layouts(r.model) });
      });
      // The round trip: each header written as definitions, loaded back and generated.
      const generated = new Map<string, string>();
      if (options.roundTrip)
        for (const [i, o] of ok.entries()) {
          const rt = await roundTrip(o.r, join(scratch, `rt-${start + i}`));
          if (rt.generated) generated.set(o.file, rt.generated);
          else rejected.push({ header: o.file, problems: rt.problems });
        }
      options.progress?.(
        `headers ${start + 1}-${start + files.length}: compilers of ${options.abis.length} ABIs`,
      );
      await new Pool().all(
        options.abis.map(
          (abi) => () =>
            checkAbi(abi, ok, generated, {
              options,
              scratch,
              counts: perAbi.get(abi.name)!,
              mismatches,
              roundTripMismatches,
              abiFailures,
            }),
        ),
      );
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return {
    listed: options.files.length,
    compiled,
    notCompiling,
    perAbi,
    mismatches,
    abiFailures,
    importErrors,
    roundTripMismatches,
    rejected,
  };
}
