/**
 * The `reference` check: the generated headers and their reference compiled side by side on
 * each ABI, in separate translation units (both define the same names): the generated one
 * with uapi-gen's prelude, the reference with the kernel's own headers of that architecture.
 * What each side declares is read once (host clang); every struct layout, enum size,
 * enumerator and integer macro (ioctl numbers included) is read back from the ABI's compiler
 * for both sides and compared. Missing and differently declared items are listed once, under
 * the first ABI of the run; value differences per ABI.
 */
import { join } from "node:path";
import { getAbi, type Abi } from "../../abi/abis.js";
import type { Pool } from "../exec.js";
import { extractNumbers, probeSource, probeValues } from "../probe.js";
import { CLANG, layoutCompiler, type Compiler } from "../toolchain.js";
import type { Finding, StepResult } from "../types.js";
import { freestandingFlags, type Workspace } from "../workspace.js";
import { candidatesOf, constantCandidates, type Candidate } from "./candidates.js";
import { compareInventories, compareValues } from "./compare.js";
import { readInventory, type HeaderUnit, type Inventory } from "./inventory.js";
import { hasCorpusHeaders } from "../../util/corpus.js";
import {
  includeByPath,
  kernelIncludeFlags,
  REFERENCE_SERIES,
  referencePairs,
  type ReferencePair,
} from "./sources.js";

/** The label of findings that hold on every ABI (what is declared, not its numbers). */
export const EVERY_ABI = "every ABI";

interface PreparedSide {
  readonly inventory: Inventory;
  readonly kept: readonly Candidate[];
  readonly files: readonly string[];
}

interface PreparedPair {
  readonly pair: ReferencePair;
  readonly reference: PreparedSide;
  readonly generated: PreparedSide;
}

export type ReferencePlan =
  | { readonly pairs: readonly PreparedPair[]; readonly findings: readonly Finding[] }
  | { readonly error: string; readonly missing?: boolean };

const HOST = getAbi("x86_64");

async function prepareSide(
  pool: Pool,
  files: readonly string[],
  flags: readonly string[],
): Promise<PreparedSide | { error: string }> {
  const unit: HeaderUnit = {
    source: includeByPath(files),
    command: CLANG.command,
    flags: [`--target=x86_64-linux-gnu`, ...flags],
    files,
  };
  const inventory = await readInventory(pool, unit);
  if ("error" in inventory) return inventory;
  const constants = await constantCandidates(pool, unit, candidatesOf(inventory));
  if ("error" in constants) return constants;
  return { inventory, kept: constants.kept, files };
}

/** Reads both sides of every pair once per run. */
export async function prepareReference(
  ws: Workspace,
  pool: Pool,
  explicit: readonly string[] | undefined,
  cwd: string,
): Promise<ReferencePlan> {
  const pairs = referencePairs(ws.primary, explicit, cwd);
  const host = kernelIncludeFlags(HOST);
  if (pairs.length && !Array.isArray(host))
    return { error: `install ${host.missing}`, missing: true };
  const prepared: PreparedPair[] = [];
  const findings: Finding[] = [];
  for (const pair of pairs) {
    const generatedFiles = pair.modules.map((m) => join(ws.dir, `c/linux/${m.name}.h`));
    const [reference, generated] = await Promise.all([
      prepareSide(pool, pair.headers, host as string[]),
      prepareSide(pool, generatedFiles, freestandingFlags(ws, HOST.name)),
    ]);
    if ("error" in reference) return { error: `reference: ${reference.error}` };
    if ("error" in generated) return { error: `generated header: ${generated.error}` };
    prepared.push({ pair, reference, generated });
    findings.push(...compareInventories(reference, generated, EVERY_ABI));
  }
  return { pairs: prepared, findings };
}

async function sideValues(
  pool: Pool,
  compiler: Compiler,
  side: PreparedSide,
  flags: readonly string[],
): Promise<(number | bigint)[] | string> {
  const got = await extractNumbers(
    pool,
    compiler,
    probeSource(includeByPath(side.files), side.kept),
    flags,
  );
  if (!got.ok) return got.error;
  return probeValues(side.kept, got.values) ?? "the compiler's table does not match the probes";
}

export async function referenceStep(
  plan: ReferencePlan,
  ws: Workspace,
  abi: Abi,
  pool: Pool,
  first: boolean,
): Promise<StepResult> {
  if ("error" in plan)
    return plan.missing
      ? { status: "missing", detail: plan.error }
      : {
          status: "fail",
          detail: "cannot read the headers",
          findings: [{ abi: abi.name, check: "reference", message: plan.error }],
        };
  if (!plan.pairs.length)
    return {
      status: "skip",
      detail: hasCorpusHeaders(REFERENCE_SERIES)
        ? "no reference header (--reference, or a kernel namesake in the corpus)"
        : "no reference header (--reference; the kernel corpus, whose headers are the default, is not fetched: scripts/corpus.sh)",
    };
  const kernel = kernelIncludeFlags(abi);
  if (!Array.isArray(kernel)) return { status: "missing", detail: `install ${kernel.missing}` };
  const resolved = layoutCompiler(abi);
  if (!resolved.ok)
    return { status: "missing", detail: `install ${resolved.missing}`, install: resolved.install };
  const findings: Finding[] = first ? [...plan.findings] : [];
  let compared = 0;
  for (const p of plan.pairs) {
    const [ref, gen] = await Promise.all([
      sideValues(pool, resolved.tool, p.reference, kernel),
      sideValues(pool, resolved.tool, p.generated, freestandingFlags(ws, abi.name)),
    ]);
    if (typeof ref === "string" || typeof gen === "string") {
      const why =
        typeof ref === "string" ? `reference: ${ref}` : `generated header: ${gen as string}`;
      findings.push({ abi: abi.name, check: "reference", message: `probe compile failed: ${why}` });
      continue;
    }
    findings.push(...compareValues(abi.name, p.reference.kept, ref, p.generated.kept, gen));
    compared += p.generated.kept.length;
  }
  const items = plan.findings.length;
  const headers = plan.pairs.flatMap((p) =>
    p.pair.headers.map((h) => h.split("/").slice(-2).join("/")),
  );
  const what = `${compared} values against ${headers.join(", ")}`;
  const valueFindings = findings.length - (first ? items : 0);
  if (valueFindings || items)
    return {
      status: "fail",
      detail: `${valueFindings} value difference(s)${items ? `, ${items} item difference(s)${first ? "" : " (listed once)"}` : ""}; ${what}`,
      findings,
    };
  return { status: "pass", detail: what };
}
