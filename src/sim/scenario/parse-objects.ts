/** Reading the `objects` list: kinds, their keys, and references to earlier objects of the right kind. */
import type { Abi } from "../../abi/abis.js";
import {
  iommu_hwpt_arm_smmuv3,
  iommu_hwpt_data_type,
  iommu_hwpt_vtd_s1,
  iommu_viommu_type,
} from "../../../out/ts/iommufd.js";
import {
  iommu_hwpt_selftest,
  iommu_hwpt_selftest_data_type,
  iommu_viommu_selftest_type,
  IOMMU_TEST_DEV_CACHE_DEFAULT,
} from "../../../out/ts/iommufd_test.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Where } from "./format-error.js";
import type { ObjectKindName, ObjectSpec } from "./types.js";
import {
  array,
  bool,
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

export const HWPT_DATA_TYPES: Readonly<Record<string, number>> = {
  ...iommu_hwpt_data_type,
  ...iommu_hwpt_selftest_data_type,
};
export const VIOMMU_TYPES: Readonly<Record<string, number>> = {
  ...iommu_viommu_type,
  ...iommu_viommu_selftest_type,
};

const DATA_CODECS: Readonly<Record<number, StructCodec<unknown>>> = {
  [iommu_hwpt_selftest_data_type.IOMMU_HWPT_DATA_SELFTEST]:
    iommu_hwpt_selftest as StructCodec<unknown>,
  [iommu_hwpt_data_type.IOMMU_HWPT_DATA_VTD_S1]: iommu_hwpt_vtd_s1 as StructCodec<unknown>,
  [iommu_hwpt_data_type.IOMMU_HWPT_DATA_ARM_SMMUV3]: iommu_hwpt_arm_smmuv3 as StructCodec<unknown>,
};

const DEVICE_KINDS: readonly ObjectKindName[] = ["mock_device", "smmu_device", "vtd_device"];

type Known = Map<string, ObjectKindName>;

function ref(
  w: Where,
  key: string,
  v: Json | undefined,
  known: Known,
  kinds: readonly ObjectKindName[],
): string {
  if (v === undefined) w.fail(key, "required");
  const name = string(w, key, v);
  const kind = known.get(name);
  if (!kind) w.fail(key, `no earlier object is named ${JSON.stringify(name)}`);
  if (!kinds.includes(kind))
    w.fail(key, `${JSON.stringify(name)} is a ${kind}, expected ${kinds.join(" or ")}`);
  return name;
}

/** The hwpt_nested `data` fields encoded with the codec of its data type. */
function nestedData(w: Where, v: Json | undefined, dataType: number, abi: Abi): Uint8Array {
  const c = DATA_CODECS[dataType];
  if (!c) return new Uint8Array(0);
  const zero = c.zero(abi) as Record<string, unknown>;
  const value: Record<string, unknown> = { ...zero };
  const given = v === undefined ? {} : object(w, "data", v);
  for (const [k, x] of Object.entries(given)) {
    if (!Object.hasOwn(zero, k))
      w.fail(`data.${k}`, `${c.name} has no field ${k} (fields: ${Object.keys(zero).join(", ")})`);
    if (Array.isArray(zero[k]))
      value[k] = array(w, `data.${k}`, x).map((e, i) => integer(w, `data.${k}[${i}]`, e));
    else
      value[k] =
        typeof zero[k] === "bigint" ? integer(w, `data.${k}`, x) : smallInt(w, `data.${k}`, x);
    if (Array.isArray(zero[k]) && (value[k] as unknown[]).length !== (zero[k] as unknown[]).length)
      w.fail(`data.${k}`, `expected ${(zero[k] as unknown[]).length} values`);
  }
  return c.encode(value, abi, { validate: false });
}

type Reader = (w: Where, o: JsonObject, name: string, known: Known, abi: Abi) => ObjectSpec;

const READERS: Readonly<Record<ObjectKindName, { keys: readonly string[]; read: Reader }>> = {
  ioas: { keys: [], read: (_w, _o, name) => ({ kind: "ioas", name }) },
  mock_device: {
    keys: ["cache_default"],
    read: (w, o, name) => ({
      kind: "mock_device",
      name,
      cacheDefault:
        o.cache_default === undefined
          ? IOMMU_TEST_DEV_CACHE_DEFAULT
          : smallInt(w, "cache_default", o.cache_default),
    }),
  },
  smmu_device: {
    keys: ["sid", "ats"],
    read: (w, o, name) => {
      if (o.sid === undefined) w.fail("sid", "required: the device's physical StreamID");
      return {
        kind: "smmu_device",
        name,
        sid: smallInt(w, "sid", o.sid),
        ats: o.ats === undefined ? true : bool(w, "ats", o.ats),
      };
    },
  },
  vtd_device: { keys: [], read: (_w, _o, name) => ({ kind: "vtd_device", name }) },
  hwpt_paging: {
    keys: ["ioas", "dev", "nest_parent"],
    read: (w, o, name, known) => ({
      kind: "hwpt_paging",
      name,
      ioas: ref(w, "ioas", o.ioas, known, ["ioas"]),
      dev: ref(w, "dev", o.dev, known, DEVICE_KINDS),
      nestParent: o.nest_parent === undefined ? false : bool(w, "nest_parent", o.nest_parent),
    }),
  },
  hwpt_nested: {
    keys: ["parent", "dev", "data_type", "data"],
    read: (w, o, name, known, abi) => {
      if (o.data_type === undefined) w.fail("data_type", "required");
      const dataType = named(w, "data_type", o.data_type, HWPT_DATA_TYPES);
      return {
        kind: "hwpt_nested",
        name,
        parent: ref(w, "parent", o.parent, known, ["hwpt_paging", "viommu"]),
        dev: ref(w, "dev", o.dev, known, DEVICE_KINDS),
        dataType,
        data: nestedData(w, o.data, dataType, abi),
      };
    },
  },
  viommu: {
    keys: ["type", "hwpt", "dev", "vmid", "invalidate_op"],
    read: (w, o, name, known) => {
      if (o.type === undefined) w.fail("type", "required");
      return {
        kind: "viommu",
        name,
        type: named(w, "type", o.type, VIOMMU_TYPES),
        hwpt: ref(w, "hwpt", o.hwpt, known, ["hwpt_paging"]),
        dev: ref(w, "dev", o.dev, known, DEVICE_KINDS),
        vmid: o.vmid === undefined ? undefined : smallInt(w, "vmid", o.vmid, 16),
        invalidateOp:
          o.invalidate_op === undefined ? true : bool(w, "invalidate_op", o.invalidate_op),
      };
    },
  },
  vdevice: {
    keys: ["viommu", "dev", "virt_id"],
    read: (w, o, name, known) => {
      if (o.virt_id === undefined) w.fail("virt_id", "required");
      return {
        kind: "vdevice",
        name,
        viommu: ref(w, "viommu", o.viommu, known, ["viommu"]),
        dev: ref(w, "dev", o.dev, known, DEVICE_KINDS),
        virtId: integer(w, "virt_id", o.virt_id),
      };
    },
  },
};

export function readObjects(
  w: Where,
  v: Json | undefined,
  abi: Abi,
): { objects: ObjectSpec[]; known: Known } {
  const known: Known = new Map();
  const objects = (v === undefined ? [] : array(w, "objects", v)).map((raw, i) => {
    const at: Where = w.at(`object ${i}`);
    if (!isObject(raw)) at.fail("objects", "expected an object");
    const kind = string(at, "kind", raw.kind ?? null) as ObjectKindName;
    const reader = own(READERS, kind);
    if (!reader)
      at.fail(
        "kind",
        `unknown kind ${JSON.stringify(kind)} (expected one of ${Object.keys(READERS).join(", ")})`,
      );
    const name = string(at, "name", raw.name ?? null);
    if (known.has(name)) at.fail("name", `${JSON.stringify(name)} names an earlier object`);
    keys(at, "", raw, ["name", "kind", ...reader.keys]);
    const spec = reader.read(at, raw, name, known, abi);
    known.set(name, kind);
    return spec;
  });
  return { objects, known };
}
