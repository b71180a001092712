/**
 * Reading a scenario file (docs/scenario-format.md): JSON or YAML, one scenario
 * object or an array of them, every key checked. Keys beyond the spec (all optional): `abi`
 * (the ABI whose codecs encode every struct, default x86_64); `variant` (the error-reporting
 * design an SMMUv3 vIOMMU invalidation uses: a, a-fixed, b, c, d or e); `smmu.hyp`, `smmu.pri`,
 * `smmu.stall`, `smmu.ssidsize`, `smmu.qemu_lenient`, `smmu.cmdq_log2size`; `vmm.batching`,
 * `vmm.cons_policy`.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { readYaml } from "./yaml.js";
import { ABI_NAMES, findAbi } from "../../abi/abis.js";
import { isErrno, type Errno } from "../errno.js";
import { KERNEL_LEVELS, type KernelLevel } from "../kernel/kernel.js";
import type { SmmuConfig } from "../smmu/config.js";
import { isCerrorName, type CerrorName } from "../smmu/errors.js";
import type { VmmConfig } from "../vmm/policy.js";
import { ScenarioFormatError, Where } from "./format-error.js";
import { readObjects } from "./parse-objects.js";
import { readSteps } from "./parse-steps.js";
import type { Scenario } from "./types.js";
import { DESIGN_IDS, type DesignId } from "../variants/designs.js";
import {
  bool,
  isObject,
  keys,
  object,
  smallInt,
  string,
  type Json,
  type JsonObject,
} from "./values.js";

/**
 * Scenario files larger than this are refused before they are parsed. A YAML document costs
 * the yaml package some 70 bytes of memory per character (25 MB: 1.7 GB and 18 s), JSON a
 * few: large scenarios (a million commands) are written as JSON.
 */
const MAX_CHARACTERS = { yaml: 4 * 1024 * 1024, json: 32 * 1024 * 1024 } as const;

const SCENARIO_KEYS = ["name", "kernel", "smmu", "vmm", "objects", "steps", "abi", "variant"];

function readSmmu(w: Where, v: Json | undefined): Partial<SmmuConfig> {
  if (v === undefined) return {};
  const o = object(w, "smmu", v);
  const flags = [
    "ril",
    "ats",
    "stage1",
    "stage2",
    "check_reserved",
    "hyp",
    "pri",
    "stall",
    "qemu_lenient",
  ] as const;
  keys(w, "smmu", o, [...flags, "sidsize", "ssidsize", "batch", "cmdq_log2size"]);
  const out: Record<string, unknown> = {};
  const camel: Record<string, string> = {
    check_reserved: "checkReserved",
    qemu_lenient: "qemuLenient",
  };
  for (const f of flags) if (o[f] !== undefined) out[camel[f] ?? f] = bool(w, `smmu.${f}`, o[f]);
  if (o.sidsize !== undefined) out.sidsize = smallInt(w, "smmu.sidsize", o.sidsize, 6);
  if (o.ssidsize !== undefined) out.ssidsize = smallInt(w, "smmu.ssidsize", o.ssidsize, 5);
  const log2size =
    o.cmdq_log2size === undefined ? 8 : smallInt(w, "smmu.cmdq_log2size", o.cmdq_log2size, 5);
  if (log2size < 1 || log2size > 19)
    w.fail("smmu.cmdq_log2size", "expected 1 to 19 (IDR1.CMDQS is at most 19)");
  out.log2size = log2size;
  if (o.batch !== undefined) {
    const batch = smallInt(w, "smmu.batch", o.batch);
    if (batch < 2 || batch > 1 << log2size)
      w.fail(
        "smmu.batch",
        `expected 2 to ${1 << log2size}: a batch of batch − 1 commands plus a CMD_SYNC must fit the queue`,
      );
    out.batch = batch;
  }
  return out as Partial<SmmuConfig>;
}

function readVmm(w: Where, v: Json | undefined): Partial<VmmConfig> {
  if (v === undefined) return {};
  const o = object(w, "vmm", v);
  keys(w, "vmm", o, ["cmdq_log2size", "errno_map", "batching", "cons_policy"]);
  const out: { -readonly [K in keyof VmmConfig]?: VmmConfig[K] } = {};
  if (o.cmdq_log2size !== undefined) {
    out.log2size = smallInt(w, "vmm.cmdq_log2size", o.cmdq_log2size, 5);
    if (out.log2size > 19) w.fail("vmm.cmdq_log2size", "expected 0 to 19");
  }
  if (o.errno_map !== undefined) {
    const map: Partial<Record<Errno, CerrorName>> = {};
    for (const [errno, cerror] of Object.entries(object(w, "vmm.errno_map", o.errno_map))) {
      if (!isErrno(errno) || errno === "OK") w.fail(`vmm.errno_map.${errno}`, "not an errno name");
      const name = string(w, `vmm.errno_map.${errno}`, cerror);
      if (!isCerrorName(name))
        w.fail(`vmm.errno_map.${errno}`, `unknown CERROR name ${JSON.stringify(name)}`);
      map[errno] = name;
    }
    out.errnoMap = map;
  }
  if (o.batching !== undefined) out.batching = bool(w, "vmm.batching", o.batching);
  if (o.cons_policy !== undefined) {
    const p = string(w, "vmm.cons_policy", o.cons_policy);
    if (p !== "blamed" && p !== "batch_start")
      w.fail("vmm.cons_policy", "expected blamed or batch_start");
    out.consPolicy = p;
  }
  return out;
}

function readScenario(file: string, raw: JsonObject, index: number): Scenario {
  const top = new Where(file);
  const name = typeof raw.name === "string" ? raw.name : `#${index}`;
  const w: Where = top.in(name);
  if (raw.name === undefined) w.fail("name", "required");
  string(w, "name", raw.name);
  keys(w, "", raw, SCENARIO_KEYS);
  const kernel = (
    raw.kernel === undefined ? "latest" : string(w, "kernel", raw.kernel)
  ) as KernelLevel;
  if (!KERNEL_LEVELS.includes(kernel))
    w.fail("kernel", `expected one of ${KERNEL_LEVELS.join(", ")}`);
  const abiName = raw.abi === undefined ? "x86_64" : string(w, "abi", raw.abi);
  const abi = findAbi(abiName);
  if (!abi) w.fail("abi", `unknown ABI (expected one of ${ABI_NAMES.join(", ")})`);
  const variant = (raw.variant === undefined ? "a" : string(w, "variant", raw.variant)) as DesignId;
  if (!DESIGN_IDS.includes(variant)) w.fail("variant", `expected one of ${DESIGN_IDS.join(", ")}`);
  const { objects, known } = readObjects(w, raw.objects, abi);
  const steps = readSteps(w, raw.steps, abi, objects, known, variant);
  return {
    file,
    name,
    kernel,
    abi,
    variant,
    smmu: readSmmu(w, raw.smmu),
    vmm: readVmm(w, raw.vmm),
    objects,
    steps,
  };
}

/** Parses one file's text; `file` is the name every message uses. */
export function parseScenarios(file: string, text: string): Scenario[] {
  let doc: unknown;
  const yaml = /\.ya?ml$/i.test(extname(file));
  const limit = MAX_CHARACTERS[yaml ? "yaml" : "json"];
  if (text.length > limit)
    throw new ScenarioFormatError(
      `${file}: ${text.length} characters, over the limit of ${limit} for a ${yaml ? "YAML" : "JSON"} scenario file${yaml ? "; write large scenarios as JSON (limit 32 MiB)" : ""}`,
    );
  try {
    doc = yaml ? readYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new ScenarioFormatError(
      `${file}: not valid ${yaml ? "YAML" : "JSON"}: ${(e as Error).message.split("\n")[0]}`,
    );
  }
  const list = Array.isArray(doc) ? doc : [doc];
  if (list.length === 0) throw new ScenarioFormatError(`${file}: no scenarios`);
  return list.map((s, i) => {
    if (!isObject(s)) throw new ScenarioFormatError(`${file}: scenario #${i}: expected an object`);
    return readScenario(file, s, i);
  });
}

export function readScenarioFile(path: string, file = path): Scenario[] {
  if (!/\.(json|ya?ml)$/i.test(file))
    throw new ScenarioFormatError(`${file}: expected a .json, .yaml or .yml file`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ScenarioFormatError(
      `${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return parseScenarios(file, text);
}
