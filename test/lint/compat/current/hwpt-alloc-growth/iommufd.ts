/** struct iommu_hwpt_alloc today: 48 bytes, grown at the tail twice, minimum size unchanged. */
import { flagSet, header, struct } from "uapi-gen/dsl";

export const iommufd = header({ name: "iommufd" });

export const iommufd_hwpt_alloc_flags = flagSet({
  bits: {
    IOMMU_HWPT_ALLOC_NEST_PARENT: 0,
    IOMMU_HWPT_ALLOC_DIRTY_TRACKING: 1,
    IOMMU_HWPT_FAULT_ID_VALID: 2,
  },
});

export const iommu_hwpt_alloc = struct({
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32" },
    flags: { type: "__u32", flags: iommufd_hwpt_alloc_flags },
    dev_id: { type: "__u32" },
    pt_id: { type: "__u32" },
    out_hwpt_id: { type: "__u32", dir: "out" },
    __reserved: { type: "__u32", reserved: true },
    data_type: { type: "__u32" },
    data_len: { type: "__u32" },
    data_uptr: { type: "__aligned_u64", userPtr: true },
    fault_id: { type: "__u32" },
    __reserved2: { type: "__u32", reserved: true },
  },
});
