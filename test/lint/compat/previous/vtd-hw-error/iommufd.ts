/**
 * The VT-d invalidation entry of nesting part 2 v7–v10 (Dec 2023), from the
 * iommu list: a per-entry hw_error the kernel wrote back, with its error bits.
 */
import { enumeration, flagSet, header, struct } from "uapi-gen/dsl";

export const iommufd = header({ name: "iommufd" });

export const iommu_hwpt_vtd_s1_invalidate_flags = flagSet({
  bits: { IOMMU_VTD_INV_FLAGS_LEAF: 0 },
});

export const iommu_hwpt_vtd_s1_invalidate_error = enumeration({
  members: {
    IOMMU_HWPT_INVALIDATE_VTD_S1_ICE: 1,
    IOMMU_HWPT_INVALIDATE_VTD_S1_ITE: 2,
  },
});

export const iommu_hwpt_vtd_s1_invalidate = struct({
  fields: {
    addr: { type: "__aligned_u64" },
    npages: { type: "__aligned_u64" },
    flags: { type: "__u32", flags: iommu_hwpt_vtd_s1_invalidate_flags },
    hw_error: { type: "__u32", dir: "out", values: iommu_hwpt_vtd_s1_invalidate_error },
  },
});
