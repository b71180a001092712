/**
 * The engine against a compiler, for one header on one ABI: every record's size and
 * alignment, every member's offset and size (bit offset and width for bitfields), every
 * enumerator, integer macro and ioctl number. The engine's side is what `uapi-gen lint`
 * reads: the imported model, laid out by src/layout, values as the IR holds them.
 */
import type { Abi } from "../../abi/abis.js";
import { ioctlNumber } from "../../layout/ioctl-size.js";
import type { FieldLayout } from "../../layout/layout.js";
import type { Layouts } from "../../layout/layouts.js";
import { valueOn, type Item, type Model, type ModuleIR } from "../../model/ir.js";
import type { RecordProbe, ValueProbe } from "./truth-unit.js";
import type { HeaderTruth } from "./truth.js";

export interface Counts {
  records: number;
  fields: number;
  bitfields: number;
  values: number;
  /** Probes the compiler could not answer (dropped), not compared. */
  unprobed: number;
  mismatches: number;
}

export interface Mismatch {
  readonly abi: string;
  readonly header: string;
  readonly what: string;
  readonly engine: string;
  readonly compiler: string;
}

export function zeroCounts(): Counts {
  return { records: 0, fields: 0, bitfields: 0, values: 0, unprobed: 0, mismatches: 0 };
}

/** Probes of a module's values: enumerators, integer and character constants, ioctls. */
export function valueProbes(module: ModuleIR): ValueProbe[] {
  return module.items.flatMap((item): ValueProbe[] => {
    if (item.kind === "enum")
      return item.members.map((m) => ({ key: `e:${m.name}`, expr: m.name }));
    if (item.kind === "constant" && item.value.kind !== "text")
      return [{ key: `c:${item.name}`, expr: item.name, ifdef: true }];
    if (item.kind === "ioctl") return [{ key: `i:${item.name}`, expr: item.name, ifdef: true }];
    return [];
  });
}

export function compareHeader(
  header: string,
  abi: Abi,
  model: Model,
  layouts: Layouts,
  records: readonly RecordProbe[],
  values: readonly ValueProbe[],
  truth: HeaderTruth,
  counts: Counts,
  mismatches: Mismatch[],
): void {
  const miss = (what: string, engine: unknown, compiler: unknown) => {
    counts.mismatches++;
    mismatches.push({
      abi: abi.name,
      header,
      what,
      engine: String(engine),
      compiler: String(compiler),
    });
  };
  const onAbi = (item: Item) => !item.abis || item.abis.includes(abi.name);
  for (const r of records) {
    const item = model.items.get(r.item);
    if (!item || (item.kind !== "struct" && item.kind !== "union")) continue;
    const t = truth.records.get(r.item);
    if (!onAbi(item)) {
      if (t) miss(`${r.item} exists`, "no", "yes");
      continue;
    }
    if (!t) {
      counts.unprobed++;
      continue;
    }
    const layout = layouts.of(item, abi);
    counts.records++;
    if (layout.size !== t.size || layout.align !== t.align)
      miss(`sizeof/_Alignof(${r.item})`, `${layout.size}/${layout.align}`, `${t.size}/${t.align}`);
    const byName = new Map<string, FieldLayout>();
    const flatten = (fs: readonly FieldLayout[]) => {
      for (const f of fs) {
        if (f.members) flatten(f.members);
        else byName.set(f.name, f);
      }
    };
    flatten(layout.fields);
    for (const m of r.members) {
      const key = `${r.item}.${m.name}`;
      const mt = truth.members.get(key);
      const f = byName.get(m.name);
      if (!mt || !f) {
        miss(`${key} exists`, f ? "yes" : "no", mt ? "yes" : "no");
        continue;
      }
      if (m.bitfield) {
        counts.bitfields++;
        if (mt.bitOffset !== f.bitOffset || mt.bitWidth !== f.bitWidth)
          miss(`bits of ${key}`, `${f.bitOffset}+${f.bitWidth}`, `${mt.bitOffset}+${mt.bitWidth}`);
        continue;
      }
      counts.fields++;
      if (mt.offset !== f.offset || (mt.size !== undefined && mt.size !== f.size))
        miss(`offset/size of ${key}`, `${f.offset}/${f.size}`, `${mt.offset}/${mt.size ?? "?"}`);
    }
  }
  for (const v of values) {
    const name = v.key.slice(2);
    const t = truth.values.get(v.key);
    const engine = engineValue(v.key, name, model, layouts, abi);
    if (engine === "absent") {
      if (t) miss(`${name} is defined`, "no", "yes");
      continue;
    }
    if (!t) {
      // The IR says it has a value here; the compiler found none.
      miss(`${name} has a value`, "yes", "no");
      continue;
    }
    counts.values++;
    const compiler = v.key.startsWith("i:") ? BigInt.asUintN(32, t.value) : t.value;
    if (engine !== compiler) miss(`value of ${name}`, engine, compiler);
  }
}

function engineValue(
  key: string,
  name: string,
  model: Model,
  layouts: Layouts,
  abi: Abi,
): bigint | "absent" {
  if (key.startsWith("e:")) {
    for (const item of model.items.values()) {
      if (item.kind !== "enum") continue;
      const m = item.members.find((x) => x.name === name);
      if (m) return item.abis && !item.abis.includes(abi.name) ? "absent" : valueOn(m, abi.name);
    }
    return "absent";
  }
  const item = model.items.get(name);
  if (!item || (item.abis && !item.abis.includes(abi.name))) return "absent";
  if (item.kind === "ioctl") {
    // An ioctl whose argument record this ABI does not declare has no number here.
    const arg = item.arg ? model.items.get(item.arg) : undefined;
    if (arg?.abis && !arg.abis.includes(abi.name)) return "absent";
    return BigInt(ioctlNumber(item, layouts, abi));
  }
  if (item.kind === "constant" && item.value.kind === "int") return valueOn(item.value, abi.name);
  if (item.kind === "constant" && item.value.kind === "char") return BigInt(item.value.value);
  return "absent";
}

/** The generated header's compiler answers against the original's (the round trip). */
export function compareTruths(
  header: string,
  abi: Abi,
  original: HeaderTruth,
  generated: HeaderTruth,
  mismatches: Mismatch[],
): number {
  let compared = 0;
  const miss = (what: string, a: unknown, b: unknown) =>
    mismatches.push({ abi: abi.name, header, what, engine: String(b), compiler: String(a) });
  if (!generated.compiled) {
    miss("the generated header compiles", "yes", `no: ${generated.errors[0] ?? ""}`);
    return compared;
  }
  for (const [name, r] of original.records) {
    compared++;
    const g = generated.records.get(name);
    if (!g || g.size !== r.size || g.align !== r.align)
      miss(
        `sizeof/_Alignof(${name})`,
        `${r.size}/${r.align}`,
        g ? `${g.size}/${g.align}` : "missing",
      );
  }
  for (const [key, m] of original.members) {
    compared++;
    const g = generated.members.get(key);
    const same =
      g &&
      g.offset === m.offset &&
      g.size === m.size &&
      g.bitOffset === m.bitOffset &&
      g.bitWidth === m.bitWidth;
    if (!same) miss(`layout of ${key}`, JSON.stringify(m), g ? JSON.stringify(g) : "missing");
  }
  for (const [key, v] of original.values) {
    compared++;
    const g = generated.values.get(key);
    if (!g || g.value !== v.value)
      miss(`value of ${key.slice(2)}`, v.value, g ? g.value : "missing");
  }
  return compared;
}
