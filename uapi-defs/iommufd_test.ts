/**
 * The IOMMUFD selftest interface (drivers/iommu/iommufd/iommufd_test.h): the data formats
 * of the mock driver's nested page table and vIOMMU, which the kernel selftests use to drive
 * IOMMU_HWPT_INVALIDATE without hardware. Values follow
 * drivers/iommu/iommufd/iommufd_test.h; the documentation is our own.
 */
import {
  anonymousUnion,
  constant,
  enumeration,
  flagSet,
  header,
  ioctl,
  struct,
} from "uapi-gen/dsl";
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

export const iommu_test_op = enumeration({
  anonymous: true,
  doc: "What IOMMU_TEST_CMD does (its op field).",
  members: {
    IOMMU_TEST_OP_ADD_RESERVED: { value: 1, doc: "Reserve an IOVA range of an IOAS." },
    IOMMU_TEST_OP_MOCK_DOMAIN: { value: 2, doc: "Create a mock device, bind and attach it." },
    IOMMU_TEST_OP_MD_CHECK_MAP: { value: 3, doc: "Check a mock domain maps IOVAs to user pages." },
    IOMMU_TEST_OP_MD_CHECK_REFS: { value: 4, doc: "Check the pin count of user pages." },
    IOMMU_TEST_OP_CREATE_ACCESS: { value: 5, doc: "Create an in-kernel access (a file)." },
    IOMMU_TEST_OP_DESTROY_ACCESS_PAGES: { value: 6, doc: "Unpin pages an access pinned." },
    IOMMU_TEST_OP_ACCESS_PAGES: { value: 7, doc: "Pin pages through an access." },
    IOMMU_TEST_OP_ACCESS_RW: { value: 8, doc: "Read or write IOVAs through an access." },
    IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT: { value: 9, doc: "Set the pinning batch memory limit." },
    IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE: { value: 10, doc: "Attach a mock device elsewhere." },
    IOMMU_TEST_OP_ACCESS_REPLACE_IOAS: { value: 11, doc: "Move an access to another IOAS." },
    IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS: { value: 12, doc: "IOMMU_TEST_OP_MOCK_DOMAIN with flags." },
    IOMMU_TEST_OP_DIRTY: { value: 13, doc: "Mark IOVAs of a mock domain dirty." },
    IOMMU_TEST_OP_MD_CHECK_IOTLB: { value: 14, doc: "Check a mock nested IOTLB slot." },
    IOMMU_TEST_OP_TRIGGER_IOPF: { value: 15, doc: "Raise a page fault from a mock device." },
    IOMMU_TEST_OP_DEV_CHECK_CACHE: { value: 16, doc: "Check a mock device cache slot." },
    IOMMU_TEST_OP_TRIGGER_VEVENT: { value: 17, doc: "Raise a vIOMMU event from a mock device." },
    IOMMU_TEST_OP_PASID_ATTACH: { value: 18, doc: "Attach a PASID of a mock device." },
    IOMMU_TEST_OP_PASID_REPLACE: { value: 19, doc: "Replace a PASID's page table." },
    IOMMU_TEST_OP_PASID_DETACH: { value: 20, doc: "Detach a PASID." },
    IOMMU_TEST_OP_PASID_CHECK_HWPT: { value: 21, doc: "Check which page table a PASID uses." },
    IOMMU_TEST_OP_DMABUF_GET: { value: 22, doc: "Create a test dma-buf." },
    IOMMU_TEST_OP_DMABUF_REVOKE: { value: 23, doc: "Revoke or restore a test dma-buf." },
  },
});

export const mock_aperture = enumeration({
  anonymous: true,
  doc: "The mock paging domain's aperture and page sizes (MOCK_IOMMUPT_DEFAULT).",
  members: {
    MOCK_APERTURE_START: { value: 0x1000000, doc: "First IOVA of the aperture." },
    MOCK_APERTURE_LAST: { value: 0x7fffffff, doc: "Last IOVA of the aperture." },
    MOCK_PAGE_SIZE: { value: 2048, doc: "The mock's page size." },
    MOCK_HUGE_PAGE_SIZE: { value: 0x100000, doc: "The mock's huge page size." },
  },
});

export const mock_access_flags = flagSet({
  doc: "Flags of IOMMU_TEST_OP_ACCESS_PAGES.",
  bits: {
    MOCK_FLAGS_ACCESS_WRITE: { bit: 0, doc: "Pin for writing." },
    MOCK_FLAGS_ACCESS_SYZ: { bit: 16, doc: "IOVAs are syzkaller's offsets." },
  },
});

export const mock_access_rw_flags = flagSet({
  doc: "Flags of IOMMU_TEST_OP_ACCESS_RW.",
  bits: {
    MOCK_ACCESS_RW_WRITE: { bit: 0, doc: "Write to the IOVAs." },
    MOCK_ACCESS_RW_SLOW_PATH: { bit: 2, doc: "Take the page-by-page path." },
  },
});

export const mock_create_access_flags = flagSet({
  doc: "Flags of IOMMU_TEST_OP_CREATE_ACCESS.",
  bits: {
    MOCK_FLAGS_ACCESS_CREATE_NEEDS_PIN_PAGES: { bit: 0, doc: "The access pins pages." },
  },
});

export const mock_device_flags = flagSet({
  doc: "Flags of a mock device (IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS).",
  bits: {
    MOCK_FLAGS_DEVICE_NO_DIRTY: { bit: 0, doc: "No dirty tracking." },
    MOCK_FLAGS_DEVICE_PASID: { bit: 2, doc: "PASID capable (MOCK_PASID_WIDTH bits)." },
  },
});

export const MOCK_PASID_WIDTH = constant({
  value: 20,
  doc: "PASID width of a PASID-capable mock device.",
});
export const IOMMU_TEST_PASID_RESERVED = constant({
  value: 1024,
  doc: "The PASID whose second attach the mock fails, to test the core's rollback.",
});
export const IOMMU_HW_INFO_SELFTEST_REGVAL = constant({
  value: 0xdeadbeef,
  doc: "The mock's iommu_test_hw_info.test_reg.",
});
export const IOMMU_TEST_HW_QUEUE_MAX = constant({
  value: 2,
  doc: "Hardware queues of a mock vIOMMU.",
});

// The payload of each test op: one member of iommu_test_cmd's union each.

export const iommu_test_add_reserved = struct({
  doc: "IOMMU_TEST_OP_ADD_RESERVED: the range [start, start + length) of IOAS `id`.",
  fields: {
    start: { type: "__aligned_u64", doc: "First IOVA." },
    length: { type: "__aligned_u64", doc: "Length in bytes." },
  },
});

export const iommu_test_mock_domain = struct({
  doc: "IOMMU_TEST_OP_MOCK_DOMAIN: a mock device attached to page table `id`.",
  fields: {
    out_stdev_id: { type: "__u32", dir: "out", doc: "The selftest object (destroy it to unbind)." },
    out_hwpt_id: { type: "__u32", dir: "out", doc: "The page table attached." },
    out_idev_id: { type: "__u32", dir: "out", doc: "The bound device." },
  },
});

export const iommu_test_mock_domain_flags = struct({
  doc: "IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS: the same, with device flags.",
  fields: {
    out_stdev_id: { type: "__u32", dir: "out", doc: "The selftest object." },
    out_hwpt_id: { type: "__u32", dir: "out", doc: "The page table attached." },
    out_idev_id: { type: "__u32", dir: "out", doc: "The bound device." },
    dev_flags: { type: "__u32", flags: mock_device_flags, doc: "Flags of the mock device." },
  },
});

export const iommu_test_mock_domain_replace = struct({
  doc: "IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE: attach selftest object `id` to pt_id instead.",
  fields: {
    pt_id: { type: "__u32", dir: "inout", doc: "In: an IOAS or page table. Out: the page table." },
  },
});

export const iommu_test_check_map = struct({
  doc: "IOMMU_TEST_OP_MD_CHECK_MAP: the mock domain `id` maps [iova, iova + length) to uptr.",
  fields: {
    iova: { type: "__aligned_u64", doc: "First IOVA." },
    length: { type: "__aligned_u64", doc: "Length in bytes." },
    uptr: { type: "__aligned_u64", userPtr: true, doc: "The user pages expected." },
  },
});

export const iommu_test_check_refs = struct({
  doc: "IOMMU_TEST_OP_MD_CHECK_REFS: every page of [uptr, uptr + length) is pinned refs times.",
  fields: {
    length: { type: "__aligned_u64", doc: "Length in bytes, page aligned." },
    uptr: { type: "__aligned_u64", userPtr: true, doc: "First page." },
    refs: { type: "__u32", doc: "Expected pin count." },
    __pad: {
      type: "__u32",
      reserved: true,
      doc: "Padding (implicit in the kernel's header: the union's members alias it).",
    },
  },
});

export const iommu_test_create_access = struct({
  doc: "IOMMU_TEST_OP_CREATE_ACCESS: an access to IOAS `id`.",
  fields: {
    out_access_fd: { type: "__u32", dir: "out", doc: "The access's file descriptor." },
    flags: { type: "__u32", flags: mock_create_access_flags, doc: "Access flags." },
  },
});

export const iommu_test_destroy_access_pages = struct({
  doc: "IOMMU_TEST_OP_DESTROY_ACCESS_PAGES: on the access whose fd is `id`.",
  fields: { access_pages_id: { type: "__u32", doc: "What IOMMU_TEST_OP_ACCESS_PAGES returned." } },
});

export const iommu_test_access_pages = struct({
  doc: "IOMMU_TEST_OP_ACCESS_PAGES: pin [iova, iova + length) through the access fd `id`.",
  fields: {
    flags: { type: "__u32", flags: mock_access_flags, doc: "Pin flags." },
    out_access_pages_id: { type: "__u32", dir: "out", doc: "Names the pinned range." },
    iova: { type: "__aligned_u64", doc: "First IOVA." },
    length: { type: "__aligned_u64", doc: "Length in bytes." },
    uptr: { type: "__aligned_u64", userPtr: true, doc: "The user pages expected." },
  },
});

export const iommu_test_access_rw = struct({
  doc: "IOMMU_TEST_OP_ACCESS_RW: copy between [iova, iova + length) and uptr.",
  fields: {
    iova: { type: "__aligned_u64", doc: "First IOVA." },
    length: { type: "__aligned_u64", doc: "Length in bytes." },
    uptr: { type: "__aligned_u64", userPtr: true, doc: "The user buffer." },
    flags: { type: "__u32", flags: mock_access_rw_flags, doc: "Direction and path." },
    __pad: {
      type: "__u32",
      reserved: true,
      doc: "Padding (implicit in the kernel's header: the union's members alias it).",
    },
  },
});

export const iommu_test_memory_limit = struct({
  doc: "IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT.",
  fields: { limit: { type: "__u32", doc: "Bytes of the pinning batch; at least 12." } },
});

export const iommu_test_access_replace_ioas = struct({
  doc: "IOMMU_TEST_OP_ACCESS_REPLACE_IOAS: move the access whose fd is `id`.",
  fields: { ioas_id: { type: "__u32", doc: "The IOAS to move to." } },
});

export const iommu_test_dirty = struct({
  doc: "IOMMU_TEST_OP_DIRTY: mark the set bits of the bitmap at uptr dirty in mock domain `id`.",
  fields: {
    flags: { type: "__u32", reserved: true, doc: "Must be 0." },
    __pad: {
      type: "__u32",
      reserved: true,
      doc: "Padding (implicit in the kernel's header: the union's members alias it).",
    },
    iova: { type: "__aligned_u64", doc: "First IOVA." },
    length: { type: "__aligned_u64", doc: "Length in bytes." },
    page_size: { type: "__aligned_u64", doc: "Bytes per bitmap bit." },
    uptr: { type: "__aligned_u64", userPtr: true, doc: "The bitmap." },
    out_nr_dirty: { type: "__aligned_u64", dir: "out", doc: "Pages marked." },
  },
});

export const iommu_test_check_iotlb = struct({
  doc: "IOMMU_TEST_OP_MD_CHECK_IOTLB: slot `id` of mock nested page table `id` holds iotlb.",
  fields: {
    id: { type: "__u32", doc: "IOTLB slot, 0 to MOCK_NESTED_DOMAIN_IOTLB_ID_MAX." },
    iotlb: { type: "__u32", doc: "Expected value." },
  },
});

export const iommu_test_trigger_iopf = struct({
  doc: "IOMMU_TEST_OP_TRIGGER_IOPF: a page request from a mock device.",
  fields: {
    dev_id: { type: "__u32", doc: "The bound device." },
    pasid: { type: "__u32", doc: "The PASID of the request." },
    grpid: { type: "__u32", doc: "Page request group." },
    perm: { type: "__u32", doc: "IOMMU_PGFAULT_PERM_* bits." },
    addr: { type: "__u64", doc: "Faulting address." },
  },
});

export const iommu_test_check_dev_cache = struct({
  doc: "IOMMU_TEST_OP_DEV_CHECK_CACHE: cache slot `id` of device `id` holds cache.",
  fields: {
    id: { type: "__u32", doc: "Cache slot, 0 to MOCK_DEV_CACHE_ID_MAX." },
    cache: { type: "__u32", doc: "Expected value." },
  },
});

export const iommu_test_trigger_vevent = struct({
  doc: "IOMMU_TEST_OP_TRIGGER_VEVENT: a vIOMMU event from a mock device.",
  fields: { dev_id: { type: "__u32", doc: "The bound device." } },
});

export const iommu_test_pasid_attach = struct({
  doc: "IOMMU_TEST_OP_PASID_ATTACH and _REPLACE: a PASID of selftest object `id` to pt_id.",
  fields: {
    pasid: { type: "__u32", doc: "The PASID." },
    pt_id: { type: "__u32", doc: "An IOAS or page table." },
  },
});

export const iommu_test_pasid_detach = struct({
  doc: "IOMMU_TEST_OP_PASID_DETACH.",
  fields: { pasid: { type: "__u32", doc: "The PASID." } },
});

export const iommu_test_pasid_check = struct({
  doc: "IOMMU_TEST_OP_PASID_CHECK_HWPT: the PASID of selftest object `id` uses hwpt_id.",
  fields: {
    pasid: { type: "__u32", doc: "The PASID." },
    hwpt_id: { type: "__u32", doc: "Expected page table, 0 for none." },
  },
});

export const iommu_test_dmabuf_get = struct({
  doc: "IOMMU_TEST_OP_DMABUF_GET: a test dma-buf of length bytes; the ioctl returns its fd.",
  fields: {
    length: { type: "__u32", doc: "Size in bytes." },
    // uapi-lint-disable-next-line flags-declare-valid-bits -- the layout of the kernel's drivers/iommu/iommufd/iommufd_test.h (a test interface, not a stable uAPI)
    open_flags: { type: "__u32", doc: "O_CLOEXEC and friends." },
  },
});

export const iommu_test_dmabuf_revoke = struct({
  doc: "IOMMU_TEST_OP_DMABUF_REVOKE.",
  fields: {
    dmabuf_fd: { type: "__s32", doc: "The dma-buf." },
    revoked: { type: "__u32", doc: "1 to revoke, 0 to restore." },
  },
});

// uapi-lint-disable-next-line no-implicit-tail-padding -- the layout of the kernel's drivers/iommu/iommufd/iommufd_test.h (a test interface, not a stable uAPI)
export const iommu_test_cmd = struct({
  doc:
    "Argument of IOMMU_TEST_CMD: one operation of the mock driver (op), on object id, " +
    "with the op's payload in the union.",
  extensible: { size: "size", lastMandatory: "last" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_test_cmd)" },
    op: { type: "__u32", values: iommu_test_op, doc: "One of IOMMU_TEST_OP_*." },
    id: { type: "__u32", doc: "The object the op works on, per op." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    payload: anonymousUnion({
      doc: "The op's payload.",
      members: {
        // uapi-lint-disable-next-line reserved-must-be-zero -- the layout of the kernel's drivers/iommu/iommufd/iommufd_test.h (a test interface, not a stable uAPI)
        add_reserved: { type: iommu_test_add_reserved, doc: "IOMMU_TEST_OP_ADD_RESERVED." },
        mock_domain: { type: iommu_test_mock_domain, doc: "IOMMU_TEST_OP_MOCK_DOMAIN." },
        // uapi-lint-disable-next-line flags-declare-valid-bits -- the layout of the kernel's drivers/iommu/iommufd/iommufd_test.h (a test interface, not a stable uAPI)
        mock_domain_flags: {
          type: iommu_test_mock_domain_flags,
          doc: "IOMMU_TEST_OP_MOCK_DOMAIN_FLAGS.",
        },
        mock_domain_replace: {
          type: iommu_test_mock_domain_replace,
          doc: "IOMMU_TEST_OP_MOCK_DOMAIN_REPLACE.",
        },
        check_map: { type: iommu_test_check_map, doc: "IOMMU_TEST_OP_MD_CHECK_MAP." },
        check_refs: { type: iommu_test_check_refs, doc: "IOMMU_TEST_OP_MD_CHECK_REFS." },
        create_access: { type: iommu_test_create_access, doc: "IOMMU_TEST_OP_CREATE_ACCESS." },
        destroy_access_pages: {
          type: iommu_test_destroy_access_pages,
          doc: "IOMMU_TEST_OP_DESTROY_ACCESS_PAGES.",
        },
        access_pages: { type: iommu_test_access_pages, doc: "IOMMU_TEST_OP_ACCESS_PAGES." },
        access_rw: { type: iommu_test_access_rw, doc: "IOMMU_TEST_OP_ACCESS_RW." },
        memory_limit: {
          type: iommu_test_memory_limit,
          doc: "IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT.",
        },
        access_replace_ioas: {
          type: iommu_test_access_replace_ioas,
          doc: "IOMMU_TEST_OP_ACCESS_REPLACE_IOAS.",
        },
        dirty: { type: iommu_test_dirty, doc: "IOMMU_TEST_OP_DIRTY." },
        check_iotlb: { type: iommu_test_check_iotlb, doc: "IOMMU_TEST_OP_MD_CHECK_IOTLB." },
        trigger_iopf: { type: iommu_test_trigger_iopf, doc: "IOMMU_TEST_OP_TRIGGER_IOPF." },
        check_dev_cache: {
          type: iommu_test_check_dev_cache,
          doc: "IOMMU_TEST_OP_DEV_CHECK_CACHE.",
        },
        trigger_vevent: {
          type: iommu_test_trigger_vevent,
          doc: "IOMMU_TEST_OP_TRIGGER_VEVENT.",
        },
        pasid_attach: { type: iommu_test_pasid_attach, doc: "IOMMU_TEST_OP_PASID_ATTACH." },
        pasid_replace: { type: iommu_test_pasid_attach, doc: "IOMMU_TEST_OP_PASID_REPLACE." },
        pasid_detach: { type: iommu_test_pasid_detach, doc: "IOMMU_TEST_OP_PASID_DETACH." },
        pasid_check: { type: iommu_test_pasid_check, doc: "IOMMU_TEST_OP_PASID_CHECK_HWPT." },
        dmabuf_get: { type: iommu_test_dmabuf_get, doc: "IOMMU_TEST_OP_DMABUF_GET." },
        dmabuf_revoke: { type: iommu_test_dmabuf_revoke, doc: "IOMMU_TEST_OP_DMABUF_REVOKE." },
      },
    }),
    last: { type: "__u32", doc: "Marks the end of the mandatory part." },
  },
});

export const IOMMU_TEST_CMD = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMU_TEST_CMD_NR",
  dir: "none",
  arg: iommu_test_cmd,
  doc: "Drive the mock driver of the selftests (CONFIG_IOMMUFD_TEST).",
});

export const iommu_hwpt_selftest_data_type = enumeration({
  anonymous: true,
  doc: "HWPT allocation data type of the mock driver.",
  members: {
    IOMMU_HWPT_DATA_SELFTEST: { value: 0xdead, doc: "struct iommu_hwpt_selftest." },
  },
});

export const mock_iommupt_type = enumeration({
  anonymous: true,
  doc: "Page table formats of a mock paging domain.",
  members: {
    MOCK_IOMMUPT_DEFAULT: { value: 0, doc: "2 KiB pages, the mock aperture." },
    MOCK_IOMMUPT_HUGE: { value: 1, doc: "Huge pages only (MOCK_HUGE_PAGE_SIZE)." },
  },
});

export const iommu_hwpt_selftest = struct({
  doc:
    "Mock page table data: the initial value of every mock IOTLB slot of a nested page " +
    "table, and the page table format of a paging one.",
  fields: {
    iotlb: {
      type: "__u32",
      doc: "Initial IOTLB slot value; the tests use IOMMU_TEST_IOTLB_DEFAULT.",
    },
    pagetable_type: {
      type: "__u32",
      values: mock_iommupt_type,
      doc: "Page table format of a paging domain: MOCK_IOMMUPT_DEFAULT or MOCK_IOMMUPT_HUGE.",
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
