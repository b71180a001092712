/** The selftest invalidation entry of v7–v10 (Dec 2023): a hw_error and a trigger flag. */
import { flagSet, header, struct } from "uapi-gen/dsl";

export const iommufd_test = header({ name: "iommufd_test" });

export const iommu_selftest_invalidate_flags = flagSet({
  bits: { IOMMU_TEST_INVALIDATE_FLAG_ALL: 0, IOMMU_TEST_INVALIDATE_FLAG_TRIGGER_ERROR: 1 },
});

export const iommu_hwpt_invalidate_selftest = struct({
  fields: {
    flags: { type: "__u32", flags: iommu_selftest_invalidate_flags },
    iotlb_id: { type: "__u32" },
    hw_error: { type: "__u32", dir: "out" },
    __reserved: { type: "__u32", reserved: true },
  },
});
