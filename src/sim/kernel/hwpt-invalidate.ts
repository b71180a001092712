/**
 * iommufd_hwpt_invalidate (drivers/iommu/iommufd/hw_pagetable.c): the core checks, the
 * object lookup (which differs per kernel level), the driver call, and entry_num = what the
 * driver reports, written back on success and failure alike (the dispatcher does the copy).
 */
import type { iommu_hwpt_invalidate } from "../../../out/ts/iommufd.js";
import type { Errno } from "../errno.js";
import type { UserDataArray } from "./copy-helpers.js";
import { NESTED_DOMAIN_OPS, VIOMMU_OPS } from "./drivers/index.js";
import type { AnyKernel, KernelLevel } from "./kernel.js";
import type { KernelObject } from "./objects.js";

/** IOMMU_HWPT_INVALIDATE_ENTRY_NUM_MAX (7.2). */
export const ENTRY_NUM_MAX = 1 << 19;

type Invoke = (k: AnyKernel, array: UserDataArray) => Errno;

/** How each kernel level turns hwpt_id into a driver call, or the errno it answers instead. */
const LOOKUP: Readonly<Record<KernelLevel, (obj: KernelObject | undefined) => Invoke | Errno>> = {
  // v6.8–v6.12: a strict nested-HWPT lookup; missing and wrong type are both ENOENT.
  "v6.8": (obj) => (obj?.kind === "hwpt_nested" ? nestedCall(obj) : "ENOENT"),
  "v6.13": anyObjectLookup,
  latest: anyObjectLookup,
};

function nestedCall(hwpt: Extract<KernelObject, { kind: "hwpt_nested" }>): Invoke | Errno {
  const op = NESTED_DOMAIN_OPS[hwpt.iommu].cacheInvalidateUser;
  return op ? (k, a) => op(k, hwpt, a) : "EOPNOTSUPP";
}

/** v6.13+: any object type; nested HWPT and vIOMMU dispatch, everything else EINVAL. */
function anyObjectLookup(obj: KernelObject | undefined): Invoke | Errno {
  if (!obj) return "ENOENT";
  if (obj.kind === "hwpt_nested") return nestedCall(obj);
  if (obj.kind === "viommu") {
    const op = obj.invalidateOp ? VIOMMU_OPS[obj.iommu].cacheInvalidate : undefined;
    return op ? (k, a) => op(k, obj, a) : "EOPNOTSUPP";
  }
  return "EINVAL";
}

export interface InvalidateResult {
  readonly errno: Errno;
  readonly entryNum: number;
}

export function iommufdHwptInvalidate(k: AnyKernel, cmd: iommu_hwpt_invalidate): InvalidateResult {
  if (cmd.__reserved !== 0) return { errno: "EOPNOTSUPP", entryNum: 0 };
  // entry_len and data_uptr matter only when there are entries; data_type is the driver's business.
  if (cmd.entry_num !== 0 && (cmd.data_uptr === 0n || cmd.entry_len === 0))
    return { errno: "EINVAL", entryNum: 0 };
  // 7.2 bounds both, so one call cannot pin the CPU (IOMMU_HWPT_INVALIDATE_ENTRY_NUM_MAX).
  if (
    k.level === "latest" &&
    cmd.entry_num !== 0 &&
    (cmd.entry_len > k.machine.pageSize || cmd.entry_num > ENTRY_NUM_MAX)
  )
    return { errno: "EINVAL", entryNum: 0 };
  const call = LOOKUP[k.level](k.objects.get(cmd.hwpt_id));
  if (typeof call === "string") return { errno: call, entryNum: 0 };
  const array: UserDataArray = {
    type: cmd.data_type,
    uptr: cmd.data_uptr,
    entryLen: cmd.entry_len,
    entryNum: cmd.entry_num,
  };
  const errno = call(k, array);
  // Drivers must set entry_num; one that does not (the ENOMEM paths) leaves the caller's value.
  return { errno, entryNum: array.entryNum };
}
