/**
 * The IOMMUFD selftest interface (drivers/iommu/iommufd/iommufd_test.h): the data formats
 * of the mock driver's nested page table and vIOMMU, which the kernel selftests use to drive
 * IOMMU_HWPT_INVALIDATE without hardware. Values follow
 * drivers/iommu/iommufd/iommufd_test.h; the documentation is our own.
 */
import { constant, enumeration, flagSet, header, ioctl, struct } from "uapi-gen/dsl";
import { IOMMUFD_TYPE } from "./iommufd.js";

export const iommufd_test = header({
  name: "iommufd_test",
  doc: "Data formats of the IOMMUFD mock driver, used by the kernel selftests.",
  includes: ["linux/iommufd.h"],
});

export const IOMMU_TEST_CMD_NR = constant({
  value: 0x80 + 32,
  doc: "Command number of IOMMU_TEST_CMD: IOMMUFD_CMD_BASE + 32.",
});

export const IOMMU_TEST_CMD = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMU_TEST_CMD_NR",
  dir: "none",
  doc: "Drive the mock driver (struct iommu_test_cmd is not modelled here).",
});

export const iommu_hwpt_selftest_data_type = enumeration({
  anonymous: true,
  doc: "HWPT allocation data type of the mock driver.",
  members: {
    IOMMU_HWPT_DATA_SELFTEST: { value: 0xdead, doc: "struct iommu_hwpt_selftest." },
  },
});

export const iommu_hwpt_selftest = struct({
  doc: "Mock nested page table data: the initial value of every mock IOTLB slot.",
  fields: {
    iotlb: {
      type: "__u32",
      doc: "Initial IOTLB slot value; the tests use IOMMU_TEST_IOTLB_DEFAULT.",
    },
  },
});

export const iommu_selftest_invalidate_data_type = enumeration({
  anonymous: true,
  doc: "Invalidation data types of the mock nested page table.",
  members: {
    IOMMU_HWPT_INVALIDATE_DATA_SELFTEST: {
      value: 0xdeadbeef,
      doc: "struct iommu_hwpt_invalidate_selftest.",
    },
    IOMMU_HWPT_INVALIDATE_DATA_SELFTEST_INVALID: {
      value: 0xdadbeef,
      doc: "A type the mock rejects.",
    },
  },
});

export const iommu_selftest_invalidate_flags = flagSet({
  doc: "Flags of the mock invalidation entries.",
  bits: {
    IOMMU_TEST_INVALIDATE_FLAG_ALL: {
      bit: 0,
      doc: "Invalidate every slot; the ID is still range-checked.",
    },
  },
});

export const iommu_hwpt_invalidate_selftest = struct({
  doc: "One mock nested page table invalidation: clears one IOTLB slot, or all of them.",
  fields: {
    flags: {
      type: "__u32",
      flags: iommu_selftest_invalidate_flags,
      doc: "IOMMU_TEST_INVALIDATE_FLAG_ALL or 0.",
    },
    iotlb_id: { type: "__u32", doc: "Slot to clear, 0 to MOCK_NESTED_DOMAIN_IOTLB_ID_MAX." },
  },
});

export const iommu_viommu_selftest_type = enumeration({
  anonymous: true,
  doc: "vIOMMU type of the mock driver.",
  members: {
    IOMMU_VIOMMU_TYPE_SELFTEST: { value: 0xdeadbeef, doc: "The mock vIOMMU." },
  },
});

export const iommu_viommu_selftest = struct({
  doc: "Mock vIOMMU allocation data.",
  fields: {
    in_data: { type: "__u32", doc: "A value the mock echoes in out_data." },
    out_data: { type: "__u32", dir: "out", doc: "The echoed value." },
    out_mmap_offset: { type: "__aligned_u64", dir: "out", doc: "mmap offset of the mock's page." },
    out_mmap_length: { type: "__aligned_u64", dir: "out", doc: "mmap length of the mock's page." },
  },
});

export const iommu_viommu_selftest_invalidate_data_type = enumeration({
  anonymous: true,
  doc: "Invalidation data types of the mock vIOMMU.",
  members: {
    IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST: {
      value: 0xdeadbeef,
      doc: "struct iommu_viommu_invalidate_selftest.",
    },
    IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST_INVALID: {
      value: 0xdadbeef,
      doc: "A type the mock rejects.",
    },
  },
});

export const iommu_viommu_invalidate_selftest = struct({
  doc: "One mock vIOMMU invalidation: clears one cache slot of a virtual device, or all of them.",
  fields: {
    flags: {
      type: "__u32",
      flags: iommu_selftest_invalidate_flags,
      doc: "IOMMU_TEST_INVALIDATE_FLAG_ALL or 0.",
    },
    vdev_id: { type: "__u32", doc: "Virtual ID of the device (its vDEVICE virt_id)." },
    cache_id: { type: "__u32", doc: "Slot to clear, 0 to MOCK_DEV_CACHE_ID_MAX." },
  },
});

export const iommu_hw_info_selftest_type = enumeration({
  anonymous: true,
  doc: "Hardware information type of the mock driver.",
  members: {
    IOMMU_HW_INFO_TYPE_SELFTEST: { value: 0xfeedbeef, doc: "struct iommu_test_hw_info." },
  },
});

export const iommu_test_hw_info = struct({
  doc: "Mock hardware information.",
  fields: {
    flags: { type: "__u32", dir: "out", reserved: true, doc: "No flag is defined yet: must be 0." },
    test_reg: { type: "__u32", dir: "out", doc: "A test register value." },
  },
});

export const iommu_veventq_selftest_type = enumeration({
  anonymous: true,
  doc: "vEVENTQ type of the mock driver.",
  members: {
    IOMMU_VEVENTQ_TYPE_SELFTEST: {
      value: 0xbeefbeef,
      doc: "struct iommu_viommu_event_selftest records.",
    },
  },
});

export const iommu_viommu_event_selftest = struct({
  doc: "A mock vIOMMU event.",
  fields: {
    virt_id: { type: "__u32", dir: "out", doc: "Virtual ID of the device that raised it." },
  },
});

export const iommu_hw_queue_selftest_type = enumeration({
  anonymous: true,
  doc: "Hardware queue type of the mock driver.",
  members: {
    IOMMU_HW_QUEUE_TYPE_SELFTEST: { value: 0xdeadbeef, doc: "The mock hardware queue." },
  },
});

export const MOCK_NESTED_DOMAIN_IOTLB_ID_MAX = constant({
  value: 3,
  doc: "Highest mock IOTLB slot ID.",
});
export const MOCK_NESTED_DOMAIN_IOTLB_NUM = constant({
  value: 4,
  doc: "Number of mock IOTLB slots.",
});
export const MOCK_DEV_CACHE_ID_MAX = constant({
  value: 3,
  doc: "Highest mock device cache slot ID.",
});
export const MOCK_DEV_CACHE_NUM = constant({ value: 4, doc: "Number of mock device cache slots." });
export const IOMMU_TEST_IOTLB_DEFAULT = constant({
  value: 0xbadbeef,
  doc: "Initial IOTLB slot value of the tests.",
});
export const IOMMU_TEST_DEV_CACHE_DEFAULT = constant({
  value: 0xbaddad,
  doc: "Initial device cache slot value of the tests.",
});
