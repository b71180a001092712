/**
 * ARM SMMUv3 vIOMMU invalidation, arm_vsmmu_cache_invalidate and arm_vsmmu_convert_user_cmd
 * (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-iommufd.c): copy the whole array, convert
 * each guest command in order (VMID forced, NSNH_ALL → NH_ALL, vSID → physical SID, anything
 * else EIO), and issue to the physical queue in batches of CMDQ_BATCH_ENTRIES − 1 plus a
 * CMD_SYNC. entry_num is the conversion pointer when the loop stops, which counts converted
 * commands of the pending batch as handled although they were never issued (a finding the
 * contract checker reports), and on an issue failure blames the last command of the batch.
 */
import { HOST_LE } from "../../../runtime/decode-source.js";
import { smmuv3_cmd } from "../../../../out/ts/arm_smmuv3_cmdq.js";
import {
  iommu_hwpt_invalidate_data_type,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../../../out/ts/iommufd.js";
import type { Abi } from "../../../abi/abis.js";
import type { Errno } from "../../errno.js";
import {
  CMD_U32,
  encodeHalves,
  fieldOf,
  loadWords,
  OPCODE,
  readLe64,
  storeWords,
} from "../../smmu/cmd-words.js";
import { copyFullUserArrayBytes, type UserDataArray } from "../copy-helpers.js";
import type { AnyKernel } from "../kernel.js";
import type { Viommu } from "../objects.js";

const VMID = fieldOf("TLBI_NH_ALL", "VMID");
const SID = fieldOf("CFGI_CD", "SID");
const NH_ALL = encodeHalves("TLBI_NH_ALL");

/** Converts the command at `q[at..]` in place (it is already the kernel's copy); false: EIO. */
type Converter = (viommu: Viommu, q: Uint32Array, at: number) => boolean;

const forceVmid: Converter = (v, q, at) => {
  VMID.write(q, at, v.vmid);
  return true;
};

/** vSID (bits 63:32) → the physical SID of the vDEVICE with that virt_id; unknown → EIO. */
const translateSid: Converter = (v, q, at) => {
  const vdev = v.vdevs.getU32(SID.read(q, at));
  if (!vdev) return false;
  SID.write(q, at, vdev.dev.sid);
  return true;
};

/** The conversion per guest opcode; an opcode missing here is rejected with EIO. */
const CONVERT: readonly (Converter | undefined)[] = (() => {
  const table = new Array<Converter | undefined>(256).fill(undefined);
  const on = (name: string, c: Converter): void =>
    void (table[smmuv3_cmd.desc.commands[name]!.opcode] = c);
  // Replaced entirely: NH_ALL of the vSMMU's VMID, word 1 cleared, other word-0 bits dropped.
  on("TLBI_NSNH_ALL", (v, q, at) => {
    q.set(NH_ALL, at);
    return forceVmid(v, q, at);
  });
  for (const name of ["TLBI_NH_VA", "TLBI_NH_VAA", "TLBI_NH_ALL", "TLBI_NH_ASID"])
    on(name, forceVmid);
  for (const name of ["ATC_INV", "CFGI_CD", "CFGI_CD_ALL"]) on(name, translateSid);
  return table;
})();

function convertAt(viommu: Viommu, q: Uint32Array, at: number): boolean {
  const convert = CONVERT[OPCODE.read(q, at)];
  return convert !== undefined && convert(viommu, q, at);
}

/** arm_vsmmu_convert_user_cmd on one command already in CPU order. */
export function convertUserCmd(viommu: Viommu, cmd: readonly bigint[]): bigint[] | "EIO" {
  const q = new Uint32Array(CMD_U32);
  storeWords(q, 0, cmd);
  return convertAt(viommu, q, 0) ? loadWords(q, 0) : "EIO";
}

const CMD_OFFSETS = new Map<Abi, number>();

/**
 * Where the entry's `cmd` lies, from the generated codec's layout for the ABI; checked once
 * per ABI to be two little-endian 64-bit words, as the kernel reads them (le64_to_cpu).
 */
function cmdOffset(abi: Abi): number {
  let at = CMD_OFFSETS.get(abi);
  if (at !== undefined) return at;
  const entry = iommu_viommu_arm_smmuv3_invalidate;
  at = entry.layout(abi).fields.find((f) => f.name === "cmd")!.offset;
  const bytes = entry.encode({ cmd: [0x0706_0504_0302_0100n, 0x0f0e_0d0c_0b0a_0908n] }, abi);
  if (!bytes.subarray(at, at + 16).every((b, i) => b === i))
    throw new Error(`internal: the SMMUv3 entry is not two little-endian u64s on ${abi.name}`);
  CMD_OFFSETS.set(abi, at);
  return at;
}

/** What happened to each entry, for the contract checker (not visible to user space). */
export interface VsmmuRunLog {
  converted: number;
  /** Per entry index: executed by the physical SMMU. */
  readonly executed: boolean[];
  /** Per entry index: handed to the physical queue. */
  readonly issued: boolean[];
}

/**
 * The driver's kcalloc'd entry array (at most KMALLOC_MAX_SIZE: kcalloc said yes), reused
 * from call to call since the model's allocator keeps no storage, with views for reading it.
 */
let entries = new Uint8Array(0);
let entriesView = new DataView(entries.buffer);
let entriesHalves = new Uint32Array(0);
/** The converted pending batch, when the commands cannot be converted in place. */
let pending = new Uint32Array(0);

function entryBuffer(size: number): Uint8Array {
  if (entries.length < size) {
    entries = new Uint8Array(size);
    entriesView = new DataView(entries.buffer);
    entriesHalves = new Uint32Array(entries.buffer);
  }
  return entries;
}

export function armVsmmuCacheInvalidate(
  k: AnyKernel,
  viommu: Viommu,
  array: UserDataArray,
  log?: VsmmuRunLog,
): Errno {
  const ARM = iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3;
  const ksize = iommu_viommu_arm_smmuv3_invalidate.size(k.abi);
  // kcalloc(0) is ZERO_SIZE_PTR, not NULL: entry_num 0 goes on to the helper's EINVAL.
  if (!k.alloc.kcalloc(array.entryNum, ksize)) return "ENOMEM";
  const into = entryBuffer(ksize * array.entryNum);
  const copied = copyFullUserArrayBytes(k.mem, ksize, array, ARM, into);
  if (!("value" in copied)) {
    array.entryNum = 0;
    return copied.errno;
  }
  const bytes = copied.value;
  const cmdAt = cmdOffset(k.abi);
  const n = array.entryNum;
  const batchMax = k.smmu.cfg.batch - 1;
  // As the kernel does, convert in place and issue straight from the array, when the entries
  // are exactly the commands (16 bytes, cmd first) and the host reads the halves as stored.
  const direct =
    bytes === entries && ksize === CMD_U32 * 4 && cmdAt === 0 && HOST_LE
      ? entriesHalves
      : undefined;
  const dv = bytes === entries ? entriesView : new DataView(bytes.buffer, bytes.byteOffset);
  if (!direct && pending.length < Math.min(batchMax, n) * CMD_U32)
    pending = new Uint32Array(Math.min(batchMax, n) * CMD_U32);
  const q = direct ?? pending;
  let last = 0;
  let cur = 0;
  let rc: Errno = "OK";
  while (cur !== n) {
    const at = (direct ? cur : cur - last) * CMD_U32;
    if (!direct) {
      readLe64(dv, cur * ksize + cmdAt, q, at);
      readLe64(dv, cur * ksize + cmdAt + 8, q, at + 2);
    }
    if (!convertAt(viommu, q, at)) {
      rc = "EIO";
      break;
    }
    cur++;
    if (log) log.converted = cur;
    if (cur !== n && cur - last !== batchMax) continue;
    const issued = k.host.issue(q, direct ? last : 0, cur - last);
    if (log)
      k.host.lastExecuted().forEach((x, i) => {
        log.issued[last + i] = true;
        log.executed[last + i] = x;
      });
    if (issued !== "OK") {
      rc = issued;
      cur--; // blames the last command of the failed batch
      break;
    }
    last = cur;
  }
  array.entryNum = cur;
  return rc;
}
