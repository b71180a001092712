/**
 * Linux IOMMUFD: the whole user API of <linux/iommufd.h> as of Linux 7.2, item for item and in
 * the kernel header's order, each ioctl right after its argument struct. Layouts, values and
 * numbers are the kernel's (`uapi-gen conform` compiles this module's header next to
 * linux-libc-dev 7.2's and compares every layout, enumerator and macro on every ABI); the
 * documentation is our own.
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
    "EOVERFLOW arithmetic overflow. Commands may document further errors of their own.",
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

// --- Objects and I/O address spaces ---------------------------------------------------------

export const iommu_destroy = struct({
  doc:
    "Every object an iommufd hands out (IOAS, page table, fault queue, vIOMMU, vDEVICE, " +
    "event queue, hardware queue) is released by its ID through this one command.",
  extensible: { size: "size", lastMandatory: "id" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_destroy)" },
    id: { type: "__u32", doc: "ID of the object to destroy, of any destroyable type." },
  },
});

export const IOMMU_DESTROY = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_DESTROY",
  dir: "none",
  arg: iommu_destroy,
  doc: "Destroy an object.",
});

export const iommu_ioas_alloc = struct({
  doc:
    "An I/O address space (IOAS) holds the mappings from I/O virtual addresses (IOVAs) " +
    "to user memory that the devices and page tables attached to it use.",
  extensible: { size: "size", lastMandatory: "out_ioas_id" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    out_ioas_id: { type: "__u32", dir: "out", doc: "ID of the new IOAS." },
  },
});

export const IOMMU_IOAS_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_ALLOC",
  dir: "none",
  arg: iommu_ioas_alloc,
  doc: "Allocate an I/O address space.",
});

export const iommu_iova_range = struct({
  doc: "A range of IOVAs, both ends included.",
  fields: {
    start: { type: "__aligned_u64", doc: "First IOVA of the range." },
    last: { type: "__aligned_u64", doc: "Last IOVA of the range (inclusive)." },
  },
});

export const iommu_ioas_iova_ranges = struct({
  doc:
    "Reports the IOVA ranges an IOAS may map. They depend on the devices attached: a new " +
    "IOAS allows everything, each attached device may narrow the ranges, and a detach may " +
    "widen them again, so query again after every attach or detach.\n\n" +
    "num_iovas says how many entries allowed_iovas has room for. The kernel writes as many " +
    "ranges as fit and sets num_iovas to the total; when the array was too short it fails " +
    "with EMSGSIZE, and the caller retries with a larger array.\n\n" +
    "out_iova_alignment is the alignment IOMMU_IOAS_MAP and IOMMU_IOAS_COPY require of the " +
    "start and of the end (start + length) of a mapping: 1 means any IOVA, and it is never " +
    "larger than the system page size.",
  extensible: { size: "size", lastMandatory: "out_iova_alignment" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_iova_ranges)" },
    ioas_id: { type: "__u32", doc: "The IOAS to query." },
    num_iovas: {
      type: "__u32",
      dir: "inout",
      doc: "In: entries of allowed_iovas. Out: total number of ranges of the IOAS.",
    },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    allowed_iovas: {
      type: "__aligned_u64",
      userPtr: true,
      doc: "User pointer to an array of struct iommu_iova_range the kernel fills.",
    },
    out_iova_alignment: {
      type: "__aligned_u64",
      dir: "out",
      doc: "Alignment every mapping's start and end must have.",
    },
  },
});

export const IOMMU_IOAS_IOVA_RANGES = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_IOVA_RANGES",
  dir: "none",
  arg: iommu_ioas_iova_ranges,
  doc: "Query the usable IOVA ranges.",
});

export const iommu_ioas_allow_iovas = struct({
  doc:
    "Guarantees that the given IOVA ranges stay usable: once this succeeds, no device " +
    "attach may narrow IOMMU_IOAS_IOVA_RANGES below them (such an attach fails instead), " +
    "and the call itself fails if the usable ranges are already narrower. Automatic IOVA " +
    "allocation by IOMMU_IOAS_MAP then stays within the allowed ranges. Each call replaces " +
    "the whole list.",
  extensible: { size: "size", lastMandatory: "allowed_iovas" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_allow_iovas)" },
    ioas_id: { type: "__u32", doc: "The IOAS whose ranges are pinned." },
    num_iovas: { type: "__u32", doc: "Number of entries of allowed_iovas." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    allowed_iovas: {
      type: "__aligned_u64",
      userPtr: true,
      doc: "User pointer to an array of struct iommu_iova_range.",
    },
  },
});

export const IOMMU_IOAS_ALLOW_IOVAS = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_ALLOW_IOVAS",
  dir: "none",
  arg: iommu_ioas_allow_iovas,
  doc: "Restrict the usable IOVA ranges.",
});

export const iommufd_ioas_map_flags = flagSet({
  doc: "Flags of IOMMU_IOAS_MAP, IOMMU_IOAS_MAP_FILE and IOMMU_IOAS_COPY.",
  bits: {
    IOMMU_IOAS_MAP_FIXED_IOVA: {
      bit: 0,
      doc: "Map at the IOVA the caller gives; without it the kernel picks the IOVA.",
    },
    IOMMU_IOAS_MAP_WRITEABLE: { bit: 1, doc: "Devices may write through the mapping." },
    IOMMU_IOAS_MAP_READABLE: { bit: 2, doc: "Devices may read through the mapping." },
  },
});

export const iommu_ioas_map = struct({
  doc:
    "Maps a range of the caller's memory into an IOAS. With IOMMU_IOAS_MAP_FIXED_IOVA the " +
    "mapping goes at iova, whose range must be unmapped (an existing mapping is never " +
    "replaced); otherwise the kernel chooses an IOVA within the allowed and outside the " +
    "reserved ranges and returns it in iova.",
  extensible: { size: "size", lastMandatory: "iova" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_map)" },
    flags: {
      type: "__u32",
      flags: iommufd_ioas_map_flags,
      doc: "Combination of enum iommufd_ioas_map_flags.",
    },
    ioas_id: { type: "__u32", doc: "The IOAS to map into." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    user_va: { type: "__aligned_u64", userPtr: true, doc: "Start of the user memory to map." },
    length: { type: "__aligned_u64", doc: "Length of the mapping in bytes." },
    iova: {
      type: "__aligned_u64",
      dir: "inout",
      doc: "In, with IOMMU_IOAS_MAP_FIXED_IOVA: where to map. Out: where the mapping is.",
    },
  },
});

export const IOMMU_IOAS_MAP = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_MAP",
  dir: "none",
  arg: iommu_ioas_map,
  doc: "Map user memory into an address space.",
});

export const iommu_ioas_map_file = struct({
  doc:
    "Like IOMMU_IOAS_MAP, but the memory is a range of a file: a memfd, or on kernels " +
    "that support it one of the dma-buf files IOMMUFD accepts (such as a single-range VFIO " +
    "PCI dma-buf); other dma-bufs may be refused. Flags, IOVA choice and errors are those " +
    "of IOMMU_IOAS_MAP.",
  extensible: { size: "size", lastMandatory: "iova" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_map_file)" },
    flags: {
      type: "__u32",
      flags: iommufd_ioas_map_flags,
      doc: "Combination of enum iommufd_ioas_map_flags.",
    },
    ioas_id: { type: "__u32", doc: "The IOAS to map into." },
    fd: { type: "__s32", doc: "File descriptor of the memfd or dma-buf." },
    start: { type: "__aligned_u64", doc: "Offset in the file where the mapping starts." },
    length: { type: "__aligned_u64", doc: "Length of the mapping in bytes." },
    iova: {
      type: "__aligned_u64",
      dir: "inout",
      doc: "In, with IOMMU_IOAS_MAP_FIXED_IOVA: where to map. Out: where the mapping is.",
    },
  },
});

export const IOMMU_IOAS_MAP_FILE = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_MAP_FILE",
  dir: "none",
  arg: iommu_ioas_map_file,
  doc: "Map a file into an address space.",
});

export const iommu_ioas_copy = struct({
  doc:
    "Maps into one IOAS memory that is already mapped in another: the source range must be " +
    "exactly a range given to IOMMU_IOAS_MAP. The copy shares the kernel's bookkeeping and " +
    "pins the pages only once, so it is cheaper than mapping the same memory again; it can " +
    "clone part of an IOAS or serve as a cache of mappings.",
  extensible: { size: "size", lastMandatory: "src_iova" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_copy)" },
    flags: {
      type: "__u32",
      flags: iommufd_ioas_map_flags,
      doc: "Combination of enum iommufd_ioas_map_flags.",
    },
    dst_ioas_id: { type: "__u32", doc: "The IOAS to map into." },
    src_ioas_id: { type: "__u32", doc: "The IOAS to copy the mapping from." },
    length: { type: "__aligned_u64", doc: "Length of the range in bytes." },
    dst_iova: {
      type: "__aligned_u64",
      dir: "inout",
      doc: "In, with IOMMU_IOAS_MAP_FIXED_IOVA: where to map. Out: where the copy is.",
    },
    src_iova: { type: "__aligned_u64", doc: "Start of the range in the source IOAS." },
  },
});

export const IOMMU_IOAS_COPY = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_COPY",
  dir: "none",
  arg: iommu_ioas_copy,
  doc: "Copy a mapping between address spaces.",
});

export const iommu_ioas_unmap = struct({
  doc:
    "Removes every mapping within a range. The range must cover whole mappings made by " +
    "IOMMU_IOAS_MAP or IOMMU_IOAS_COPY: a mapping is never split or shortened. iova 0 with " +
    "length U64_MAX removes everything.",
  extensible: { size: "size", lastMandatory: "length" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_unmap)" },
    ioas_id: { type: "__u32", doc: "The IOAS to unmap from." },
    iova: { type: "__aligned_u64", doc: "Start of the range." },
    length: {
      type: "__aligned_u64",
      dir: "inout",
      doc: "In: length of the range. Out: number of bytes unmapped.",
    },
  },
});

export const IOMMU_IOAS_UNMAP = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_UNMAP",
  dir: "none",
  arg: iommu_ioas_unmap,
  doc: "Unmap a range of an address space.",
});

// --- Options and VFIO compatibility ---------------------------------------------------------

export const iommufd_option = enumeration({
  doc: "Options of IOMMU_OPTION.",
  members: {
    IOMMU_OPTION_RLIMIT_MODE: {
      value: 0,
      doc:
        "How pinned pages count against RLIMIT_MEMLOCK: 0 (the default) per user, 1 per " +
        "process. Global (object_id 0); changing it needs privilege.",
    },
    IOMMU_OPTION_HUGE_PAGES: {
      value: 1,
      doc:
        "1 (the default) lets contiguous pages be mapped as larger IOMMU pages; 0 maps " +
        "every page on its own, e.g. for benchmarks. Per IOAS (object_id is the IOAS).",
    },
  },
});

export const iommufd_option_ops = enumeration({
  doc: "Operations of IOMMU_OPTION.",
  members: {
    IOMMU_OPTION_OP_SET: { value: 0, doc: "Set the option to val64." },
    IOMMU_OPTION_OP_GET: { value: 1, doc: "Return the option's value in val64." },
  },
});

export const iommu_option = struct({
  doc: "Reads or changes one option, global or of one object.",
  extensible: { size: "size", lastMandatory: "val64" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_option)" },
    option_id: { type: "__u32", values: iommufd_option, doc: "One of enum iommufd_option." },
    op: { type: "__u16", values: iommufd_option_ops, doc: "One of enum iommufd_option_ops." },
    __reserved: { type: "__u16", reserved: true, doc: "Must be 0." },
    object_id: { type: "__u32", doc: "The object the option belongs to, or 0 for a global one." },
    val64: {
      type: "__aligned_u64",
      dir: "inout",
      doc: "The value to set, or the value read.",
    },
  },
});

export const IOMMU_OPTION = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_OPTION",
  dir: "none",
  arg: iommu_option,
  doc: "Get or set an option.",
});

export const iommufd_vfio_ioas_op = enumeration({
  doc: "Operations of IOMMU_VFIO_IOAS.",
  members: {
    IOMMU_VFIO_IOAS_GET: { value: 0, doc: "Return the compatibility IOAS." },
    IOMMU_VFIO_IOAS_SET: { value: 1, doc: "Make ioas_id the compatibility IOAS." },
    IOMMU_VFIO_IOAS_CLEAR: { value: 2, doc: "Turn VFIO compatibility off." },
  },
});

export const iommu_vfio_ioas = struct({
  doc:
    "The VFIO container emulation has no IDs, so it works on one IOAS, the compatibility " +
    "IOAS. VFIO_GROUP_SET_CONTAINER on an iommufd takes the IOAS set here, or creates one; " +
    "VFIO keeps using it afterwards whatever this command does. SET and CLEAR never destroy " +
    "an IOAS VFIO created.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_vfio_ioas)" },
    ioas_id: {
      type: "__u32",
      dir: "inout",
      doc: "In, for IOMMU_VFIO_IOAS_SET: the IOAS. Out, for IOMMU_VFIO_IOAS_GET: the IOAS.",
    },
    op: { type: "__u16", values: iommufd_vfio_ioas_op, doc: "One of enum iommufd_vfio_ioas_op." },
    __reserved: { type: "__u16", reserved: true, doc: "Must be 0." },
  },
});

export const IOMMU_VFIO_IOAS = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VFIO_IOAS",
  dir: "none",
  arg: iommu_vfio_ioas,
  doc: "Select the address space of the VFIO compatibility layer.",
});

// --- Hardware page tables -------------------------------------------------------------------

export const iommufd_hwpt_alloc_flags = flagSet({
  doc: "Flags of IOMMU_HWPT_ALLOC.",
  bits: {
    IOMMU_HWPT_ALLOC_NEST_PARENT: {
      bit: 0,
      doc: "The page table can be the parent of nested ones.",
    },
    IOMMU_HWPT_ALLOC_DIRTY_TRACKING: {
      bit: 1,
      doc: "The page table tracks dirty pages; attaching a device whose IOMMU cannot fails.",
    },
    IOMMU_HWPT_FAULT_ID_VALID: { bit: 2, doc: "fault_id names a fault queue." },
    IOMMU_HWPT_ALLOC_PASID: {
      bit: 3,
      doc:
        "The page table can be attached to any PASID of the device. Once a PASID is " +
        "attached, whatever is attached to the device without a PASID must carry this flag " +
        "too. EOPNOTSUPP when the IOMMU has no PASID support.",
    },
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
      doc: "Combination of enum iommu_hwpt_vtd_s1_flags.",
    },
    pgtbl_addr: { type: "__aligned_u64", doc: "Guest physical address of the stage-1 page table." },
    addr_width: { type: "__u32", doc: "Input address width of the stage-1 page table." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const iommu_hwpt_arm_smmuv3 = struct({
  doc:
    "ARM SMMUv3 nested stage-1 configuration, the data of IOMMU_HWPT_DATA_ARM_SMMUV3.\n\n" +
    "Cfg selects stage-1 translation, bypass or abort. A bypass nested page table translates " +
    "like its nesting parent; a stage-1 one installs a context descriptor table in user " +
    "memory that the parent translates. A translating configuration needs the device's " +
    "vDEVICE (its virtual stream ID) before the attach, since CD and ATS invalidations and " +
    "events are reported by that ID; bypass and abort do not, which covers a guest running " +
    "with the SMMU disabled, but events cannot reach the guest until the vDEVICE exists.",
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

export const iommu_hwpt_amd_guest = struct({
  doc: "AMD IOMMU guest page table, the data of IOMMU_HWPT_DATA_AMD_GUEST.",
  fields: {
    dte: { type: array("__aligned_u64", 4), doc: "The guest's device table entry." },
  },
});

export const iommu_hwpt_data_type = enumeration({
  doc: "Format of the driver data passed to IOMMU_HWPT_ALLOC.",
  members: {
    IOMMU_HWPT_DATA_NONE: { value: 0, doc: "No data: a kernel-managed page table." },
    IOMMU_HWPT_DATA_VTD_S1: { value: 1, doc: "struct iommu_hwpt_vtd_s1." },
    IOMMU_HWPT_DATA_ARM_SMMUV3: { value: 2, doc: "struct iommu_hwpt_arm_smmuv3." },
    IOMMU_HWPT_DATA_AMD_GUEST: { value: 3, doc: "struct iommu_hwpt_amd_guest." },
  },
});

export const iommu_hwpt_alloc = struct({
  doc:
    "Allocates a hardware page table (HWPT): the object a device attach also creates, " +
    "backed by the IOMMU driver's domain.\n\n" +
    "A kernel-managed HWPT takes its mappings from the IOAS named by pt_id; data_type must " +
    "be IOMMU_HWPT_DATA_NONE, and IOMMU_HWPT_ALLOC_NEST_PARENT makes it usable as the parent " +
    "of nested ones.\n\n" +
    "A user-managed (nested) HWPT takes pt_id as a nesting-parent HWPT, or a vIOMMU that " +
    "wraps one; data_type names the page-table format of the IOMMU and data_uptr/data_len " +
    "carry it. The device and the vIOMMU must belong to the same IOMMU instance. With " +
    "IOMMU_HWPT_DATA_NONE, data_len and data_uptr are 0.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_alloc)" },
    flags: {
      type: "__u32",
      flags: iommufd_hwpt_alloc_flags,
      doc: "Combination of enum iommufd_hwpt_alloc_flags.",
    },
    dev_id: { type: "__u32", doc: "The device to allocate the page table for." },
    pt_id: { type: "__u32", doc: "Parent: an IOAS, a nesting-parent page table, or a vIOMMU." },
    out_hwpt_id: { type: "__u32", dir: "out", doc: "ID of the new page table." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    data_type: {
      type: "__u32",
      values: iommu_hwpt_data_type,
      doc: "One of enum iommu_hwpt_data_type.",
    },
    data_len: { type: "__u32", doc: "Length of the data; 0 exactly when data_type is NONE." },
    data_uptr: { type: "__aligned_u64", userPtr: true, doc: "User pointer to the driver data." },
    fault_id: { type: "__u32", doc: "Fault queue, valid with IOMMU_HWPT_FAULT_ID_VALID." },
    __reserved2: { type: "__u32", reserved: true, doc: "Pads to a multiple of 8; must be 0." },
  },
});

export const IOMMU_HWPT_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_ALLOC",
  dir: "none",
  arg: iommu_hwpt_alloc,
  doc: "Allocate a hardware page table.",
});

// --- Hardware information -------------------------------------------------------------------

export const iommu_hw_info_vtd_flags = flagSet({
  doc: "Flags of struct iommu_hw_info_vtd.",
  bits: {
    IOMMU_HW_INFO_VTD_ERRATA_772415_SPR17: {
      bit: 0,
      doc: "Intel erratum 772415: read-only mappings are refused on a nesting-parent domain.",
    },
  },
});

export const iommu_hw_info_vtd = struct({
  doc:
    "Intel VT-d hardware information, returned by IOMMU_GET_HW_INFO. The registers are " +
    "raw: decode them as the VT-d specification describes.",
  fields: {
    flags: {
      type: "__u32",
      flags: iommu_hw_info_vtd_flags,
      dir: "out",
      doc: "Combination of enum iommu_hw_info_vtd_flags.",
    },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    cap_reg: { type: "__aligned_u64", dir: "out", doc: "The VT-d capability register." },
    ecap_reg: { type: "__aligned_u64", dir: "out", doc: "The VT-d extended capability register." },
  },
});

export const iommu_hw_info_arm_smmuv3 = struct({
  doc:
    "ARM SMMUv3 hardware information, returned by IOMMU_GET_HW_INFO. The ID registers are " +
    "raw; user space should read only the fields that matter to a guest: ST_LEVEL, " +
    "TERM_MODEL, STALL_MODEL, TTENDIAN, CD2L, ASID16 and TTF of IDR0; SIDSIZE and SSIDSIZE " +
    "of IDR1; BBML and RIL of IDR3; VAX and the granule bits of IDR5. Stage 1 can be assumed " +
    "when a nested page table can be created, coherent access always; ATS is per device. " +
    "Other bits may gain meaning in later kernels, so a VMM must not rely on them.",
  fields: {
    flags: { type: "__u32", dir: "out", reserved: true, doc: "No flag is defined yet: must be 0." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    idr: { type: array("__u32", 6), dir: "out", doc: "The raw SMMU_IDR0 to SMMU_IDR5 registers." },
    iidr: { type: "__u32", dir: "out", doc: "The SMMU_IIDR register." },
    aidr: { type: "__u32", dir: "out", doc: "The SMMU_AIDR register." },
  },
});

export const iommu_hw_info_tegra241_cmdqv = struct({
  doc:
    "NVIDIA Tegra241 CMDQV hardware information, returned by IOMMU_GET_HW_INFO: the values " +
    "a VMM puts in its emulated PARAM register, with one virtual interface per VM.",
  fields: {
    flags: { type: "__u32", dir: "out", reserved: true, doc: "No flag is defined yet: must be 0." },
    version: { type: "__u8", dir: "out", doc: "Hardware version (PARAM bits 3:0)." },
    log2vcmdqs: {
      type: "__u8",
      dir: "out",
      doc: "log2 of the number of virtual command queues (PARAM bits 7:4).",
    },
    log2vsids: {
      type: "__u8",
      dir: "out",
      doc: "log2 of the number of stream ID replacements (PARAM bits 15:12).",
    },
    __reserved: { type: "__u8", reserved: true, doc: "Must be 0." },
  },
});

export const iommu_hw_info_amd = struct({
  doc:
    "AMD IOMMU hardware information, returned by IOMMU_GET_HW_INFO. The registers are raw; " +
    "the VMM decides which features it shows a guest (the kernel supports GTSup, GASup, " +
    "GioSup, PPRSup, EPHSup, GATS, GLX and PASmax of EFR for a hardware vIOMMU).",
  fields: {
    efr: { type: "__aligned_u64", dir: "out", doc: "The extended feature register." },
    efr2: { type: "__aligned_u64", dir: "out", doc: "The extended feature 2 register." },
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
    IOMMU_HW_INFO_TYPE_AMD: { value: 4, doc: "struct iommu_hw_info_amd." },
  },
});

export const iommufd_hw_capabilities = flagSet({
  doc: "Generic IOMMU capabilities, reported in out_capabilities of IOMMU_GET_HW_INFO.",
  bits: {
    IOMMU_HW_CAP_DIRTY_TRACKING: {
      bit: 0,
      doc: "Dirty tracking: IOMMU_HWPT_SET_DIRTY_TRACKING and IOMMU_HWPT_GET_DIRTY_BITMAP work.",
    },
    IOMMU_HW_CAP_PCI_PASID_EXEC: {
      bit: 1,
      doc: "PASID execute permission; meaningless when out_max_pasid_log2 is 0.",
    },
    IOMMU_HW_CAP_PCI_PASID_PRIV: {
      bit: 2,
      doc: "PASID privileged mode; meaningless when out_max_pasid_log2 is 0.",
    },
    IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED: {
      bit: 3,
      doc: "The device cannot use ATS; when clear, ATS may be enabled.",
    },
  },
});

export const iommufd_hw_info_flags = flagSet({
  doc: "Flags of IOMMU_GET_HW_INFO.",
  bits: {
    IOMMU_HW_INFO_FLAG_INPUT_TYPE: { bit: 0, doc: "in_data_type selects the data type to return." },
  },
});

export const iommu_hw_info = struct({
  doc:
    "Reports the IOMMU behind a device bound to the iommufd, so a VMM can match a virtual " +
    "IOMMU to the physical one (a guest stage-1 page table must suit the hardware).\n\n" +
    "The kernel writes at most data_len bytes of its driver data to data_uptr and zeroes " +
    "the rest of a longer buffer; on success data_len is the length the kernel has and " +
    "out_data_type says how to decode it. data_len 0 is allowed.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hw_info)" },
    flags: {
      type: "__u32",
      flags: iommufd_hw_info_flags,
      doc: "Combination of enum iommufd_hw_info_flags.",
    },
    dev_id: { type: "__u32", doc: "The device to query." },
    data_len: {
      type: "__u32",
      dir: "inout",
      doc: "In: length of the user buffer. Out: length of the kernel's data.",
    },
    data_uptr: { type: "__aligned_u64", userPtr: true, doc: "User buffer for the driver data." },
    data_type: anonymousUnion({
      doc: "The data type, requested on input or reported on output.",
      members: {
        in_data_type: {
          type: "__u32",
          values: iommu_hw_info_type,
          doc:
            "Requested type, with IOMMU_HW_INFO_FLAG_INPUT_TYPE; without the flag any value " +
            "means IOMMU_HW_INFO_TYPE_DEFAULT.",
        },
        out_data_type: {
          type: "__u32",
          values: iommu_hw_info_type,
          dir: "out",
          doc: "Type of the returned data, one of enum iommu_hw_info_type.",
        },
      },
    }),
    out_max_pasid_log2: {
      type: "__u8",
      dir: "out",
      doc: "Width of the PASIDs the device supports; 0 when none.",
    },
    __reserved: { type: array("__u8", 3), reserved: true, doc: "Must be 0." },
    out_capabilities: {
      type: "__aligned_u64",
      dir: "out",
      flags: iommufd_hw_capabilities,
      doc: "Combination of enum iommufd_hw_capabilities.",
    },
  },
});

export const IOMMU_GET_HW_INFO = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_GET_HW_INFO",
  dir: "none",
  arg: iommu_hw_info,
  doc: "Query the IOMMU hardware behind a device.",
});

// --- Dirty tracking -------------------------------------------------------------------------

export const iommufd_hwpt_set_dirty_tracking_flags = flagSet({
  doc: "Flags of IOMMU_HWPT_SET_DIRTY_TRACKING.",
  bits: {
    IOMMU_HWPT_DIRTY_TRACKING_ENABLE: { bit: 0, doc: "Track dirty pages; clear to stop." },
  },
});

export const iommu_hwpt_set_dirty_tracking = struct({
  doc: "Starts or stops dirty tracking on a hardware page table.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_set_dirty_tracking)" },
    flags: {
      type: "__u32",
      flags: iommufd_hwpt_set_dirty_tracking_flags,
      doc: "Combination of enum iommufd_hwpt_set_dirty_tracking_flags.",
    },
    hwpt_id: { type: "__u32", doc: "The page table (the IOMMU domain)." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const IOMMU_HWPT_SET_DIRTY_TRACKING = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_SET_DIRTY_TRACKING",
  dir: "none",
  arg: iommu_hwpt_set_dirty_tracking,
  doc: "Switch dirty tracking on or off.",
});

export const iommufd_hwpt_get_dirty_bitmap_flags = flagSet({
  doc: "Flags of IOMMU_HWPT_GET_DIRTY_BITMAP.",
  bits: {
    IOMMU_HWPT_GET_DIRTY_BITMAP_NO_CLEAR: {
      bit: 0,
      doc: "Read the dirty bits without clearing them, e.g. right before unmapping the range.",
    },
  },
});

export const iommu_hwpt_get_dirty_bitmap = struct({
  doc:
    "Walks the page table over an IOVA range and sets a bit in the user's bitmap for every " +
    "dirty page, clearing the dirty state in the page table unless told not to. Bit n stands " +
    "for the page at iova + n * page_size: the page holding an address a is bit " +
    "(a - iova) / page_size of the bitmap, counted in 64-bit words.",
  extensible: { size: "size", lastMandatory: "data" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_get_dirty_bitmap)" },
    hwpt_id: { type: "__u32", doc: "The page table (the IOMMU domain)." },
    flags: {
      type: "__u32",
      flags: iommufd_hwpt_get_dirty_bitmap_flags,
      doc: "Combination of enum iommufd_hwpt_get_dirty_bitmap_flags.",
    },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    iova: { type: "__aligned_u64", doc: "IOVA of the first bit of the bitmap." },
    length: { type: "__aligned_u64", doc: "Length of the IOVA range in bytes." },
    page_size: { type: "__aligned_u64", doc: "Bytes of IOVA each bit stands for." },
    data: { type: "__aligned_u64", userPtr: true, doc: "User pointer to the bitmap." },
  },
});

export const IOMMU_HWPT_GET_DIRTY_BITMAP = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_GET_DIRTY_BITMAP",
  dir: "none",
  arg: iommu_hwpt_get_dirty_bitmap,
  doc: "Read and clear the dirty bitmap.",
});

// --- Cache invalidation ---------------------------------------------------------------------

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
      doc: "Combination of enum iommu_hwpt_vtd_s1_invalidate_flags.",
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
    "Invalidates the caches of a user-managed nested page table, or (since v6.13) of a " +
    "vIOMMU, which also covers device and descriptor caches. The request is a linear array " +
    "of entry_num entries of entry_len bytes, all of format data_type. The kernel handles " +
    "them in order and writes back in entry_num how many it handled, on success and on " +
    "failure alike; on failure the entry at that index is the one that failed. entry_num 0 " +
    "probes whether data_type is supported.",
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
      doc: "Format of every entry, one of enum iommu_hwpt_invalidate_data_type.",
    },
    entry_len: { type: "__u32", doc: "Length of one entry in bytes." },
    entry_num: { type: "__u32", dir: "inout", doc: "In: number of entries. Out: number handled." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const IOMMU_HWPT_INVALIDATE = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HWPT_INVALIDATE",
  dir: "none",
  arg: iommu_hwpt_invalidate,
  doc: "Invalidate the caches of a nested page table or vIOMMU.",
});

// --- I/O page faults ------------------------------------------------------------------------

export const iommu_hwpt_pgfault_flags = flagSet({
  doc: "Flags of struct iommu_hwpt_pgfault.",
  bits: {
    IOMMU_PGFAULT_FLAGS_PASID_VALID: { bit: 0, doc: "pasid holds the fault's PASID." },
    IOMMU_PGFAULT_FLAGS_LAST_PAGE: { bit: 1, doc: "The last fault of its group." },
  },
});

export const iommu_hwpt_pgfault_perm = flagSet({
  doc: "Access a fault asks for, in perm of struct iommu_hwpt_pgfault.",
  bits: {
    IOMMU_PGFAULT_PERM_READ: { bit: 0, doc: "Read access." },
    IOMMU_PGFAULT_PERM_WRITE: { bit: 1, doc: "Write access." },
    IOMMU_PGFAULT_PERM_EXEC: {
      bit: 2,
      doc: "Execute access: a PCIe request whose PASID prefix has Execute Requested set.",
    },
    IOMMU_PGFAULT_PERM_PRIV: {
      bit: 3,
      doc: "Privileged access: a PCIe request whose PASID prefix has Privileged Mode Requested set.",
    },
  },
});

export const iommu_hwpt_pgfault = struct({
  doc: "One I/O page fault, as read from a fault queue's file descriptor.",
  fields: {
    flags: {
      type: "__u32",
      dir: "out",
      flags: iommu_hwpt_pgfault_flags,
      doc: "Combination of enum iommu_hwpt_pgfault_flags.",
    },
    dev_id: { type: "__u32", dir: "out", doc: "The device that faulted." },
    pasid: { type: "__u32", dir: "out", doc: "Its PASID, with IOMMU_PGFAULT_FLAGS_PASID_VALID." },
    grpid: { type: "__u32", dir: "out", doc: "Page request group index." },
    perm: {
      type: "__u32",
      dir: "out",
      flags: iommu_hwpt_pgfault_perm,
      doc: "Combination of enum iommu_hwpt_pgfault_perm.",
    },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    addr: { type: "__aligned_u64", dir: "out", doc: "The faulting address." },
    length: {
      type: "__u32",
      dir: "out",
      doc:
        "How much the device expects to access from addr, as a hint for faulting in more " +
        "at once; 0 when it gave none.",
    },
    cookie: {
      type: "__u32",
      dir: "out",
      doc: "Names the fault group; the response to the group's last fault echoes it.",
    },
  },
});

export const iommufd_page_response_code = enumeration({
  doc: "What a fault handler answers, in struct iommu_hwpt_page_response.",
  members: {
    IOMMUFD_PAGE_RESP_SUCCESS: {
      value: 0,
      doc: "Handled: the page tables are populated, the device may retry (PCI Success).",
    },
    IOMMUFD_PAGE_RESP_INVALID: {
      value: 1,
      doc: "Not handled: the device must not retry (PCI Invalid Request).",
    },
  },
});

export const iommu_hwpt_page_response = struct({
  doc: "The answer to a fault group, written to the fault queue's file descriptor.",
  fields: {
    cookie: { type: "__u32", doc: "The cookie of the group's faults." },
    code: {
      type: "__u32",
      values: iommufd_page_response_code,
      doc: "One of enum iommufd_page_response_code.",
    },
  },
});

export const iommu_fault_alloc = struct({
  doc:
    "Allocates a fault queue: page faults of the page tables allocated with its ID are " +
    "read from its file descriptor, and answered by writing to it.",
  extensible: { size: "size", lastMandatory: "out_fault_fd" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_fault_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    out_fault_id: { type: "__u32", dir: "out", doc: "ID of the new fault queue." },
    out_fault_fd: { type: "__u32", dir: "out", doc: "File descriptor of the new fault queue." },
  },
});

export const IOMMU_FAULT_QUEUE_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_FAULT_QUEUE_ALLOC",
  dir: "none",
  arg: iommu_fault_alloc,
  doc: "Allocate a fault queue.",
});

// --- Virtual IOMMUs and devices -------------------------------------------------------------

export const iommu_viommu_type = enumeration({
  doc: "Type of a virtual IOMMU.",
  members: {
    IOMMU_VIOMMU_TYPE_DEFAULT: { value: 0, doc: "Reserved." },
    IOMMU_VIOMMU_TYPE_ARM_SMMUV3: { value: 1, doc: "ARM SMMUv3." },
    IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV: {
      value: 2,
      doc:
        "NVIDIA Tegra241 CMDQV extension of SMMUv3. The kernel backs the vIOMMU with a " +
        "virtual interface that the hypervisor does not own, so the VMM must show HYP_OWN " +
        "as 0 in the guest's VINTF_CONFIG, or the virtual command queues do not work.",
    },
  },
});

export const iommu_viommu_tegra241_cmdqv = struct({
  doc:
    "Data of a Tegra241 CMDQV vIOMMU: where to mmap its virtual interface's page 0, which " +
    "the VMM maps into guest physical memory so the guest drives its command queues " +
    "directly.",
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
  doc:
    "Allocates a virtual IOMMU: the slice of a physical IOMMU's virtualization features " +
    "that belongs to one VM. It carries what is global to the IOMMU rather than to a " +
    "device: the namespace of guest-owned IDs (such as cache tags), events not tied to a " +
    "device, a nesting parent shared across physical IOMMUs, translation of virtual device " +
    "IDs, paravirtual invalidation, and directly assigned queues and interrupts.",
  extensible: { size: "size", lastMandatory: "out_viommu_id" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_viommu_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    type: { type: "__u32", values: iommu_viommu_type, doc: "One of enum iommu_viommu_type." },
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

export const IOMMU_VIOMMU_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VIOMMU_ALLOC",
  dir: "none",
  arg: iommu_viommu_alloc,
  doc: "Allocate a virtual IOMMU.",
});

export const iommu_vdevice_alloc = struct({
  doc:
    "Gives a physical device its guest-visible identity in a vIOMMU. Destroy the vDEVICE " +
    "with IOMMU_DESTROY before the device goes away (its VFIO cdev is closed): otherwise the " +
    "kernel destroys it with the device and its ID stays taken until the iommufd is closed.",
  extensible: { size: "size", lastMandatory: "virt_id" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_vdevice_alloc)" },
    viommu_id: { type: "__u32", doc: "The vIOMMU." },
    dev_id: { type: "__u32", doc: "The physical device." },
    out_vdevice_id: { type: "__u32", dir: "out", doc: "ID of the new vDEVICE." },
    virt_id: {
      type: "__aligned_u64",
      doc:
        "The guest's ID of the device: the virtual stream ID on SMMUv3, the virtual device " +
        "ID on AMD, the virtual RID on VT-d.",
    },
  },
});

export const IOMMU_VDEVICE_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VDEVICE_ALLOC",
  dir: "none",
  arg: iommu_vdevice_alloc,
  doc: "Allocate a virtual device of a vIOMMU.",
});

export const iommu_ioas_change_process = struct({
  doc:
    "Moves the pinned-page accounting of every mapping of every IOAS of this iommufd to " +
    "the calling process, e.g. when a device's user hands over to a new process during a " +
    "live update. Only mappings made with IOMMU_IOAS_MAP_FILE can move: with any other, the " +
    "command fails with EINVAL. On failure nothing changes.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_ioas_change_process)" },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const IOMMU_IOAS_CHANGE_PROCESS = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_IOAS_CHANGE_PROCESS",
  dir: "none",
  arg: iommu_ioas_change_process,
  doc: "Move pinned pages to the calling process.",
});

// --- Virtual event queues -------------------------------------------------------------------

export const iommu_veventq_flag = flagSet({
  doc: "Flags of a vEVENTQ record header.",
  bits: {
    IOMMU_VEVENTQ_FLAG_LOST_EVENTS: { bit: 0, doc: "Events were lost since the previous record." },
  },
});

export const iommufd_vevent_header = struct({
  doc:
    "Header of every record read from a vEVENTQ. Sequence numbers count up by one per " +
    "event and wrap from INT_MAX to 0, so a gap of n between two headers means n - 1 " +
    "events were lost. When the queue overflows with no later event to show the gap, the " +
    "queue ends with a header that has IOMMU_VEVENTQ_FLAG_LOST_EVENTS and no data after it.",
  fields: {
    flags: {
      type: "__u32",
      dir: "out",
      flags: iommu_veventq_flag,
      doc: "Combination of enum iommu_veventq_flag.",
    },
    sequence: { type: "__u32", dir: "out", doc: "Sequence number of the event." },
  },
});

export const iommu_veventq_type = enumeration({
  doc: "Type of a virtual event queue.",
  members: {
    IOMMU_VEVENTQ_TYPE_DEFAULT: { value: 0, doc: "Reserved." },
    IOMMU_VEVENTQ_TYPE_ARM_SMMUV3: { value: 1, doc: "struct iommu_vevent_arm_smmuv3 records." },
    IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV: {
      value: 2,
      doc: "struct iommu_vevent_tegra241_cmdqv records.",
    },
  },
});

export const iommu_vevent_arm_smmuv3 = struct({
  doc:
    "An SMMUv3 event record with the virtual stream ID in place of the physical one, so a " +
    "device needs a vDEVICE for its events to be reported. The kernel forwards C_BAD_STE, " +
    "F_STREAM_DISABLED, C_BAD_SUBSTREAMID, C_BAD_CD, F_TRANSLATION, F_ADDR_SIZE, F_ACCESS " +
    "and F_PERMISSION.",
  hardware: true,
  fields: {
    evt: { type: array("__aligned_le64", 4), dir: "out", doc: "The 256-bit event record." },
  },
});

export const iommu_vevent_tegra241_cmdqv = struct({
  doc:
    "A Tegra241 CMDQV interrupt: the error bits of the virtual command queues of the " +
    "vIOMMU's virtual interface, as the hardware reports them.",
  hardware: true,
  fields: {
    lvcmdq_err_map: {
      type: array("__aligned_le64", 2),
      dir: "out",
      doc: "The 128-bit logical VCMDQ error map, little-endian.",
    },
  },
});

export const iommu_veventq_alloc = struct({
  doc:
    "Allocates a queue of vIOMMU events read through a file descriptor; a vIOMMU has at " +
    "most one queue per type. Each event read is a struct iommufd_vevent_header followed by " +
    "the type's record. Once veventq_depth events are queued, further ones are lost and the " +
    "headers say so.",
  extensible: { size: "size", lastMandatory: "out_veventq_fd" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_veventq_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    viommu_id: { type: "__u32", doc: "The vIOMMU." },
    type: { type: "__u32", values: iommu_veventq_type, doc: "One of enum iommu_veventq_type." },
    veventq_depth: { type: "__u32", doc: "Maximum number of queued events." },
    out_veventq_id: { type: "__u32", dir: "out", doc: "ID of the new queue." },
    out_veventq_fd: {
      type: "__u32",
      dir: "out",
      doc: "File descriptor to read events from; the caller closes it.",
    },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});

export const IOMMU_VEVENTQ_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_VEVENTQ_ALLOC",
  dir: "none",
  arg: iommu_veventq_alloc,
  doc: "Allocate a virtual event queue.",
});

// --- Hardware queues ------------------------------------------------------------------------

export const iommu_hw_queue_type = enumeration({
  doc: "Type of a hardware-accelerated queue.",
  members: {
    IOMMU_HW_QUEUE_TYPE_DEFAULT: { value: 0, doc: "Reserved." },
    IOMMU_HW_QUEUE_TYPE_TEGRA241_CMDQV: {
      value: 1,
      doc:
        "A Tegra241 virtual command queue. Queues are allocated from index 0 upwards and " +
        "destroyed from the last one down; the memory must be mapped in the IOAS, aligned " +
        "to its length, and the length a power of two from 32 bytes to 16 << IDR1.CMDQS. " +
        "Backing it with physically contiguous pages (or one huge page) is advisable.",
    },
  },
});

export const iommu_hw_queue_alloc = struct({
  doc:
    "Gives a vIOMMU a queue the hardware reads directly from guest memory, at " +
    "nesting_parent_iova for length bytes. A vIOMMU may have several queues, each type " +
    "numbering its own by index.",
  extensible: { size: "size", lastMandatory: "length" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hw_queue_alloc)" },
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    viommu_id: { type: "__u32", doc: "The vIOMMU." },
    type: { type: "__u32", values: iommu_hw_queue_type, doc: "One of enum iommu_hw_queue_type." },
    index: { type: "__u32", doc: "Index of the queue among the vIOMMU's queues of its type." },
    out_hw_queue_id: { type: "__u32", dir: "out", doc: "ID of the new queue." },
    nesting_parent_iova: {
      type: "__aligned_u64",
      doc: "Base of the queue memory, as an IOVA of the nesting parent (guest physical).",
    },
    length: { type: "__aligned_u64", doc: "Length of the queue memory in bytes." },
  },
});

export const IOMMU_HW_QUEUE_ALLOC = ioctl({
  type: IOMMUFD_TYPE,
  nr: "IOMMUFD_CMD_HW_QUEUE_ALLOC",
  dir: "none",
  arg: iommu_hw_queue_alloc,
  doc: "Allocate a hardware-accelerated queue.",
});
