/** struct iommu_hwpt_alloc at ~v6.6: 24 bytes (include/uapi/linux/iommufd.h at v6.6). */
import { flagSet, header, struct } from "uapi-gen/dsl";

export const iommufd = header({ name: "iommufd" });

export const iommufd_hwpt_alloc_flags = flagSet({ bits: { IOMMU_HWPT_ALLOC_NEST_PARENT: 0 } });

export const iommu_hwpt_alloc = struct({
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32" },
    flags: { type: "__u32", flags: iommufd_hwpt_alloc_flags },
    dev_id: { type: "__u32" },
    pt_id: { type: "__u32" },
    out_hwpt_id: { type: "__u32", dir: "out" },
    __reserved: { type: "__u32", reserved: true },
  },
});
