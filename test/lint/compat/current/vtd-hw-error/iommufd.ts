/** The merged VT-d entry (v6.8, nesting part 2 v11): hw_error dropped, its slot __reserved. */
import { flagSet, header, struct } from "uapi-gen/dsl";

export const iommufd = header({ name: "iommufd" });

export const iommu_hwpt_vtd_s1_invalidate_flags = flagSet({
  bits: { IOMMU_VTD_INV_FLAGS_LEAF: 0 },
});

export const iommu_hwpt_vtd_s1_invalidate = struct({
  fields: {
    addr: { type: "__aligned_u64" },
    npages: { type: "__aligned_u64" },
    flags: { type: "__u32", flags: iommu_hwpt_vtd_s1_invalidate_flags },
    __reserved: { type: "__u32", reserved: true },
  },
});
