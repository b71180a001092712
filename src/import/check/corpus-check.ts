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
import { compareHeader, valueProbes, zeroCounts, type Counts, type Mismatch } from "./compare.js";
import { recordProbes } from "./truth-unit.js";
import { compileTruth, type TruthRequest } from "./truth.js";

export interface CorpusCheckOptions {
  /** The headers' root (`usr/include` of linux-libc-dev: `linux/`, `<triple>/asm/`). */
  readonly root: string;
  readonly files: readonly string[];
  readonly abis: readonly Abi[];
  /** Headers per front-end batch (memory is the limit). */
  readonly batch?: number;
  readonly progress?: (message: string) => void;
}

export interface AbiResult extends Counts {
  /** Headers the ABI's compiler compiled. */
  headers: number;
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
}

export async function corpusCheck(options: CorpusCheckOptions): Promise<CorpusReport> {
  const batch = options.batch ?? 150;
  const perAbi = new Map<string, AbiResult>(
    options.abis.map((a) => [a.name, { headers: 0, ...zeroCounts() }]),
  );
  const mismatches: Mismatch[] = [];
  const notCompiling: string[] = [];
  const abiFailures = new Map<string, string[]>();
  const importErrors: string[] = [];
  let compiled = 0;
  const scratch = mkdtempSync(join(tmpdir(), "uapi-gen-corpus-"));
  try {
    for (let start = 0; start < options.files.length; start += batch) {
      const files = options.files.slice(start, start + batch);
      options.progress?.(
        `headers ${start + 1}-${start + files.length} of ${options.files.length}: import`,
      );
      const imported = await importHeaders(files, { sysroot: options.root, abis: options.abis });
      const ok: { file: string; r: ImportResult; req: TruthRequest; layouts: Layouts }[] = [];
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
        ok.push({
          file,
          r,
          req: {
            header: file,
            records: recordProbes(structs, r.model),
            values: valueProbes(module),
          },
          layouts: new Layouts(r.model),
        });
      });
      options.progress?.(
        `headers ${start + 1}-${start + files.length}: compilers of ${options.abis.length} ABIs`,
      );
      await new Pool().all(
        options.abis.map((abi) => async () => {
          const includes = abiIncludes(abi, { sysroot: options.root }).args;
          const truths = await compileTruth(
            abi,
            ok.map((o) => o.req),
            includes,
            scratch,
          );
          const counts = perAbi.get(abi.name)!;
          ok.forEach((o, i) => {
            const t = truths[i]!;
            if (!t.compiled) {
              abiFailures.set(abi.name, [...(abiFailures.get(abi.name) ?? []), o.file]);
              return;
            }
            counts.headers++;
            compareHeader(
              o.file,
              abi,
              o.r.model,
              o.layouts,
              o.req.records,
              o.req.values,
              t,
              counts,
              mismatches,
            );
          });
        }),
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
  };
}
