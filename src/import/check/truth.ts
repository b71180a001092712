/**
 * Compiles truth units (truth-unit.ts) for one ABI with that ABI's compiler and reads the
 * answers back from the objects: sizes, alignments, offsets, bitfield positions (the bits an
 * all-ones bitfield sets, in the ABI's allocation order: least significant bit first on
 * little-endian ABIs, most significant first on big-endian ones) and exact values.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Abi } from "../../abi/abis.js";
import { readWords } from "../elf.js";
import { compileObjects, type UnitSource } from "../objects.js";
import { fromParts, type ProbedValue } from "../probes.js";
import { truthUnit, type RecordProbe, type ValueProbe } from "./truth-unit.js";

export interface MemberTruth {
  readonly offset?: number;
  readonly size?: number;
  readonly bitOffset?: number;
  readonly bitWidth?: number;
}

export interface HeaderTruth {
  /** False when the header does not compile for the ABI (then nothing else is set). */
  readonly compiled: boolean;
  readonly errors: readonly string[];
  readonly records: ReadonlyMap<string, { size: number; align: number }>;
  /** `item.member` → what the compiler placed. */
  readonly members: ReadonlyMap<string, MemberTruth>;
  readonly values: ReadonlyMap<string, ProbedValue>;
}

export interface TruthRequest {
  readonly header: string;
  readonly records: readonly RecordProbe[];
  readonly values: readonly ValueProbe[];
}

const MAX_ROUNDS = 3;

export async function compileTruth(
  abi: Abi,
  requests: readonly TruthRequest[],
  includeArgs: readonly string[],
  scratch: string,
): Promise<HeaderTruth[]> {
  const dir = join(scratch, `truth-${abi.name}`);
  mkdirSync(dir, { recursive: true });
  const skip = requests.map(() => new Set<string>());
  const out: (HeaderTruth | undefined)[] = requests.map(() => undefined);
  let pending = requests.map((_, i) => i);
  for (let round = 0; round < MAX_ROUNDS && pending.length; round++) {
    const units = pending.map((i) => {
      const u = truthUnit(requests[i]!.header, requests[i]!.records, requests[i]!.values, skip[i]);
      return { i, u, source: { path: join(dir, `${i}.truth.c`), text: u.text } as UnitSource };
    });
    const compiled = await compileObjects(
      abi,
      units.map((u) => u.source),
      includeArgs,
    );
    if (!compiled.ok) {
      for (const { i } of units) out[i] = failed([compiled.message]);
      break;
    }
    const again: number[] = [];
    // One cc1 process emits no object after any unit's error, though every unit's errors are
    // reported: a unit with no object and no error of its own waits for the next round.
    const anyErrors = units.some(({ source }) => {
      const o = compiled.units.get(source.path)!;
      return o.errorLines.size > 0 || o.otherErrors.length > 0;
    });
    for (const { i, u, source } of units) {
      const obj = compiled.units.get(source.path)!;
      if (obj.symbols) {
        out[i] = decode(requests[i]!, obj.symbols, obj.littleEndian ?? true);
        continue;
      }
      const failedSymbols = [...obj.errorLines]
        .map((l) => u.lines.get(l))
        .filter((s) => s !== undefined);
      const poisoned = !failedSymbols.length && !obj.otherErrors.length && anyErrors;
      if (round === MAX_ROUNDS - 1 || (!failedSymbols.length && !poisoned)) {
        out[i] = failed(obj.otherErrors.length ? obj.otherErrors : ["the unit did not compile"]);
        continue;
      }
      for (const s of failedSymbols) skip[i]!.add(s);
      again.push(i);
    }
    pending = again;
  }
  return out.map((t) => t ?? failed(["not compiled"]));
}

function failed(errors: readonly string[]): HeaderTruth {
  return { compiled: false, errors, records: new Map(), members: new Map(), values: new Map() };
}

function decode(
  req: TruthRequest,
  symbols: ReadonlyMap<string, Uint8Array>,
  le: boolean,
): HeaderTruth {
  const records = new Map<string, { size: number; align: number }>();
  const members = new Map<string, MemberTruth>();
  const values = new Map<string, ProbedValue>();
  const words = (name: string) => {
    const b = symbols.get(name);
    return b ? readWords(b, 8, le).map(Number) : undefined;
  };
  req.records.forEach((r, k) => {
    const sa = words(`__uapi_r_${k}`);
    if (sa) records.set(r.item, { size: sa[0]!, align: sa[1]! });
    r.members.forEach((m, j) => {
      const key = `${r.item}.${m.name}`;
      if (m.bitfield) {
        const bytes = symbols.get(`__uapi_b_${k}_${j}`);
        const bits = bytes ? setBits(bytes, le) : undefined;
        if (bits) members.set(key, bits);
        return;
      }
      const o = words(`__uapi_o_${k}_${j}`);
      const s = words(`__uapi_s_${k}_${j}`);
      if (o || s)
        members.set(key, { ...(o ? { offset: o[0]! } : {}), ...(s ? { size: s[0]! } : {}) });
    });
  });
  req.values.forEach((v, k) => {
    const b = symbols.get(`__uapi_v_${k}`);
    if (!b || b.length !== 16) return;
    const [bits, shape] = readWords(b, 8, le);
    const value = fromParts(bits!, Number(shape!));
    if (value) values.set(v.key, value);
  });
  return { compiled: true, errors: [], records, members, values };
}

/** The run of set bits, numbered in allocation order; undefined when none or not one run. */
export function setBits(
  bytes: Uint8Array,
  le: boolean,
): { bitOffset: number; bitWidth: number } | undefined {
  let first = -1;
  let last = -1;
  let count = 0;
  for (let i = 0; i < bytes.length * 8; i++) {
    const byte = bytes[i >> 3]!;
    const bit = le ? (byte >> (i & 7)) & 1 : (byte >> (7 - (i & 7))) & 1;
    if (!bit) continue;
    if (first < 0) first = i;
    last = i;
    count++;
  }
  if (first < 0 || count !== last - first + 1) return undefined;
  return { bitOffset: first, bitWidth: count };
}
