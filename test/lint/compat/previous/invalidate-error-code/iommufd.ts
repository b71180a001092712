/**
 * IOMMU_HWPT_INVALIDATE as posted in "iommufd support cache invalidation" v5/v6 (Oct–Nov 2023),
 * review history: req_* names and an out_driver_error_code that Kevin
 * Tian objected to (with an optional field, user space cannot tell whether 0 means no error).
 */
import { enumeration, header, struct } from "uapi-gen/dsl";

export const iommufd = header({ name: "iommufd" });

export const iommu_hwpt_invalidate_data_type = enumeration({
  members: { IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: 0 },
});

export const iommu_hwpt_invalidate = struct({
  extensible: { size: "size", lastMandatory: "out_driver_error_code" },
  arrays: [{ pointer: "reqs_uptr", entryLen: "req_len", count: "req_num", selector: "req_type" }],
  fields: {
    size: { type: "__u32" },
    hwpt_id: { type: "__u32" },
    reqs_uptr: { type: "__aligned_u64", userPtr: true },
    req_type: { type: "__u32", values: iommu_hwpt_invalidate_data_type },
    req_len: { type: "__u32" },
    req_num: { type: "__u32", dir: "inout" },
    out_driver_error_code: { type: "__u32", dir: "out" },
  },
});
