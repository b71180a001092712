/** Reading `expect`: errno, entry_num, output fields, probes and the guest queue registers. */
import { isErrno, type Errno } from "../errno.js";
import { isCerrorName } from "../smmu/errors.js";
import type { Where } from "./format-error.js";
import type { Expect, ObjectKindName } from "./types.js";
import {
  array,
  bool,
  describe,
  hex,
  integer,
  keys,
  object,
  own,
  smallInt,
  string,
  type Json,
} from "./values.js";

type Normalise = (w: Where, key: string, v: Json) => Json;

const ints: Normalise = (w, key, v) =>
  array(w, key, v).map((x, i) => smallInt(w, `${key}[${i}]`, x));
const strings: Normalise = (w, key, v) =>
  array(w, key, v).map((x, i) => string(w, `${key}[${i}]`, x));
const words: Normalise = (w, key, v) =>
  array(w, key, v).map((c, i) => {
    const pair = array(w, `${key}[${i}]`, c);
    if (pair.length !== 2) w.fail(`${key}[${i}]`, "expected the two words of a command");
    return pair.map((x, j) => hex(integer(w, `${key}[${i}][${j}]`, x)));
  });
const cerrors: Normalise = (w, key, v) =>
  array(w, key, v).map((x, i) => {
    string(w, `${key}[${i}]`, x);
    if (!isCerrorName(x as string))
      w.fail(`${key}[${i}]`, `unknown CERROR name ${JSON.stringify(x)}`);
    return x;
  });
const forwarded: Normalise = (w, key, v) =>
  array(w, key, v).map((x, i) => {
    const o = object(w, `${key}[${i}]`, x);
    keys(w, `${key}[${i}]`, o, ["entries", "errno", "entry_num"]);
    return {
      entries: smallInt(w, `${key}[${i}].entries`, o.entries ?? null),
      errno: errnoOf(w, `${key}[${i}].errno`, o.errno ?? null),
      entry_num: smallInt(w, `${key}[${i}].entry_num`, o.entry_num ?? null),
    };
  });

/** Probes on the SMMU, by name. */
const SMMU_PROBES: Readonly<Record<string, Normalise>> = {
  "smmu.issued": words,
  "smmu.errors": cerrors,
  "smmu.tlb": strings,
  "smmu.atc": strings,
  "smmu.ste": ints,
  "smmu.cd": strings,
};

/** Probes on a named object, by the object's kind and the probe's suffix. */
const OBJECT_PROBES: Readonly<
  Partial<Record<ObjectKindName, Readonly<Record<string, Normalise>>>>
> = {
  hwpt_nested: { iotlb: ints, flushes: strings },
  mock_device: { cache: ints },
  viommu: { forwarded, handled: strings },
};

export function errnoOf(w: Where, key: string, v: Json): Errno {
  if (v === 0 || v === 0n || v === "OK") return "OK";
  if (typeof v !== "string" || !isErrno(v))
    w.fail(
      key,
      `expected "OK", 0 or an errno name, got ${typeof v === "string" && v.length <= 60 ? JSON.stringify(v) : describe(v)}`,
    );
  return v;
}

export function readExpect(
  w: Where,
  v: Json | undefined,
  kinds: ReadonlyMap<string, ObjectKindName>,
): Expect {
  if (v === undefined) w.fail("expect", "required (use {} for a step that checks nothing)");
  const o = object(w, "expect", v);
  keys(w, "expect", o, [
    "errno",
    "entry_num",
    "fields",
    "state",
    "cons",
    "cons_err",
    "gerror_cmdq_err",
  ]);
  const field = (k: string, x: Json): bigint | bigint[] =>
    Array.isArray(x)
      ? x.map((e, i) => integer(w, `expect.fields.${k}[${i}]`, e))
      : integer(w, `expect.fields.${k}`, x);
  const fields =
    o.fields === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(object(w, "expect.fields", o.fields)).map(([k, x]) => [k, field(k, x)]),
        );
  let state: Record<string, Json> | undefined;
  if (o.state !== undefined) {
    state = {};
    for (const [probe, x] of Object.entries(object(w, "expect.state", o.state))) {
      const key = `expect.state.${probe}`;
      const dot = probe.lastIndexOf(".");
      const [owner, what] = [probe.slice(0, dot), probe.slice(dot + 1)];
      const kind = kinds.get(owner);
      const perKind = kind ? own(OBJECT_PROBES, kind) : undefined;
      const normalise = own(SMMU_PROBES, probe) ?? (perKind ? own(perKind, what) : undefined);
      if (!normalise)
        w.fail(
          key,
          `unknown probe (expected smmu.issued, smmu.errors, smmu.tlb, smmu.atc, smmu.ste, smmu.cd, <hwpt_nested>.iotlb, <hwpt_nested>.flushes, <mock_device>.cache, <viommu>.forwarded or <viommu>.handled)`,
        );
      state[probe] = normalise(w, key, x);
    }
  }
  const consErr = o.cons_err === undefined ? undefined : string(w, "expect.cons_err", o.cons_err);
  if (consErr !== undefined && !isCerrorName(consErr))
    w.fail("expect.cons_err", `unknown CERROR name ${JSON.stringify(consErr)}`);
  return {
    errno: o.errno === undefined ? undefined : errnoOf(w, "expect.errno", o.errno),
    entryNum:
      o.entry_num === undefined
        ? undefined
        : o.entry_num === null
          ? null
          : smallInt(w, "expect.entry_num", o.entry_num),
    fields,
    state,
    cons: o.cons === undefined ? undefined : smallInt(w, "expect.cons", o.cons, 20),
    consErr: consErr as Expect["consErr"],
    gerrorCmdqErr:
      o.gerror_cmdq_err === undefined
        ? undefined
        : bool(w, "expect.gerror_cmdq_err", o.gerror_cmdq_err),
    raw: o,
  };
}
