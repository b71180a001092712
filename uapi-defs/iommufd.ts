/**
 * Linux IOMMUFD: the cache-invalidation uAPI and the allocation and information structs
 * around it, at the level of the newest mainline header (~v6.17). Layouts, values and
 * numbers follow include/uapi/linux/iommufd.h; the documentation is our own.
 */
import {
  anonymousUnion,
  array,
  char,
  constant,
  enumeration,
  flagSet,
  header,
  ioctl,
  struct,
} from "uapi-gen/dsl";

export const iommufd = header({
  name: "iommufd",
  doc:
    "IOMMUFD user API. Every command takes a struct whose first __u32 is its size, so " +
    "the kernel can accept older and newer callers: a shorter struct is zero-extended, a " +
    "longer one must be zero beyond what the kernel knows (E2BIG otherwise). Generic errors: " +
    "ENOTTY unknown ioctl, E2BIG unknown non-zero tail, EOPNOTSUPP unsupported value in a " +
    "known field, EINVAL invalid field, ENOENT missing ID or IOVA, ENOMEM out of memory, " +
    "EOVERFLOW arithmetic overflow.",
});

export const IOMMUFD_TYPE = constant({
  value: char(";"),
  doc: "The ioctl type character of every IOMMUFD command.",
});

export const iommufd_cmd = enumeration({
  anonymous: true,
  doc: "Command numbers of the IOMMUFD ioctls.",
  members: {
    IOMMUFD_CMD_BASE: { value: 0x80, doc: "First command number." },
    IOMMUFD_CMD_DESTROY: { value: 0x80, doc: "Destroy an object." },
    IOMMUFD_CMD_IOAS_ALLOC: { value: 0x81, doc: "Allocate an I/O address space." },
    IOMMUFD_CMD_IOAS_ALLOW_IOVAS: { value: 0x82, doc: "Restrict the usable IOVA ranges." },
    IOMMUFD_CMD_IOAS_COPY: { value: 0x83, doc: "Copy a mapping between address spaces." },
    IOMMUFD_CMD_IOAS_IOVA_RANGES: { value: 0x84, doc: "Query the usable IOVA ranges." },
    IOMMUFD_CMD_IOAS_MAP: { value: 0x85, doc: "Map user memory into an address space." },
    IOMMUFD_CMD_IOAS_UNMAP: { value: 0x86, doc: "Unmap a range of an address space." },
    IOMMUFD_CMD_OPTION: { value: 0x87, doc: "Get or set an option." },
    IOMMUFD_CMD_VFIO_IOAS: {
      value: 0x88,
      doc: "Select the address space of the VFIO compatibility layer.",
    },
    IOMMUFD_CMD_HWPT_ALLOC: { value: 0x89, doc: "Allocate a hardware page table." },
    IOMMUFD_CMD_GET_HW_INFO: { value: 0x8a, doc: "Query the IOMMU hardware behind a device." },
    IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING: { value: 0x8b, doc: "Switch dirty tracking on or off." },
    IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP: { value: 0x8c, doc: "Read and clear the dirty bitmap." },
    IOMMUFD_CMD_HWPT_INVALIDATE: {
      value: 0x8d,
      doc: "Invalidate caches of a nested page table or vIOMMU.",
    },
    IOMMUFD_CMD_FAULT_QUEUE_ALLOC: { value: 0x8e, doc: "Allocate a fault queue." },
    IOMMUFD_CMD_IOAS_MAP_FILE: { value: 0x8f, doc: "Map a file into an address space." },
    IOMMUFD_CMD_VIOMMU_ALLOC: { value: 0x90, doc: "Allocate a virtual IOMMU." },
    IOMMUFD_CMD_VDEVICE_ALLOC: { value: 0x91, doc: "Allocate a virtual device of a vIOMMU." },
    IOMMUFD_CMD_IOAS_CHANGE_PROCESS: {
      value: 0x92,
      doc: "Move pinned pages to the calling process.",
    },
    IOMMUFD_CMD_VEVENTQ_ALLOC: { value: 0x93, doc: "Allocate a virtual event queue." },
    IOMMUFD_CMD_HW_QUEUE_ALLOC: { value: 0x94, doc: "Allocate a hardware-accelerated queue." },
  },
});

export const iommu_destroy = struct({
  doc: "Argument of IOMMU_DESTROY: destroys any object by its ID.",
  extensible: { size: "size", lastMandatory: "id" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_destroy)" },
    id: { type: "__u32", doc: "ID of the object to destroy." },
  },
});

export const iommu_hwpt_vtd_s1_flags = flagSet({
  doc: "Flags of an Intel VT-d stage-1 page table.",
  bits: {
    IOMMU_VTD_S1_SRE: { bit: 0, doc: "Supervisor requests are allowed." },
    IOMMU_VTD_S1_EAFE: { bit: 1, doc: "Extended access flags are enabled." },
    IOMMU_VTD_S1_WPE: { bit: 2, doc: "Write protection is enforced for supervisor accesses." },
  },
});

export const iommu_hwpt_vtd_s1 = struct({
  doc: "Intel VT-d stage-1 page table, the data of IOMMU_HWPT_DATA_VTD_S1.",
  fields: {
    flags: {
      type: "__aligned_u64",
      flags: iommu_hwpt_vtd_s1_flags,
      doc: "Combination of iommu_hwpt_vtd_s1_flags.",
    },
    pgtbl_addr: { type: "__aligned_u64", doc: "Guest physical address of the stage-1 page table." },
    addr_width: { type: "__u32", doc: "Input address width of the stage-1 page table." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const iommu_hwpt_arm_smmuv3 = struct({
  doc: "ARM SMMUv3 nested stage-1 configuration, the data of IOMMU_HWPT_DATA_ARM_SMMUV3.",
  hardware: true,
  fields: {
    ste: {
      type: array("__aligned_le64", 2),
      doc:
        "The first two 64-bit words of the guest's stream table entry, little-endian. Only " +
        "V, Cfg, S1Fmt, S1ContextPtr and S1CDMax of word 0 and EATS, S1DSS, S1CIR, S1COR, " +
        "S1CSH and S1STALLD of word 1 may be set; anything else fails with EIO.",
    },
  },
});

export const iommu_hwpt_data_type = enumeration({
  doc: "Format of the driver data passed to IOMMU_HWPT_ALLOC.",
  members: {
    IOMMU_HWPT_DATA_NONE: { value: 0, doc: "No data: a kernel-managed page table." },
    IOMMU_HWPT_DATA_VTD_S1: { value: 1, doc: "struct iommu_hwpt_vtd_s1." },
    IOMMU_HWPT_DATA_ARM_SMMUV3: { value: 2, doc: "struct iommu_hwpt_arm_smmuv3." },
  },
});

export const iommufd_hwpt_alloc_flags = flagSet({
  doc: "Flags of IOMMU_HWPT_ALLOC.",
  bits: {
    IOMMU_HWPT_ALLOC_NEST_PARENT: {
      bit: 0,
      doc: "The page table can be the parent of nested ones.",
    },
    IOMMU_HWPT_ALLOC_DIRTY_TRACKING: { bit: 1, doc: "Dirty tracking is supported." },
    IOMMU_HWPT_FAULT_ID_VALID: { bit: 2, doc: "fault_id names a fault queue." },
    IOMMU_HWPT_ALLOC_PASID: { bit: 3, doc: "The page table can be attached with a PASID." },
  },
});

export const iommu_hwpt_alloc = struct({
  doc:
    "Argument of IOMMU_HWPT_ALLOC: allocates a hardware page table for a device, either a " +
    "kernel-managed one on an IOAS or nesting parent, or a user-managed nested one whose " +
    "format data_type selects.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_alloc)" },
    flags: {
      type: "__u32",
      flags: iommufd_hwpt_alloc_flags,
      doc: "Combination of iommufd_hwpt_alloc_flags.",
    },
    dev_id: { type: "__u32", doc: "The device to allocate the page table for." },
    pt_id: { type: "__u32", doc: "Parent: an IOAS, a nesting-parent page table, or a vIOMMU." },
    out_hwpt_id: { type: "__u32", dir: "out", doc: "ID of the new page table." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    data_type: { type: "__u32", values: iommu_hwpt_data_type, doc: "One of iommu_hwpt_data_type." },
    data_len: { type: "__u32", doc: "Length of the data; 0 exactly when data_type is NONE." },
    data_uptr: { type: "__aligned_u64", userPtr: true, doc: "User pointer to the driver data." },
    fault_id: { type: "__u32", doc: "Fault queue, valid with IOMMU_HWPT_FAULT_ID_VALID." },
    __reserved2: { type: "__u32", reserved: true, doc: "Pads to a multiple of 8; must be 0." },
  },
});

export const iommu_hw_info_vtd_flags = flagSet({
  doc: "Flags of struct iommu_hw_info_vtd.",
  bits: {
    IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17: {
      bit: 0,
      doc: "Erratum 772415: stage-1 read-only mappings may need special handling.",
    },
  },
});

export const iommu_hw_info_vtd = struct({
  doc: "Intel VT-d hardware information, returned by IOMMU_GET_HW_INFO.",
  fields: {
    flags: {
      type: "__u32",
      flags: iommu_hw_info_vtd_flags,
      dir: "out",
      doc: "Combination of iommu_hw_info_vtd_flags.",
    },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    cap_reg: { type: "__aligned_u64", dir: "out", doc: "The VT-d capability register." },
    ecap_reg: { type: "__aligned_u64", dir: "out", doc: "The VT-d extended capability register." },
  },
});

export const iommu_hw_info_arm_smmuv3 = struct({
  doc:
    "ARM SMMUv3 hardware information, returned by IOMMU_GET_HW_INFO. User space should " +
    "read only the ID register fields that matter to a guest: ST_LEVEL, TERM_MODEL, " +
    "STALL_MODEL, TTENDIAN, CD2L, ASID16 and TTF of IDR0; SIDSIZE and SSIDSIZE of IDR1; BBML " +
    "and RIL of IDR3; VAX and the granule bits of IDR5.",
  fields: {
    flags: { type: "__u32", dir: "out", reserved: true, doc: "No flag is defined yet: must be 0." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    idr: { type: array("__u32", 6), dir: "out", doc: "The raw SMMU_IDR0 to SMMU_IDR5 registers." },
    iidr: { type: "__u32", dir: "out", doc: "The SMMU_IIDR register." },
    aidr: { type: "__u32", dir: "out", doc: "The SMMU_AIDR register." },
  },
});

export const iommu_hw_info_tegra241_cmdqv = struct({
  doc: "NVIDIA Tegra241 CMDQV hardware information, returned by IOMMU_GET_HW_INFO.",
  fields: {
    flags: { type: "__u32", dir: "out", reserved: true, doc: "No flag is defined yet: must be 0." },
    version: { type: "__u8", dir: "out", doc: "Hardware version." },
    log2vcmdqs: { type: "__u8", dir: "out", doc: "log2 of the number of virtual command queues." },
    log2vsids: { type: "__u8", dir: "out", doc: "log2 of the number of virtual stream IDs." },
    __reserved: { type: "__u8", reserved: true, doc: "Must be 0." },
  },
});

export const iommu_hw_info_type = enumeration({
  doc: "Format of the data IOMMU_GET_HW_INFO returns.",
  members: {
    IOMMU_HW_INFO_TYPE_NONE: { value: 0, doc: "No driver data." },
    IOMMU_HW_INFO_TYPE_DEFAULT: { value: 0, doc: "Input only: let the kernel pick the type." },
    IOMMU_HW_INFO_TYPE_INTEL_VTD: { value: 1, doc: "struct iommu_hw_info_vtd." },
    IOMMU_HW_INFO_TYPE_ARM_SMMUV3: { value: 2, doc: "struct iommu_hw_info_arm_smmuv3." },
    IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV: { value: 3, doc: "struct iommu_hw_info_tegra241_cmdqv." },
  },
});

export const iommufd_hw_info_flags = flagSet({
  doc: "Flags of IOMMU_GET_HW_INFO.",
  bits: {
    IOMMU_HW_INFO_FLAG_INPUT_TYPE: { bit: 0, doc: "in_data_type selects the data type to return." },
  },
});

export const iommu_hw_info = struct({
  doc: "Argument of IOMMU_GET_HW_INFO: reports the IOMMU hardware behind a device.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hw_info)" },
    flags: {
      type: "__u32",
      flags: iommufd_hw_info_flags,
      doc: "Combination of iommufd_hw_info_flags.",
    },
    dev_id: { type: "__u32", doc: "The device to query." },
    data_len: {
      type: "__u32",
      dir: "inout",
      doc: "In: length of the user buffer. Out: length the kernel filled.",
    },
    data_uptr: { type: "__aligned_u64", userPtr: true, doc: "User buffer for the driver data." },
    data_type: anonymousUnion({
      doc: "The data type, requested on input or reported on output.",
      members: {
        in_data_type: {
          type: "__u32",
          values: iommu_hw_info_type,
          doc: "Requested type, with IOMMU_HW_INFO_FLAG_INPUT_TYPE.",
        },
        out_data_type: {
          type: "__u32",
          values: iommu_hw_info_type,
          dir: "out",
          doc: "Type of the returned data.",
        },
      },
    }),
    out_max_pasid_log2: {
      type: "__u8",
      dir: "out",
      doc: "Width of the PASIDs the device supports; 0 when none.",
    },
    __reserved: { type: array("__u8", 3), reserved: true, doc: "Must be 0." },
    out_capabilities: { type: "__aligned_u64", dir: "out", doc: "Generic IOMMU capability bits." },
  },
});

export const iommu_hwpt_invalidate_data_type = enumeration({
  doc: "Format of the entries passed to IOMMU_HWPT_INVALIDATE.",
  members: {
    IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: { value: 0, doc: "struct iommu_hwpt_vtd_s1_invalidate." },
    IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3: {
      value: 1,
      doc: "struct iommu_viommu_arm_smmuv3_invalidate.",
    },
  },
});

export const iommu_hwpt_vtd_s1_invalidate_flags = flagSet({
  doc: "Flags of an Intel VT-d stage-1 invalidation entry.",
  bits: {
    IOMMU_VTD_INV_FLAGS_LEAF: {
      bit: 0,
      doc: "Only leaf entries changed: the paging-structure caches may be kept.",
    },
  },
});

export const iommu_hwpt_vtd_s1_invalidate = struct({
  doc:
    "One Intel VT-d stage-1 invalidation: a range of 4 KiB pages. addr 0 with npages " +
    "U64_MAX invalidates everything. The device TLB is invalidated too when ATS is enabled.",
  fields: {
    addr: { type: "__aligned_u64", doc: "Start of the range; 4 KiB aligned." },
    npages: { type: "__aligned_u64", doc: "Number of contiguous 4 KiB pages." },
    flags: {
      type: "__u32",
      flags: iommu_hwpt_vtd_s1_invalidate_flags,
      doc: "Combination of iommu_hwpt_vtd_s1_invalidate_flags.",
    },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const iommu_viommu_arm_smmuv3_invalidate = struct({
  doc:
    "One ARM SMMUv3 command-queue command for a vIOMMU: TLBI_NSNH_ALL, TLBI_NH_VA, " +
    "TLBI_NH_VAA, TLBI_NH_ALL, TLBI_NH_ASID, ATC_INV, CFGI_CD or CFGI_CD_ALL. Any other " +
    "command, or an unknown virtual stream ID, fails with EIO.",
  hardware: true,
  fields: {
    cmd: { type: array("__aligned_le64", 2), doc: "The 128-bit command, little-endian." },
  },
});

export const iommu_hwpt_invalidate = struct({
  doc:
    "Argument of IOMMU_HWPT_INVALIDATE: invalidates the caches of a user-managed nested " +
    "page table, or (since v6.13) of a vIOMMU, which also covers device and descriptor " +
    "caches. The request is a linear array of entry_num entries of entry_len bytes, all of " +
    "format data_type. The kernel handles them in order and writes back in entry_num how many " +
    "it handled, on success and on failure alike; on failure the entry at that index is the " +
    "one that failed. entry_num 0 probes whether data_type is supported.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  arrays: [
    {
      pointer: "data_uptr",
      entryLen: "entry_len",
      count: "entry_num",
      selector: "data_type",
      entries: {
        IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: iommu_hwpt_vtd_s1_invalidate,
        IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3: iommu_viommu_arm_smmuv3_invalidate,
      },
      onError: { blame: "entry-at-count", count: "handled" },
      doc: "The invalidation requests.",
    },
  ],
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_invalidate)" },
    hwpt_id: { type: "__u32", doc: "A nested page table or a vIOMMU." },
    data_uptr: {
      type: "__aligned_u64",
      userPtr: true,
      doc: "User pointer to the array of entries.",
    },
    data_type: {
      type: "__u32",
      values: iommu_hwpt_invalidate_data_type,
      doc: "Format of every entry.",
    },
    entry_len: { type: "__u32", doc: "Length of one entry in bytes." },
    entry_num: { type: "__u32", dir: "inout", doc: "In: number of entries. Out: number handled." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const iommu_viommu_type = enumeration({
  doc: "Type of a virtual IOMMU.",
  members: {
    IOMMU_VIOMMU_TYPE_DEFAULT: { value: 0, doc: "Reserved." },
    IOMMU_VIOMMU_TYPE_ARM_SMMUV3: { value: 1, doc: "ARM SMMUv3." },
    IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV: {
      value: 2,
      doc: "NVIDIA Tegra241 CMDQV extension of SMMUv3.",
    },
  },
});

export const iommu_viommu_tegra241_cmdqv = struct({
  doc: "Data of a Tegra241 CMDQV vIOMMU: where to mmap its virtual interface page.",
  fields: {
    out_vintf_mmap_offset: {
      type: "__aligned_u64",
      dir: "out",
      doc: "mmap offset of the VINTF page0.",
    },
    out_vintf_mmap_length: {
      type: "__aligned_u64",
      dir: "out",
      doc: "mmap length of the VINTF page0.",
    },
  },
});

export const iommu_viommu_alloc = struct({
  doc: "Argument of IOMMU_VIOMMU_ALLOC: allocates a virtual IOMMU on a nesting parent.",
  extensible: { size: "size", lastMandatory: "out_viommu_id" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_viommu_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    type: { type: "__u32", values: iommu_viommu_type, doc: "One of iommu_viommu_type." },
    dev_id: { type: "__u32", doc: "The device whose physical IOMMU backs the vIOMMU." },
    hwpt_id: { type: "__u32", doc: "The nesting-parent page table." },
    out_viommu_id: { type: "__u32", dir: "out", doc: "ID of the new vIOMMU." },
    data_len: { type: "__u32", doc: "Length of the driver data." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    data_uptr: {
      type: "__aligned_u64",
      userPtr: true,
      doc: "User pointer to the driver data (in and out).",
    },
  },
});

export const iommu_vdevice_alloc = struct({
  doc: "Argument of IOMMU_VDEVICE_ALLOC: gives a device its guest-visible ID in a vIOMMU.",
  extensible: { size: "size", lastMandatory: "virt_id" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_vdevice_alloc)" },
    viommu_id: { type: "__u32", doc: "The vIOMMU." },
    dev_id: { type: "__u32", doc: "The physical device." },
    out_vdevice_id: { type: "__u32", dir: "out", doc: "ID of the new vDEVICE." },
    virt_id: {
      type: "__aligned_u64",
      doc: "The guest's ID of the device: the virtual stream ID on SMMUv3, the virtual RID on VT-d.",
    },
  },
});

export const iommu_veventq_flag = flagSet({
  doc: "Flags of a vEVENTQ record header.",
  bits: {
    IOMMU_VEVENTQ_FLAG_LOST_EVENTS: { bit: 0, doc: "Events were lost since the previous record." },
  },
});

export const iommufd_vevent_header = struct({
  doc: "Header of every record read from a vEVENTQ.",
  fields: {
    flags: {
      type: "__u32",
      dir: "out",
      flags: iommu_veventq_flag,
      doc: "IOMMU_VEVENTQ_FLAG_LOST_EVENTS when events were lost.",
    },
    sequence: { type: "__u32", dir: "out", doc: "Sequence number of the event." },
  },
});

export const iommu_veventq_type = enumeration({
  doc: "Type of a virtual event queue.",
  members: {
    IOMMU_VEVENTQ_TYPE_DEFAULT: { value: 0, doc: "Reserved." },
    IOMMU_VEVENTQ_TYPE_ARM_SMMUV3: { value: 1, doc: "struct iommu_vevent_arm_smmuv3 records." },
    IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV: { value: 2, doc: "Tegra241 CMDQV error records." },
  },
});

export const iommu_vevent_arm_smmuv3 = struct({
  doc: "An SMMUv3 event record with the virtual stream ID substituted, little-endian.",
  hardware: true,
  fields: {
    evt: { type: array("__aligned_le64", 4), dir: "out", doc: "The 256-bit event record." },
  },
});

export const iommu_veventq_alloc = struct({
  doc: "Argument of IOMMU_VEVENTQ_ALLOC: allocates a queue of vIOMMU events read through a file descriptor.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_veventq_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    viommu_id: { type: "__u32", doc: "The vIOMMU." },
    type: { type: "__u32", values: iommu_veventq_type, doc: "One of iommu_veventq_type." },
    veventq_depth: { type: "__u32", doc: "Maximum number of queued events." },
    out_veventq_id: { type: "__u32", dir: "out", doc: "ID of the new queue." },
    out_veventq_fd: { type: "__u32", dir: "out", doc: "File descriptor to read events from." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const iommu_hw_queue_type = enumeration({
  doc: "Type of a hardware-accelerated queue.",
  members: {
    IOMMU_HW_QUEUE_TYPE_DEFAULT: { value: 0, doc: "Reserved." },
    IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV: { value: 1, doc: "A Tegra241 virtual command queue." },
  },
});

export const iommu_hw_queue_alloc = struct({
  doc: "Argument of IOMMU_HW_QUEUE_ALLOC: gives a vIOMMU a queue the hardware reads directly.",
  extensible: { size: "size", lastMandatory: "length" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hw_queue_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    viommu_id: { type: "__u32", doc: "The vIOMMU." },
    type: { type: "__u32", values: iommu_hw_queue_type, doc: "One of iommu_hw_queue_type." },
    index: { type: "__u32", doc: "Index of the queue in the vIOMMU." },
    out_hw_queue_id: { type: "__u32", dir: "out", doc: "ID of the new queue." },
    nesting_parent_iova: {
      type: "__aligned_u64",
      doc: "Base of the queue memory, as an IOVA of the nesting parent.",
    },
    length: { type: "__aligned_u64", doc: "Length of the queue memory in bytes." },
  },
});

export const IOMMU_DESTROY = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_DESTROY",
  dir: "none",
  arg: iommu_destroy,
  doc: "Destroy an object.",
});

export const IOMMU_IOAS_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_ALLOC",
  dir: "none",
  doc: "Allocate an I/O address space.",
});

export const IOMMU_IOAS_ALLOW_IOVAS = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_ALLOW_IOVAS",
  dir: "none",
  doc: "Restrict the usable IOVA ranges.",
});

export const IOMMU_IOAS_COPY = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_COPY",
  dir: "none",
  doc: "Copy a mapping between address spaces.",
});

export const IOMMU_IOAS_IOVA_RANGES = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_IOVA_RANGES",
  dir: "none",
  doc: "Query the usable IOVA ranges.",
});

export const IOMMU_IOAS_MAP = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_MAP",
  dir: "none",
  doc: "Map user memory into an address space.",
});

export const IOMMU_IOAS_UNMAP = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_UNMAP",
  dir: "none",
  doc: "Unmap a range of an address space.",
});

export const IOMMU_OPTION = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_OPTION",
  dir: "none",
  doc: "Get or set an option.",
});

export const IOMMU_VFIO_IOAS = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VFIO_IOAS",
  dir: "none",
  doc: "Select the address space of the VFIO compatibility layer.",
});

export const IOMMU_HWPT_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_ALLOC",
  dir: "none",
  arg: iommu_hwpt_alloc,
  doc: "Allocate a hardware page table.",
});

export const IOMMU_GET_HW_INFO = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_GET_HW_INFO",
  dir: "none",
  arg: iommu_hw_info,
  doc: "Query the IOMMU hardware behind a device.",
});

export const IOMMU_HWPT_SET_DIRTY_TRACKING = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING",
  dir: "none",
  doc: "Switch dirty tracking on or off.",
});

export const IOMMU_HWPT_GET_DIRTY_BITMAP = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP",
  dir: "none",
  doc: "Read and clear the dirty bitmap.",
});

export const IOMMU_HWPT_INVALIDATE = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_INVALIDATE",
  dir: "none",
  arg: iommu_hwpt_invalidate,
  doc: "Invalidate the caches of a nested page table or vIOMMU.",
});

export const IOMMU_FAULT_QUEUE_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_FAULT_QUEUE_ALLOC",
  dir: "none",
  doc: "Allocate a fault queue.",
});

export const IOMMU_IOAS_MAP_FILE = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_MAP_FILE",
  dir: "none",
  doc: "Map a file into an address space.",
});

export const IOMMU_VIOMMU_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VIOMMU_ALLOC",
  dir: "none",
  arg: iommu_viommu_alloc,
  doc: "Allocate a virtual IOMMU.",
});

export const IOMMU_VDEVICE_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VDEVICE_ALLOC",
  dir: "none",
  arg: iommu_vdevice_alloc,
  doc: "Allocate a virtual device of a vIOMMU.",
});

export const IOMMU_IOAS_CHANGE_PROCESS = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_CHANGE_PROCESS",
  dir: "none",
  doc: "Move pinned pages to the calling process.",
});

export const IOMMU_VEVENTQ_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VEVENTQ_ALLOC",
  dir: "none",
  arg: iommu_veventq_alloc,
  doc: "Allocate a virtual event queue.",
});

export const IOMMU_HW_QUEUE_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HW_QUEUE_ALLOC",
  dir: "none",
  arg: iommu_hw_queue_alloc,
  doc: "Allocate a hardware-accelerated queue.",
});
