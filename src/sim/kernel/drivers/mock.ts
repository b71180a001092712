/**
 * The selftest mock driver (drivers/iommu/iommufd/selftest.c and
 * tools/testing/selftests/iommu): the nested HWPT's per-entry invalidation of its 4 IOTLB slots, and the vIOMMU's
 * full-array invalidation of its devices' 4 cache slots.
 */
import {
  iommu_hwpt_invalidate_selftest,
  iommu_selftest_invalidate_data_type,
  iommu_selftest_invalidate_flags,
  iommu_viommu_invalidate_selftest,
  iommu_viommu_selftest_invalidate_data_type,
  MOCK_DEV_CACHE_ID_MAX,
  MOCK_NESTED_DOMAIN_IOTLB_ID_MAX,
} from "../../../../out/ts/iommufd_test.js";
import type { Errno } from "../../errno.js";
import { copyEntryFromUserArray, copyFullUserArray, type UserDataArray } from "../copy-helpers.js";
import type { AnyKernel } from "../kernel.js";
import type { HwptNested, Viommu } from "../objects.js";

const FLAG_ALL = iommu_selftest_invalidate_flags.IOMMU_TEST_INVALIDATE_FLAG_ALL;

/** mock_domain_cache_invalidate_user. */
export function mockNestedCacheInvalidateUser(
  k: AnyKernel,
  hwpt: HwptNested,
  array: UserDataArray,
): Errno {
  // The type is checked before the loop, so even entry_num 0 with a wrong type fails.
  if (array.type !== iommu_selftest_invalidate_data_type.IOMMU_HWPT_INVALIDATE_DATA_SELFTEST) {
    array.entryNum = 0;
    return "EINVAL";
  }
  let processed = 0;
  let rc: Errno = "OK";
  for (let i = 0; i < array.entryNum; i++) {
    const copied = copyEntryFromUserArray(
      k.mem,
      k.abi,
      iommu_hwpt_invalidate_selftest,
      array,
      array.type,
      i,
      "iotlb_id",
    );
    if (!("value" in copied)) {
      rc = copied.errno;
      break;
    }
    const inv = copied.value;
    if ((inv.flags & ~FLAG_ALL) !== 0) {
      rc = "EOPNOTSUPP";
      break;
    }
    // The ID is range-checked even when FLAG_ALL makes it irrelevant.
    if (inv.iotlb_id > MOCK_NESTED_DOMAIN_IOTLB_ID_MAX) {
      rc = "EINVAL";
      break;
    }
    if (inv.flags & FLAG_ALL) hwpt.iotlb.fill(0);
    else hwpt.iotlb[inv.iotlb_id] = 0;
    processed++;
  }
  array.entryNum = processed;
  return rc;
}

/** mock_viommu_cache_invalidate. */
export function mockViommuCacheInvalidate(
  k: AnyKernel,
  viommu: Viommu,
  array: UserDataArray,
): Errno {
  const SELFTEST = iommu_viommu_selftest_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST;
  // An explicit special case: a zero-length array of the right type validates the type.
  if (array.entryNum === 0 && array.type === SELFTEST) return "OK";
  // ENOMEM leaves entry_num as the caller gave it: the driver never writes it on this path.
  if (!k.alloc.kcalloc(BigInt(array.entryNum), iommu_viommu_invalidate_selftest.size(k.abi)))
    return "ENOMEM";
  const copied = copyFullUserArray(k.mem, k.abi, iommu_viommu_invalidate_selftest, array, SELFTEST);
  if (!("value" in copied)) {
    array.entryNum = 0;
    return copied.errno;
  }
  let done = 0;
  let rc: Errno = "OK";
  for (const inv of copied.value) {
    if ((inv.flags & ~FLAG_ALL) !== 0) {
      rc = "EOPNOTSUPP";
      break;
    }
    if (inv.cache_id > MOCK_DEV_CACHE_ID_MAX) {
      rc = "EINVAL";
      break;
    }
    const vdev = viommu.vdevs.get(BigInt(inv.vdev_id));
    if (!vdev) {
      rc = "EINVAL"; // ARM answers EIO for the same situation
      break;
    }
    if (inv.flags & FLAG_ALL) vdev.dev.cache.fill(0);
    else vdev.dev.cache[inv.cache_id] = 0;
    done++;
  }
  array.entryNum = done;
  return rc;
}
