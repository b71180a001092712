/**
 * Entry values of the scenario format turned into the bytes user space passes: field values
 * encoded with the generated codec of the data type's entry struct, SMMUv3 commands given as
 * words or symbolically through the shared `smmuv3_cmd` command set, or raw bytes; then cut or
 * extended to entry_len (zeros or the entry's `tail`).
 */
import type { Abi } from "../../abi/abis.js";
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import {
  iommu_hwpt_invalidate_data_type,
  iommu_hwpt_vtd_s1_invalidate,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../../out/ts/iommufd.js";
import {
  iommu_hwpt_invalidate_selftest,
  iommu_selftest_invalidate_data_type,
  iommu_viommu_invalidate_selftest,
  iommu_viommu_selftest_invalidate_data_type,
} from "../../../out/ts/iommufd_test.js";
import { setBits } from "../../runtime/command-set.js";
import type { StructCodec } from "../../runtime/codec.js";
import type { Where } from "./format-error.js";
import {
  array,
  describe,
  hexBytes,
  integer,
  isObject,
  keys,
  own,
  type Json,
  type JsonObject,
} from "./values.js";

export type EntryCodec = StructCodec<unknown>;
const codec = <T>(c: StructCodec<T>): EntryCodec => c as unknown as EntryCodec;

/** Invalidation data types by name, with the entry struct each name implies. */
export const DATA_TYPES: Readonly<Record<string, { value: number; entry: EntryCodec }>> = {
  IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: {
    value: iommu_hwpt_invalidate_data_type.IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
    entry: codec(iommu_hwpt_vtd_s1_invalidate),
  },
  IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3: {
    value: iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
    entry: codec(iommu_viommu_arm_smmuv3_invalidate),
  },
  IOMMU_HWPT_INVALIDATE_DATA_SELFTEST: {
    value: iommu_selftest_invalidate_data_type.IOMMU_HWPT_INVALIDATE_DATA_SELFTEST,
    entry: codec(iommu_hwpt_invalidate_selftest),
  },
  IOMMU_HWPT_INVALIDATE_DATA_SELFTEST_INVALID: {
    value: iommu_selftest_invalidate_data_type.IOMMU_HWPT_INVALIDATE_DATA_SELFTEST_INVALID,
    entry: codec(iommu_hwpt_invalidate_selftest),
  },
  IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST: {
    value: iommu_viommu_selftest_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST,
    entry: codec(iommu_viommu_invalidate_selftest),
  },
  IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST_INVALID: {
    value: iommu_viommu_selftest_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST_INVALID,
    entry: codec(iommu_viommu_invalidate_selftest),
  },
};

/** The entry struct a target takes when the data type is given as a number. */
export const TARGET_ENTRY: Readonly<Record<string, EntryCodec>> = {
  "hwpt_nested/mock": codec(iommu_hwpt_invalidate_selftest),
  "hwpt_nested/vtd": codec(iommu_hwpt_vtd_s1_invalidate),
  "hwpt_nested/smmu": codec(iommu_viommu_arm_smmuv3_invalidate),
  "viommu/mock": codec(iommu_viommu_invalidate_selftest),
  "viommu/smmu": codec(iommu_viommu_arm_smmuv3_invalidate),
};

const COMMANDS = smmuv3_cmd.desc.commands;
/** Symbolic fields holding an address whose low bits the command drops: value → field. */
const ADDRESS_FIELDS: Readonly<Record<string, number>> = { ADDR: 12, IPA: 12, MSIADDR: 2 };

function commandName(
  w: Where,
  key: string,
  op: Json,
): { name?: string; opcode: number; extra: Record<string, bigint> } {
  if (typeof op !== "string" || /^(0x[0-9a-f]+|[0-9]+)$/i.test(op))
    return { opcode: Number(integer(w, key, op, 8)), extra: {} };
  if (op === "CMD_CFGI_ALL")
    return {
      name: "CFGI_STE_RANGE",
      opcode: COMMANDS.CFGI_STE_RANGE!.opcode,
      extra: { RANGE: 31n },
    };
  const name = own(COMMANDS, op)
    ? op
    : op.startsWith("CMD_") && own(COMMANDS, op.slice(4))
      ? op.slice(4)
      : undefined;
  if (!name)
    w.fail(
      key,
      `unknown SMMUv3 command ${JSON.stringify(op)} (expected e.g. CMD_TLBI_NH_VA, CMD_SYNC or an opcode number)`,
    );
  return { name, opcode: COMMANDS[name]!.opcode, extra: {} };
}

/** `{"op": "CMD_TLBI_NH_VA", "asid": 1, "addr": "0x...", ...}` → the two command words. */
export function symbolicCommand(w: Where, key: string, o: JsonObject): bigint[] {
  const { name, opcode, extra } = commandName(w, `${key}.op`, o.op ?? null);
  const words = [0n, 0n];
  setBits(words, smmuv3_cmd.desc.opcode, BigInt(opcode));
  for (const [f, v] of Object.entries(extra)) setBits(words, COMMANDS[name!]!.fields[f]!, v);
  for (const [k, v] of Object.entries(o)) {
    if (k === "op" || k === "tail") continue;
    const field = k.toUpperCase();
    const bits = name ? own(COMMANDS[name]!.fields, field) : undefined;
    if (!bits)
      w.fail(
        `${key}.${k}`,
        `${name ?? `opcode ${opcode}`} has no field ${k} (fields: ${
          Object.keys((name && COMMANDS[name]!.fields) || {})
            .map((x) => x.toLowerCase())
            .join(", ") || "none"
        })`,
      );
    // A one-bit field takes true or false too (`leaf: true`); elsewhere a boolean is no number.
    let value =
      typeof v === "boolean" && bits.hi === bits.lo ? BigInt(v) : integer(w, `${key}.${k}`, v);
    const shift = own(ADDRESS_FIELDS, field);
    if (shift !== undefined) {
      if (value & ((1n << BigInt(shift)) - 1n))
        w.fail(
          `${key}.${k}`,
          `the command holds address bits [..:${shift}]: the low ${shift} bits must be 0`,
        );
      value >>= BigInt(shift);
    }
    if (value >> BigInt(bits.hi - bits.lo + 1) !== 0n)
      w.fail(`${key}.${k}`, `${v} does not fit the ${bits.hi - bits.lo + 1}-bit field ${k}`);
    setBits(words, bits, value);
  }
  return words;
}

/** A command given as `{"cmd": [w0, w1]}` or symbolically. */
export function commandWords(w: Where, key: string, v: Json): bigint[] {
  if (!isObject(v)) w.fail(key, `expected a command object, got ${describe(v)}`);
  if ("op" in v) return symbolicCommand(w, key, v);
  if ("cmd" in v) {
    keys(w, key, v, ["cmd", "tail"]);
    const ws = array(w, `${key}.cmd`, v.cmd);
    if (ws.length !== 2) w.fail(`${key}.cmd`, "expected the two 64-bit words of the command");
    return ws.map((x, i) => integer(w, `${key}.cmd[${i}]`, x));
  }
  w.fail(key, 'expected "cmd": [w0, w1] or "op": ... for an SMMUv3 command');
}

/** The fields of one entry struct encoded with its codec; bigints where the codec wants them. */
function structBytes(
  w: Where,
  key: string,
  o: JsonObject,
  entry: EntryCodec,
  abi: Abi,
): Uint8Array {
  if (entry === codec(iommu_viommu_arm_smmuv3_invalidate))
    return entry.encode({ cmd: commandWords(w, key, o) }, abi);
  const zero = entry.zero(abi) as Record<string, unknown>;
  const value: Record<string, unknown> = { ...zero };
  for (const [k, v] of Object.entries(o)) {
    if (k === "tail") continue;
    if (!Object.hasOwn(zero, k) || typeof zero[k] === "object")
      w.fail(
        `${key}.${k}`,
        `${entry.name} has no scalar field ${k} (fields: ${Object.keys(zero).join(", ")})`,
      );
    const big = typeof zero[k] === "bigint";
    const n = integer(
      w,
      `${key}.${k}`,
      v,
      entry.layout(abi).fields.find((f) => f.name === k)!.size * 8,
    );
    value[k] = big ? n : Number(n);
  }
  return entry.encode(value, abi, { validate: false });
}

/** One entry as exactly entry_len bytes. */
export function entryBytes(
  w: Where,
  key: string,
  v: Json,
  entry: EntryCodec | undefined,
  entryLen: number,
  abi: Abi,
): Uint8Array {
  if (!isObject(v)) w.fail(key, `expected an entry object, got ${describe(v)}`);
  if ("bytes" in v) {
    keys(w, key, v, ["bytes"]);
    const b = hexBytes(w, `${key}.bytes`, v.bytes);
    if (b.length !== entryLen)
      w.fail(`${key}.bytes`, `${b.length} bytes given, entry_len is ${entryLen}`);
    return b;
  }
  if (!entry)
    w.fail(
      key,
      "the entry struct of this data_type is unknown: name the data_type or give raw bytes",
    );
  const s = structBytes(w, key, v, entry, abi);
  const tail = "tail" in v ? hexBytes(w, `${key}.tail`, v.tail) : undefined;
  if (entryLen <= s.length) {
    if (tail && tail.length)
      w.fail(
        `${key}.tail`,
        `entry_len ${entryLen} leaves no room after the ${s.length}-byte struct`,
      );
    return s.slice(0, entryLen);
  }
  if (tail && tail.length !== entryLen - s.length)
    w.fail(
      `${key}.tail`,
      `${tail.length} bytes given, entry_len ${entryLen} leaves ${entryLen - s.length} after the struct`,
    );
  if (entryLen > 1 << 20)
    w.fail(
      key,
      `entry_len ${entryLen} is too large for an explicit entry; use entry_num with no entries`,
    );
  const out = new Uint8Array(entryLen);
  out.set(s);
  if (tail) out.set(tail, s.length);
  return out;
}
