/**
 * Part 4b: abidiff as an independent judge. Across ABIs: each ABI's object against x86_64's,
 * whose verdict (which structs changed, and their sizes) must be what the layout engine says
 * differs between the two ABIs. Across versions: old and new definitions compiled for one
 * ABI, whose verdict must match the engine's old-versus-new comparison (see compareVersions).
 */
import type { Abi } from "../../abi/abis.js";
import { getAbi } from "../../abi/abis.js";
import type { Layouts } from "../../layout/layouts.js";
import type { Field, Model, StructItem, TypeRef } from "../../model/ir.js";
import { which, type Pool } from "../exec.js";
import { flattenFields } from "../probe.js";
import type { Finding, StepResult } from "../types.js";
import { structsOf, type Workspace } from "../workspace.js";
import { debugObject, type ObjectSource } from "./debug-objects.js";

export const REFERENCE_ABI = "x86_64";

export interface AbidiffVerdict {
  /** abidiff's exit status: 0 unchanged, bit 4 changed, bit 8 incompatible. */
  readonly code: number;
  readonly changed: ReadonlyMap<string, { readonly sizeBits?: readonly [number, number] }>;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly text: string;
}

export function parseAbidiff(code: number, text: string): AbidiffVerdict {
  const changed = new Map<string, { sizeBits?: [number, number] }>();
  const added: string[] = [];
  const removed: string[] = [];
  let current: { sizeBits?: [number, number] } | undefined;
  for (const line of text.split("\n")) {
    const head = /^\s*\[([CAD])\] '(?:struct|union) (\w+)'/.exec(line);
    if (head) {
      current = undefined;
      if (head[1] === "A") added.push(head[2]!);
      else if (head[1] === "D") removed.push(head[2]!);
      else changed.set(head[2]!, (current = {}));
      continue;
    }
    const size = /^ {4}type size changed from (\d+) to (\d+) \(in bits\)/.exec(line);
    if (size && current && !current.sizeBits) current.sizeBits = [Number(size[1]), Number(size[2])];
  }
  return { code, changed, added, removed, text };
}

export async function runAbidiff(
  pool: Pool,
  a: string,
  b: string,
  crossArch: boolean,
): Promise<AbidiffVerdict | { error: string }> {
  const r = await pool.exec("abidiff", [
    ...(crossArch ? ["--no-architecture"] : []),
    "--non-reachable-types",
    a,
    b,
  ]);
  if (r.code & 3)
    return { error: `abidiff failed (${r.code}):\n${r.stderr || r.stdout.toString()}` };
  return parseAbidiff(r.code, r.stdout.toString("utf8"));
}

/**
 * What DWARF shows of a struct: its size and each member's offset and size, recursively
 * (alignment is not in DWARF, so m68k's 2-byte alignment is invisible to abidiff), plus the
 * member type names when comparing versions of one ABI.
 */
export function signature(
  item: StructItem,
  model: Model,
  layouts: Layouts,
  abi: Abi,
  withTypes: boolean,
): string {
  const typeSig = (t: TypeRef): string => {
    if (t.kind === "scalar") return withTypes ? t.name : "";
    if (t.kind === "array") return `${typeSig(t.element)}[${t.length}]`;
    if (t.kind === "anonUnion") return "";
    const target = model.items.get(t.name) as StructItem;
    return `{${signature(target, model, layouts, abi, withTypes)}}`;
  };
  const leaves = (fs: readonly Field[]): Field[] =>
    fs.flatMap((f) => (f.type.kind === "anonUnion" ? leaves(f.type.members) : [f]));
  const l = layouts.of(item, abi);
  const fields = leaves(item.fields);
  const parts = flattenFields(l.fields).map(
    (f, i) => `${f.name}@${f.offset}:${f.size}${typeSig(fields[i]!.type)}`,
  );
  return `${l.size};${parts.join(";")}`;
}

export async function abidiffStep(ws: Workspace, abi: Abi, pool: Pool): Promise<StepResult> {
  if (abi.name === REFERENCE_ABI) return { status: "skip", detail: "the reference ABI" };
  if (!which("abidiff"))
    return { status: "missing", detail: "install abigail-tools", install: ["abigail-tools"] };
  const ref = getAbi(REFERENCE_ABI);
  const [a, b] = await Promise.all([debugObject(ws, ref, pool), debugObject(ws, abi, pool)]);
  for (const o of [a, b]) {
    if (o.ok) continue;
    if ("missing" in o)
      return { status: "missing", detail: `install ${o.missing}`, install: o.install };
    return {
      status: "fail",
      detail: "no debug object",
      findings: [{ abi: abi.name, check: "abidiff", message: o.error }],
    };
  }
  const verdict = await runAbidiff(
    pool,
    (a as { path: string }).path,
    (b as { path: string }).path,
    true,
  );
  if ("error" in verdict)
    return {
      status: "fail",
      detail: "abidiff failed",
      findings: [{ abi: abi.name, check: "abidiff", message: verdict.error }],
    };
  const items = structsOf(ws.primary);
  const findings = judge(items, verdict, abi.name, (item) => ({
    changed:
      signature(item, ws.model, ws.layouts, ref, false) !==
      signature(item, ws.model, ws.layouts, abi, false),
    bits: [ws.layouts.of(item, ref).size * 8, ws.layouts.of(item, abi).size * 8],
  }));
  const changed = items.filter((i) => verdict.changed.has(i.name)).length;
  if (findings.length)
    return { status: "fail", detail: `${findings.length} disagreement(s)`, findings };
  return {
    status: "pass",
    detail: `${changed} of ${items.length} structs differ from ${REFERENCE_ABI}, as the engine says`,
  };
}

/** Compares abidiff's per-struct verdict with the engine's. */
export function judge(
  items: readonly StructItem[],
  verdict: AbidiffVerdict,
  abi: string,
  ours: (item: StructItem) => { changed: boolean; bits: readonly [number, number] },
): Finding[] {
  const findings: Finding[] = [];
  for (const item of items) {
    const mine = ours(item);
    const theirs = verdict.changed.get(item.name);
    const say = (field: string, expected: string, actual: string, message: string) =>
      findings.push({ abi, check: "abidiff", struct: item.name, field, expected, actual, message });
    if (mine.changed !== !!theirs) {
      say(
        "verdict",
        mine.changed ? "changed" : "unchanged",
        theirs ? "changed" : "unchanged",
        "abidiff's verdict differs from the engine's",
      );
      continue;
    }
    const sizeChanged = mine.bits[0] !== mine.bits[1];
    const theirBits = theirs?.sizeBits;
    if (
      theirs &&
      (sizeChanged ? theirBits?.join("→") !== mine.bits.join("→") : theirBits !== undefined)
    ) {
      say(
        "size",
        sizeChanged ? `${mine.bits.join("→")} bits` : "same size",
        theirBits ? `${theirBits.join("→")} bits` : "same size",
        "abidiff's size change differs from the engine's",
      );
    }
  }
  return findings;
}

export type { ObjectSource };
