/** The merged IOMMU_HWPT_INVALIDATE (v6.8): data_* / entry_* names, __reserved in place of the error code. */
import { enumeration, header, struct } from "uapi-gen/dsl";

export const iommufd = header({ name: "iommufd" });

export const iommu_hwpt_invalidate_data_type = enumeration({
  members: { IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: 0 },
});

export const iommu_hwpt_invalidate = struct({
  extensible: { size: "size", lastMandatory: "__reserved" },
  arrays: [
    {
      pointer: "data_uptr",
      entryLen: "entry_len",
      count: "entry_num",
      selector: "data_type",
      onError: { blame: "entry-at-count", count: "handled" },
    },
  ],
  fields: {
    size: { type: "__u32" },
    hwpt_id: { type: "__u32" },
    data_uptr: { type: "__aligned_u64", userPtr: true },
    data_type: { type: "__u32", values: iommu_hwpt_invalidate_data_type },
    entry_len: { type: "__u32" },
    entry_num: { type: "__u32", dir: "inout" },
    __reserved: { type: "__u32", reserved: true },
  },
});
