/**
 * ARM SMMUv3 vIOMMU invalidation, arm_vsmmu_cache_invalidate and arm_vsmmu_convert_user_cmd
 * (../shared/reference/iommufd-uapi.md §3.3, smmuv3.md §4.3): copy the whole array, convert
 * each guest command in order (VMID forced, NSNH_ALL → NH_ALL, vSID → physical SID, anything
 * else EIO), and issue to the physical queue in batches of CMDQ_BATCH_ENTRIES − 1 plus a
 * CMD_SYNC. entry_num is the conversion pointer when the loop stops, which counts converted
 * commands of the pending batch as handled although they were never issued (a finding the
 * contract checker reports), and on an issue failure blames the last command of the batch.
 */
import { smmuv3_cmd } from "../../../../out/ts/arm_smmuv3_cmdq.js";
import {
  iommu_hwpt_invalidate_data_type,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../../../out/ts/iommufd.js";
import { getBits, setBits } from "../../../runtime/command-set.js";
import type { Errno } from "../../errno.js";
import { copyFullUserArray, type UserDataArray } from "../copy-helpers.js";
import type { Kernel } from "../kernel.js";
import type { Viommu } from "../objects.js";

const C = smmuv3_cmd.desc.commands;
const VMID = C.TLBI_NH_ALL!.fields.VMID!;
const SID = C.CFGI_CD!.fields.SID!;
const op = (name: string): number => C[name]!.opcode;

type Converter = (viommu: Viommu, w: bigint[]) => bigint[] | "EIO";

const forceVmid: Converter = (v, w) => {
  setBits(w, VMID, BigInt(v.vmid));
  return w;
};

/** vSID (bits 63:32) → the physical SID of the vDEVICE with that virt_id; unknown → EIO. */
const translateSid: Converter = (v, w) => {
  const vdev = v.vdevs.get(getBits(w, SID));
  if (!vdev) return "EIO";
  setBits(w, SID, BigInt(vdev.dev.sid));
  return w;
};

/** The conversion per guest opcode; an opcode missing here is rejected with EIO. */
const CONVERT: Readonly<Record<number, Converter>> = {
  // Replaced entirely: NH_ALL of the vSMMU's VMID, word 1 cleared, other word-0 bits dropped.
  [op("TLBI_NSNH_ALL")]: (v) => forceVmid(v, smmuv3_cmd.encode("TLBI_NH_ALL")),
  [op("TLBI_NH_VA")]: forceVmid,
  [op("TLBI_NH_VAA")]: forceVmid,
  [op("TLBI_NH_ALL")]: forceVmid,
  [op("TLBI_NH_ASID")]: forceVmid,
  [op("ATC_INV")]: translateSid,
  [op("CFGI_CD")]: translateSid,
  [op("CFGI_CD_ALL")]: translateSid,
};

/** arm_vsmmu_convert_user_cmd on one command already in CPU order. */
export function convertUserCmd(viommu: Viommu, cmd: readonly bigint[]): bigint[] | "EIO" {
  const convert = CONVERT[smmuv3_cmd.opcodeOf(cmd)];
  return convert ? convert(viommu, [...cmd]) : "EIO";
}

/** What happened to each entry, for the contract checker (not visible to user space). */
export interface VsmmuRunLog {
  converted: number;
  /** Per entry index: executed by the physical SMMU. */
  readonly executed: boolean[];
  /** Per entry index: handed to the physical queue. */
  readonly issued: boolean[];
}

export function armVsmmuCacheInvalidate(
  k: Kernel,
  viommu: Viommu,
  array: UserDataArray,
  log?: VsmmuRunLog,
): Errno {
  const ARM = iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3;
  // kcalloc(0) is ZERO_SIZE_PTR, not NULL: entry_num 0 goes on to the helper's EINVAL.
  if (!k.alloc.kcalloc(BigInt(array.entryNum), iommu_viommu_arm_smmuv3_invalidate.size(k.abi)))
    return "ENOMEM";
  const copied = copyFullUserArray(k.mem, k.abi, iommu_viommu_arm_smmuv3_invalidate, array, ARM);
  if (!("value" in copied)) {
    array.entryNum = 0;
    return copied.errno;
  }
  const cmds = copied.value.map((e) => e.cmd);
  const batchMax = k.smmu.cfg.batch - 1;
  const pending: bigint[][] = [];
  let last = 0;
  let cur = 0;
  let rc: Errno = "OK";
  while (cur !== cmds.length) {
    const converted = convertUserCmd(viommu, cmds[cur]!);
    if (converted === "EIO") {
      rc = "EIO";
      break;
    }
    pending.push(converted);
    cur++;
    if (log) log.converted = cur;
    if (cur !== cmds.length && cur - last !== batchMax) continue;
    const issued = k.host.issueCmdlist(pending);
    issued.executed.forEach((x, i) => {
      if (log) {
        log.issued[last + i] = true;
        log.executed[last + i] = x;
      }
    });
    pending.length = 0;
    if (issued.errno !== "OK") {
      rc = issued.errno;
      cur--; // blames the last command of the failed batch
      break;
    }
    last = cur;
  }
  array.entryNum = cur;
  return rc;
}
