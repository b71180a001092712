/**
 * Scenario files: mutants of the shipped scenarios, as data (values replaced with hostile
 * ones, keys removed or added, list entries repeated into long lists) and sometimes as text,
 * written back as JSON or YAML.
 */
import { parse as parseYaml, stringify as toYaml } from "yaml";
import type { Rng } from "../lib/rng.js";
import type { FuzzCase } from "../lib/types.js";
import type { FamilyMaker } from "./family.js";
import { lines, mutateText } from "./mutate-text.js";
import { scenarioSeeds } from "./seeds.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
let seeds: { name: string; data: Json; text: string }[] = [];

const KEYS = [
  "__proto__",
  "toString",
  "constructor",
  "valueOf",
  "expect",
  "name",
  "kind",
  "op",
  "bytes",
  "x",
];

function hostile(rng: Rng): Json {
  switch (rng.int(12)) {
    case 0:
      return rng.pick([0, 1, -1, 1.5, 2 ** 31, 2 ** 32, 2 ** 53, 2 ** 64, 1e308, -0]);
    case 1:
      return rng.pick([true, false, null]);
    case 2:
      return rng.pick(KEYS);
    case 3:
      return `0x${"f".repeat(rng.pick([16, 17, 64, 200]))}`;
    case 4:
      return rng.chance(0.05)
        ? "ab".repeat(4_000_000)
        : "ab".repeat(rng.pick([1, 15, 16, 17, 5000]));
    case 5:
      return rng.pick([
        "fault",
        "readonly",
        "normal",
        "OK",
        "EIO",
        "EINVAL",
        "CERROR_ILL",
        "4K",
        "1G",
      ]);
    case 6:
      return [];
    case 7:
      return {};
    case 8:
      return rng.pick(["CMD_SYNC", "CMD_TLBI_NH_ALL", "CMD_CFGI_STE", "CMD_ATC_INV", "CMD_FOO"]);
    case 9:
      return rng.pick(["IOMMU_HWPT_INVALIDATE", "IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3", "x"]);
    case 10:
      return "9".repeat(rng.pick([20, 100, 5000]));
    default:
      return { [rng.pick(KEYS)]: rng.pick([1, "x", [], {}]) };
  }
}

/** Every container in the tree with the key or index of each of its children. */
function slots(root: Json): { owner: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { owner: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length) {
    const v = stack.pop()!;
    if (Array.isArray(v)) v.forEach((c, i) => (out.push({ owner: v, key: i }), stack.push(c)));
    else if (v && typeof v === "object")
      for (const k of Object.keys(v)) (out.push({ owner: v, key: k }), stack.push(v[k]!));
  }
  return out;
}

/** A value of the same kind, mostly one the format accepts: the run then gets to simulate. */
function benign(rng: Rng, v: Json): Json {
  if (typeof v === "number") return rng.pick([0, 1, 2, 3, 7, 16, 31, 63, 64, 255, v + 1, v * 2]);
  if (typeof v === "boolean") return !v;
  if (typeof v === "string" && /^0x[0-9a-f]+$/i.test(v))
    return `0x${(BigInt(v) ^ (1n << BigInt(rng.int(64)))).toString(16)}`;
  return v;
}

function mutateData(rng: Rng, root: Json): void {
  const all = slots(root);
  if (!all.length) return;
  const { owner, key } = rng.pick(all);
  const o = owner as Record<string | number, Json>;
  if (rng.chance(0.5)) {
    o[key] = benign(rng, o[key]!);
    return;
  }
  switch (rng.int(5)) {
    case 0:
      o[key] = hostile(rng);
      break;
    case 1:
      if (Array.isArray(owner)) owner.splice(key as number, 1);
      else delete o[key];
      break;
    case 2:
      if (Array.isArray(owner))
        owner.splice(
          key as number,
          0,
          ...Array.from({ length: rng.pick([1, 10, 1000, 30000]) }, () =>
            structuredClone(owner[key as number]!),
          ),
        );
      else
        Object.defineProperty(owner, rng.pick(KEYS), {
          value: hostile(rng),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      break;
    case 3: {
      const other = rng.pick(all);
      const t = other.owner as Record<string | number, Json>;
      [o[key], t[other.key]] = [structuredClone(t[other.key]!), structuredClone(o[key]!)];
      break;
    }
    default:
      o[key] = [structuredClone(o[key]!)];
  }
}

export const scenariosFamily: FamilyMaker = {
  name: "scenarios",
  load() {
    seeds = scenarioSeeds().map((s) => ({
      name: s.name,
      data: parseYaml(s.text) as Json,
      text: s.text,
    }));
    return seeds.length > 0;
  },
  make(rng, i): FuzzCase {
    const seed = rng.pick(seeds);
    const textual = rng.chance(0.15);
    const yaml = textual ? !seed.name.endsWith(".json") : rng.chance(0.3);
    const file = yaml ? "scenario.yaml" : "scenario.json";
    let text: string;
    if (textual) text = mutateText(rng, seed.text, rng.pick(seeds).text, rng.between(1, 3));
    else {
      const data = structuredClone(seed.data);
      for (let k = rng.between(1, 4); k > 0; k--) mutateData(rng, data);
      text = yaml ? toYaml(data) : JSON.stringify(data, null, 1);
    }
    return { family: "scenarios", id: `scenarios-${i}`, files: { [file]: text }, main: file };
  },
  pieces: (c) => lines(c.files[c.main]!),
  rebuild: (c, pieces) => ({ ...c, files: { [c.main]: pieces.join("\n") } }),
  reproduce: (c) => `uapi-gen sim run ${c.main} --format json`,
};
