/**
 * Intel VT-d nested invalidation, intel_nested_cache_invalidate_user
 * (drivers/iommu/intel/nested.c): entries one by one with the per-entry helper
 * (exactly 24 bytes), unknown flags or a non-zero __reserved EOPNOTSUPP, a misaligned address
 * or U64_MAX pages off address 0 EINVAL, and an exact handled count.
 */
import {
  iommu_hwpt_invalidate_data_type,
  iommu_hwpt_vtd_s1_invalidate,
  iommu_hwpt_vtd_s1_invalidate_flags,
} from "../../../../out/ts/iommufd.js";
import type { Errno } from "../../errno.js";
import { copyEntryFromUserArray, type UserDataArray } from "../copy-helpers.js";
import type { AnyKernel } from "../kernel.js";
import type { HwptNested } from "../objects.js";

const LEAF = iommu_hwpt_vtd_s1_invalidate_flags.IOMMU_VTD_INV_FLAGS_LEAF;
const U64_MAX = (1n << 64n) - 1n;

/** The cache-tag flush as a probe can see it: the range and the leaf hint. */
function describeFlush(addr: bigint, npages: bigint, leaf: boolean): string {
  const range = npages === U64_MAX ? "all" : `0x${addr.toString(16)}+${npages}p`;
  return leaf ? `${range} leaf` : range;
}

export function vtdNestedCacheInvalidateUser(
  k: AnyKernel,
  hwpt: HwptNested,
  array: UserDataArray,
): Errno {
  const VTD_S1 = iommu_hwpt_invalidate_data_type.IOMMU_HWPT_INVALIDATE_DATA_VTD_S1;
  if (array.type !== VTD_S1) {
    array.entryNum = 0;
    return "EINVAL";
  }
  let processed = 0;
  let rc: Errno = "OK";
  for (let index = 0; index < array.entryNum; index++) {
    const copied = copyEntryFromUserArray(
      k.mem,
      k.abi,
      iommu_hwpt_vtd_s1_invalidate,
      array,
      VTD_S1,
      index,
      "__reserved",
    );
    if (!("value" in copied)) {
      rc = copied.errno;
      break;
    }
    const inv = copied.value;
    if ((inv.flags & ~LEAF) !== 0 || inv.__reserved !== 0) {
      rc = "EOPNOTSUPP";
      break;
    }
    if ((inv.addr & 0xfffn) !== 0n || (inv.npages === U64_MAX && inv.addr !== 0n)) {
      rc = "EINVAL";
      break;
    }
    // cache_tag_flush_range cannot fail as user space sees it.
    hwpt.flushes.push(describeFlush(inv.addr, inv.npages, (inv.flags & LEAF) !== 0));
    processed++;
  }
  array.entryNum = processed;
  return rc;
}
