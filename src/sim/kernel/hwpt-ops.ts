/**
 * The ioctls on an existing HWPT: IOMMU_HWPT_INVALIDATE (hwpt-invalidate.ts does the work;
 * entry_num goes back on success and failure alike), and the dirty-tracking pair, whose
 * checks and lookup are modelled but not the dirty bitmap itself.
 */
import type {
  iommu_hwpt_get_dirty_bitmap,
  iommu_hwpt_invalidate,
  iommu_hwpt_set_dirty_tracking,
} from "../../../out/ts/iommufd.js";
import {
  iommufd_hwpt_get_dirty_bitmap_flags,
  iommufd_hwpt_set_dirty_tracking_flags,
} from "../../../out/ts/iommufd.js";
import { iommufdHwptInvalidate } from "./hwpt-invalidate.js";
import { respond, type OpResult, type Ucmd } from "./ucmd.js";

export function hwptInvalidate(u: Ucmd<iommu_hwpt_invalidate>): OpResult {
  const r = iommufdHwptInvalidate(u.k, u.cmd);
  u.cmd.entry_num = r.entryNum;
  const rc = respond(u);
  return rc === "OK" ? r.errno : rc;
}

export function setDirtyTracking(u: Ucmd<iommu_hwpt_set_dirty_tracking>): OpResult {
  if (u.cmd.flags & ~iommufd_hwpt_set_dirty_tracking_flags.IOMMU_HWPT_DIRTY_TRACKING_ENABLE)
    return "EOPNOTSUPP";
  const hwpt = u.k.objects.find(u.cmd.hwpt_id, "hwpt_paging");
  if (typeof hwpt === "string") return hwpt;
  return u.k.notModelled("IOMMU_HWPT_SET_DIRTY_TRACKING (dirty tracking)");
}

export function getDirtyBitmap(u: Ucmd<iommu_hwpt_get_dirty_bitmap>): OpResult {
  if (
    u.cmd.flags & ~iommufd_hwpt_get_dirty_bitmap_flags.IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR ||
    u.cmd.__reserved
  )
    return "EOPNOTSUPP";
  const hwpt = u.k.objects.find(u.cmd.hwpt_id, "hwpt_paging");
  if (typeof hwpt === "string") return hwpt;
  return u.k.notModelled("IOMMU_HWPT_GET_DIRTY_BITMAP (dirty tracking)");
}
