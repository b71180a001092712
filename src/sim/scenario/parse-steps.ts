/** Reading `steps`: exactly one action key per step, its keys, and its `expect`. */
import type { Abi } from "../../abi/abis.js";
import * as iommufd from "../../../out/ts/iommufd.js";
import { IOCTL_OPS } from "../kernel/dispatcher.js";
import type { TlbEntry } from "../smmu/caches.js";
import type { DesignId } from "../variants/designs.js";
import type { Ioctl } from "../../runtime/ioctl.js";
import { Ioctl as IoctlClass } from "../../runtime/ioctl.js";
import { commandWords, DATA_TYPES, entryBytes, TARGET_ENTRY, type EntryCodec } from "./entries.js";
import type { Where } from "./format-error.js";
import { readExpect } from "./parse-expect.js";
import type {
  ActionName,
  ActionSpec,
  ArgMapping,
  ObjectKindName,
  ObjectSpec,
  Pointer,
  Ref,
  Step,
} from "./types.js";
import {
  array,
  bool,
  hexBytes,
  integer,
  isObject,
  keys,
  named,
  object,
  own,
  smallInt,
  string,
  type Json,
  type JsonObject,
} from "./values.js";

interface Ctx {
  readonly w: Where;
  readonly abi: Abi;
  readonly kinds: ReadonlyMap<string, ObjectKindName>;
  readonly objects: readonly ObjectSpec[];
  readonly variant: DesignId;
}

function target(c: Ctx, key: string, v: Json | undefined, kinds?: readonly ObjectKindName[]): Ref {
  if (v === undefined) c.w.fail(key, "required");
  if (typeof v !== "string" || /^(0x[0-9a-f]+|[0-9]+)$/i.test(v)) return smallInt(c.w, key, v);
  const kind = c.kinds.get(v);
  if (!kind) c.w.fail(key, `no object is named ${JSON.stringify(v)}`);
  if (kinds && !kinds.includes(kind))
    c.w.fail(key, `${JSON.stringify(v)} is a ${kind}, expected ${kinds.join(" or ")}`);
  return v;
}

function pointer(c: Ctx, key: string, v: Json | undefined): Pointer {
  if (v === undefined) return { valid: true };
  if (v === null) return { raw: 0n };
  if (v === "fault") return { raw: 0xdead_0000_0000_0000n };
  return { raw: integer(c.w, key, v) };
}

/** `arg` (an extension): "fault" passes a pointer whose reads fault, "readonly" one whose write-back faults. */
function argMapping(c: Ctx, key: string, v: Json | undefined): ArgMapping {
  if (v === undefined) return "normal";
  if (v !== "fault" && v !== "readonly" && v !== "normal")
    c.w.fail(key, 'expected "normal", "fault" or "readonly"');
  return v;
}

const DATA_TYPE_VALUES = Object.fromEntries(
  Object.entries(DATA_TYPES).map(([k, d]) => [k, d.value]),
);

/** The entry struct: named by the data type, or implied by the target object. */
function entryCodecFor(c: Ctx, hwpt: Ref, rawDataType: Json): EntryCodec | undefined {
  const named = typeof rawDataType === "string" ? own(DATA_TYPES, rawDataType) : undefined;
  if (named) return named.entry;
  if (typeof hwpt !== "string") return undefined;
  const spec = c.objects.find((o) => o.name === hwpt)!;
  const dev = "dev" in spec ? c.objects.find((o) => o.name === spec.dev) : undefined;
  const iommu = dev?.kind === "smmu_device" ? "smmu" : dev?.kind === "vtd_device" ? "vtd" : "mock";
  return TARGET_ENTRY[`${spec.kind}/${iommu}`];
}

function invalidate(c: Ctx, o: JsonObject): ActionSpec {
  // A design other than the merged one builds its own struct: only the commands are the scenario's.
  keys(
    c.w,
    "invalidate",
    o,
    c.variant === "a"
      ? [
          "hwpt",
          "data_type",
          "entries",
          "entry_len",
          "entry_num",
          "data_uptr",
          "reserved",
          "size",
          "arg",
        ]
      : ["hwpt", "data_type", "entries"],
  );
  if (
    c.variant !== "a" &&
    o.data_type !== "IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3" &&
    o.data_type !== 1
  ) {
    c.w.fail(
      "invalidate.data_type",
      `variant ${c.variant} models the SMMUv3 vIOMMU path only: use IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3`,
    );
  }
  const hwpt = target(c, "invalidate.hwpt", o.hwpt);
  if (o.data_type === undefined) c.w.fail("invalidate.data_type", "required");
  const dataType = named(c.w, "invalidate.data_type", o.data_type, DATA_TYPE_VALUES);
  const given = o.entries === undefined ? [] : array(c.w, "invalidate.entries", o.entries);
  const entry = entryCodecFor(c, hwpt, o.data_type);
  const firstRaw = given.find((e) => isObject(e) && "bytes" in e) as JsonObject | undefined;
  const defaultLen = entry
    ? entry.size(c.abi)
    : firstRaw
      ? hexBytes(c.w, "invalidate.entries[0].bytes", firstRaw.bytes ?? null).length
      : 0;
  const entryLen =
    o.entry_len === undefined ? defaultLen : smallInt(c.w, "invalidate.entry_len", o.entry_len);
  return {
    action: "invalidate",
    hwpt,
    dataType,
    entries: given.map((e, i) =>
      entryBytes(c.w, `invalidate.entries[${i}]`, e, entry, entryLen, c.abi),
    ),
    entryLen,
    entryNum:
      o.entry_num === undefined ? given.length : smallInt(c.w, "invalidate.entry_num", o.entry_num),
    dataUptr: pointer(c, "invalidate.data_uptr", o.data_uptr),
    reserved: o.reserved === undefined ? 0 : smallInt(c.w, "invalidate.reserved", o.reserved),
    size: o.size === undefined ? 32 : smallInt(c.w, "invalidate.size", o.size),
    arg: argMapping(c, "invalidate.arg", o.arg),
  };
}

const IOCTLS: ReadonlyMap<string, Ioctl> = new Map(
  Object.values(iommufd)
    .filter((x): x is Ioctl => x instanceof IoctlClass)
    .map((x) => [x.name, x]),
);

function ioctl(c: Ctx, o: JsonObject): ActionSpec {
  keys(c.w, "ioctl", o, ["cmd", "size", "fields", "trailing", "arg"]);
  let number: number;
  if (typeof o.cmd === "string" && !/^(0x[0-9a-f]+|[0-9]+)$/i.test(o.cmd)) {
    const io = IOCTLS.get(o.cmd);
    if (!io) c.w.fail("ioctl.cmd", `unknown ioctl ${JSON.stringify(o.cmd)}`);
    if (![...IOCTL_OPS.values()].some((op) => op.ioctl === io))
      c.w.fail(
        "ioctl.cmd",
        `${o.cmd} is not modelled by the simulator (modelled: ${[...IOCTL_OPS.values()].map((op) => op.ioctl.name).join(", ")})`,
      );
    number = io.number(c.abi);
  } else number = smallInt(c.w, "ioctl.cmd", o.cmd ?? null);
  const op = [...IOCTL_OPS.values()].find((x) => x.ioctl.number(c.abi) === number);
  const codec = op?.codec;
  const fields: Record<string, bigint | Ref | Pointer> = {};
  const zero = (codec?.zero(c.abi) ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(
    o.fields === undefined ? {} : object(c.w, "ioctl.fields", o.fields),
  )) {
    const key = `ioctl.fields.${k}`;
    if (!Object.hasOwn(zero, k))
      c.w.fail(
        key,
        codec
          ? `${codec.name} has no field ${k}`
          : "this ioctl number has no struct the simulator knows; give no fields",
      );
    if (k === "data_uptr") fields[k] = pointer(c, key, v);
    else if (k === "hwpt_id" || k === "id") fields[k] = target(c, key, v);
    else
      fields[k] = integer(
        c.w,
        key,
        v,
        codec!.layout(c.abi).fields.find((f) => f.name === k)!.size * 8,
      );
  }
  const size =
    o.size === undefined ? (codec?.size(c.abi) ?? 0) : smallInt(c.w, "ioctl.size", o.size);
  return {
    action: "ioctl",
    number,
    codec,
    fields,
    size,
    trailing:
      o.trailing === undefined ? new Uint8Array(0) : hexBytes(c.w, "ioctl.trailing", o.trailing),
    arg: argMapping(c, "ioctl.arg", o.arg),
  };
}

function guestCommand(c: Ctx, key: string, v: Json): bigint[] {
  if (isObject(v) && "bytes" in v) {
    const b = hexBytes(c.w, `${key}.bytes`, v.bytes ?? null);
    if (b.length !== 16) c.w.fail(`${key}.bytes`, "a command is 16 bytes");
    const view = new DataView(b.buffer);
    return [view.getBigUint64(0, true), view.getBigUint64(8, true)];
  }
  return commandWords(c.w, key, v);
}

const SIZES: Readonly<Record<string, number>> = {
  "4K": 12,
  "16K": 14,
  "64K": 16,
  "2M": 21,
  "32M": 25,
  "512M": 29,
  "1G": 30,
};

function sizeLog2(c: Ctx, key: string, v: Json | undefined, dflt: string): number {
  const s = v === undefined ? dflt : string(c.w, key, v);
  const n = own(SIZES, s);
  if (n === undefined)
    c.w.fail(key, `unknown size ${JSON.stringify(s)} (expected ${Object.keys(SIZES).join(", ")})`);
  return n;
}

function cacheFill(c: Ctx, o: JsonObject): ActionSpec {
  keys(c.w, "cache_fill", o, ["tlb", "atc", "ste", "cd"]);
  const list = (k: string): JsonObject[] =>
    o[k] === undefined
      ? []
      : array(c.w, `cache_fill.${k}`, o[k]).map((x, i) => object(c.w, `cache_fill.${k}[${i}]`, x));
  const tlb = list("tlb").map((e, i): TlbEntry => {
    const key = `cache_fill.tlb[${i}]`;
    keys(c.w, key, e, ["regime", "vmid", "asid", "addr", "size", "granule", "level", "leaf"]);
    const regime = e.regime === undefined ? "s1" : string(c.w, `${key}.regime`, e.regime);
    if (regime !== "s1" && regime !== "s2" && regime !== "el2")
      c.w.fail(`${key}.regime`, "expected s1, s2 or el2");
    const granule = sizeLog2(c, `${key}.granule`, e.granule, "4K");
    const size = sizeLog2(c, `${key}.size`, e.size, "4K");
    const addr = integer(c.w, `${key}.addr`, e.addr ?? null);
    if (addr & ((1n << BigInt(size)) - 1n))
      c.w.fail(`${key}.addr`, "not aligned to the mapping size");
    const level =
      e.level === undefined
        ? 3 - (size - granule) / (granule - 3)
        : smallInt(c.w, `${key}.level`, e.level);
    return {
      regime,
      vmid: e.vmid === undefined ? 0 : smallInt(c.w, `${key}.vmid`, e.vmid, 16),
      asid: e.asid === undefined ? 0 : smallInt(c.w, `${key}.asid`, e.asid, 16),
      addr,
      sizeLog2: size,
      granuleLog2: granule,
      level,
      leaf: e.leaf === undefined ? true : bool(c.w, `${key}.leaf`, e.leaf),
    };
  });
  const atc = list("atc").map((e, i) => {
    const key = `cache_fill.atc[${i}]`;
    keys(c.w, key, e, ["sid", "ssid", "addr", "size"]);
    return {
      sid: smallInt(c.w, `${key}.sid`, e.sid ?? null),
      entry: {
        ssid: e.ssid === undefined ? undefined : smallInt(c.w, `${key}.ssid`, e.ssid, 20),
        addr: integer(c.w, `${key}.addr`, e.addr ?? null),
        sizeLog2: sizeLog2(c, `${key}.size`, e.size, "4K"),
      },
    };
  });
  const ste =
    o.ste === undefined
      ? []
      : array(c.w, "cache_fill.ste", o.ste).map((x, i) => smallInt(c.w, `cache_fill.ste[${i}]`, x));
  const cd = list("cd").map((e, i) => ({
    sid: smallInt(c.w, `cache_fill.cd[${i}].sid`, e.sid ?? null),
    ssid: e.ssid === undefined ? 0 : smallInt(c.w, `cache_fill.cd[${i}].ssid`, e.ssid, 20),
  }));
  return { action: "cache_fill", tlb, atc, ste, cd };
}

const FAULTS = ["sync_timeout", "atc_timeout", "nomem"] as const;

const ACTIONS: Readonly<Record<ActionName, (c: Ctx, v: Json) => ActionSpec>> = {
  invalidate: (c, v) => invalidate(c, object(c.w, "invalidate", v)),
  ioctl: (c, v) => ioctl(c, object(c.w, "ioctl", v)),
  guest_cmdq: (c, v) => {
    const o = object(c.w, "guest_cmdq", v);
    keys(c.w, "guest_cmdq", o, ["viommu", "commands"]);
    const commands = array(c.w, "guest_cmdq.commands", o.commands ?? null).map((x, i) =>
      guestCommand(c, `guest_cmdq.commands[${i}]`, x),
    );
    return {
      action: "guest_cmdq",
      viommu: target(c, "guest_cmdq.viommu", o.viommu, ["viommu"]) as string,
      commands,
    };
  },
  guest_ack: (c, v) => {
    const o = object(c.w, "guest_ack", v);
    keys(c.w, "guest_ack", o, ["viommu", "skip"]);
    return {
      action: "guest_ack",
      viommu: target(c, "guest_ack.viommu", o.viommu, ["viommu"]) as string,
      skip: o.skip === undefined ? true : bool(c.w, "guest_ack.skip", o.skip),
    };
  },
  fault: (c, v) => {
    const o = object(c.w, "fault", v);
    keys(c.w, "fault", o, ["kind", "sid"]);
    const kind = string(c.w, "fault.kind", o.kind ?? null) as (typeof FAULTS)[number];
    if (!FAULTS.includes(kind))
      c.w.fail(
        "fault.kind",
        `unknown fault ${JSON.stringify(kind)} (expected ${FAULTS.join(", ")})`,
      );
    if (kind === "atc_timeout" && o.sid === undefined)
      c.w.fail("fault.sid", "required for atc_timeout: the physical StreamID");
    return {
      action: "fault",
      kind,
      sid: o.sid === undefined ? 0 : smallInt(c.w, "fault.sid", o.sid),
    };
  },
  destroy: (c, v) => ({ action: "destroy", target: target(c, "destroy", v) }),
  cache_fill: (c, v) => cacheFill(c, object(c.w, "cache_fill", v)),
};

export function readSteps(
  w: Where,
  v: Json | undefined,
  abi: Abi,
  objects: readonly ObjectSpec[],
  kinds: ReadonlyMap<string, ObjectKindName>,
  variant: DesignId = "a",
): Step[] {
  return (v === undefined ? [] : array(w, "steps", v)).map((raw, index) => {
    const at: Where = w.at(`step ${index}`);
    if (!isObject(raw)) at.fail("steps", "expected an object with one action key and expect");
    const actions = Object.keys(raw).filter((k) => k !== "expect");
    for (const k of actions)
      if (!Object.hasOwn(ACTIONS, k))
        at.fail(k, `unknown action (expected one of ${Object.keys(ACTIONS).join(", ")})`);
    if (actions.length !== 1)
      at.fail(
        actions[1] ?? "steps",
        actions.length
          ? `a step has exactly one action, this one has ${actions.join(" and ")}`
          : `no action (expected one of ${Object.keys(ACTIONS).join(", ")})`,
      );
    const name = actions[0] as ActionName;
    const spec = ACTIONS[name]({ w: at, abi, kinds, objects, variant }, raw[name]!);
    return { index, spec, expect: readExpect(at, raw.expect, kinds) };
  });
}
