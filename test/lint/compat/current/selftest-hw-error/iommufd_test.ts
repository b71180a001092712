/** The merged selftest entry (v6.8): hw_error reporting removed with the VT-d one. */
import { flagSet, header, struct } from "uapi-gen/dsl";

export const iommufd_test = header({ name: "iommufd_test" });

export const iommu_selftest_invalidate_flags = flagSet({
  bits: { IOMMU_TEST_INVALIDATE_FLAG_ALL: 0 },
});

export const iommu_hwpt_invalidate_selftest = struct({
  fields: {
    flags: { type: "__u32", flags: iommu_selftest_invalidate_flags },
    iotlb_id: { type: "__u32" },
  },
});
