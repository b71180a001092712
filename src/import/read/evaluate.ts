/**
 * Evaluates expressions (macros, enumerators) of headers on one ABI with that ABI's own
 * compiler: clang's frontend reads the value probes' types from a filtered JSON AST; a cross
 * gcc compiles them to data (`unsigned long long` value bits and the probe's shape number)
 * read back from the object. An expression that is not an integer constant expression fails
 * on its own line; gcc then drops the failed lines and compiles again (at most 3 rounds).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Abi } from "../../abi/abis.js";
import { runCc1, splitJsonDocuments, UNIT_SENTINEL } from "../cc1.js";
import { readWords } from "../elf.js";
import { compileObjects, type UnitSource } from "../objects.js";
import {
  decodeValueProbe,
  fromParts,
  IOCTL_MACROS,
  valueProbe,
  type ProbedValue,
} from "../probes.js";
import { abiReader } from "../toolchain.js";

export interface EvalRequest {
  /** The header's absolute path and its unit number. */
  readonly header: string;
  readonly unit: number;
  /** Expressions by key; `ifdef` guards a macro that may be undefined. */
  readonly exprs: readonly {
    readonly key: string;
    readonly expr: string;
    readonly ifdef?: string;
  }[];
}

/** Values per header unit and key; a key without a value is not an integer constant. */
export type EvalResult = Map<number, Map<string, ProbedValue>>;

const MAX_ROUNDS = 3;

export async function evaluateOnAbi(
  abi: Abi,
  requests: readonly EvalRequest[],
  includeArgs: readonly string[],
  scratch: string,
): Promise<EvalResult> {
  return abi.compiler.kind === "clang"
    ? viaClang(abi, requests, includeArgs, scratch)
    : viaObjects(abi, requests, includeArgs, scratch);
}

function unitText(
  r: EvalRequest,
  probe: (id: number, expr: string) => string,
  skip: ReadonlySet<number>,
) {
  const lines = [
    `typedef int ${UNIT_SENTINEL}${r.unit};`,
    `#include ${JSON.stringify(r.header)}`,
    ...IOCTL_MACROS,
  ];
  const lineOf = new Map<number, number>();
  r.exprs.forEach((e, id) => {
    if (skip.has(id)) return;
    if (e.ifdef) lines.push(`#ifdef ${e.ifdef}`);
    lineOf.set(lines.length + 1, id);
    lines.push(probe(id, e.expr));
    if (e.ifdef) lines.push("#endif");
  });
  return { text: `${lines.join("\n")}\n`, lineOf };
}

async function viaClang(
  abi: Abi,
  requests: readonly EvalRequest[],
  includeArgs: readonly string[],
  scratch: string,
): Promise<EvalResult> {
  const out: EvalResult = new Map();
  const reader = await abiReader(abi);
  if (!reader.ok || !requests.length) return out;
  const inputs = requests.map((r) => {
    const path = join(scratch, `${r.unit}.eval-${abi.name}.c`);
    writeFileSync(path, unitText(r, (id, e) => valueProbe(`__uapi_v_${id}`, e), new Set()).text);
    return path;
  });
  const r = await runCc1(reader.reader, "ast", inputs, [
    ...includeArgs,
    "-ast-dump-filter=__uapi_",
  ]);
  const byUnit = new Map(requests.map((q) => [q.unit, q]));
  // A filtered dump prints each matching declaration as its own document: the sentinel of a
  // unit, then that unit's probes.
  let request: EvalRequest | undefined;
  const sentinel = new RegExp(`^\\s*"name": "${UNIT_SENTINEL}(\\d+)"`, "m");
  for (const doc of splitJsonDocuments(r.stdout)) {
    const s = sentinel.exec(doc);
    if (s) {
      request = byUnit.get(Number(s[1]));
      continue;
    }
    const p = /^\s*"name": "__uapi_v_(\d+)"/m.exec(doc);
    const q = /"qualType": "(void \(char[^"]*)"/.exec(doc);
    const e = p && request ? request.exprs[Number(p[1])] : undefined;
    const v = q ? decodeValueProbe(q[1]!) : undefined;
    if (!e || !v || !request) continue;
    let m = out.get(request.unit);
    if (!m) out.set(request.unit, (m = new Map()));
    m.set(e.key, v);
  }
  return out;
}

async function viaObjects(
  abi: Abi,
  requests: readonly EvalRequest[],
  includeArgs: readonly string[],
  scratch: string,
): Promise<EvalResult> {
  const out: EvalResult = new Map();
  const skip = new Map<number, Set<number>>(requests.map((r) => [r.unit, new Set<number>()]));
  let pending = [...requests];
  for (let round = 0; round < MAX_ROUNDS && pending.length; round++) {
    const made = pending.map((r) => {
      const u = unitText(r, dataProbe, skip.get(r.unit)!);
      const source: UnitSource = {
        path: join(scratch, `${r.unit}.eval-${abi.name}.c`),
        text: u.text,
      };
      return { r, u, source };
    });
    const compiled = await compileObjects(
      abi,
      made.map((m) => m.source),
      includeArgs,
    );
    if (!compiled.ok) return out;
    const again: EvalRequest[] = [];
    for (const { r, u, source } of made) {
      const obj = compiled.units.get(source.path);
      if (!obj) continue;
      if (obj.symbols) {
        const values = new Map<string, ProbedValue>();
        r.exprs.forEach((e, id) => {
          const bytes = obj.symbols!.get(`__uapi_d_${id}`);
          if (!bytes || bytes.length !== 16) return;
          const [bits, shape] = readWords(bytes, 8, obj.littleEndian ?? true);
          const v = fromParts(bits!, Number(shape!));
          if (v) values.set(e.key, v);
        });
        out.set(r.unit, values);
        continue;
      }
      // Drop the probes on the failed lines; a failure elsewhere (the header) ends it.
      const failed = [...obj.errorLines].map((l) => u.lineOf.get(l)).filter((x) => x !== undefined);
      if (!failed.length) continue;
      for (const id of failed) skip.get(r.unit)!.add(id);
      again.push(r);
    }
    pending = again;
  }
  return out;
}

/** The data a cross compiler emits for one expression: its 64 value bits and its shape. */
function dataProbe(id: number, expr: string): string {
  const e = `(${expr})`;
  return (
    `const unsigned long long __uapi_d_${id}[2] = { (unsigned long long)${e}, ` +
    `sizeof(${e}) * 4 + (${e} < 0) * 2 + (${e} - ${e} - 1 > 0) + 0 * (${e} % 1) };`
  );
}
