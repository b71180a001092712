/**
 * The reviewed verdicts of the real history's errors (./verdicts.ts says how they match). Each
 * was judged from the two versions of the header; the reason is what a reader of
 * docs/compat-history.md needs to agree with the class.
 */
import type { Verdict } from "./verdicts.js";
import { VERDICTS_6_1 } from "./verdicts-6.1.js";

const removedHeader = (header: string, why: string): Verdict => ({
  header,
  rule: "header-no-delete",
  match: "",
  class: "removed",
  why,
});

const ATM_CAPI_HAMRADIO =
  "Upstream removed the driver or protocol family (ATM drivers, CAPI/ISDN, amateur-radio and " +
  "old serial drivers, reiserfs, the CXL flash driver, s390's tape390 and its 31-bit system " +
  "call table) together with its uAPI header: programs that include it no longer compile.";

export const VERDICT_LIST: readonly Verdict[] = [
  // Headers removed with their subsystem.
  ...[
    "linux/atm_eni.h",
    "linux/atm_he.h",
    "linux/atm_idt77105.h",
    "linux/atm_nicstar.h",
    "linux/atm_tcp.h",
    "linux/atm_zatm.h",
    "linux/atmarp.h",
    "linux/atmclip.h",
    "linux/atmlec.h",
    "linux/atmmpc.h",
    "linux/atmsvc.h",
    "linux/baycom.h",
    "linux/bpfilter.h",
    "linux/caif/",
    "linux/capi.h",
    "linux/cm4000_cs.h",
    "linux/dlm_netlink.h",
    "linux/hdlcdrv.h",
    "linux/if_cablemodem.h",
    "linux/isdn/",
    "linux/kernelcapi.h",
    "linux/netrom.h",
    "linux/reiserfs_fs.h",
    "linux/reiserfs_xattr.h",
    "linux/rose.h",
    "linux/scc.h",
    "linux/synclink.h",
    "misc/cxl.h",
    "scsi/cxlflash_ioctl.h",
    "s390:asm/tape390.h",
    "s390:asm/unistd_32.h",
  ].map((h) => removedHeader(h, ATM_CAPI_HAMRADIO)),
  {
    header: "*",
    rule: "header-no-delete",
    match: "",
    class: "removed",
    why: "Upstream removed the header between the two versions (its contents dropped or merged elsewhere): programs that include it no longer compile.",
  },

  // Names removed with what they described.
  {
    header: "linux/atmdev.h",
    rule: "item-no-delete",
    match: "",
    class: "removed",
    why: "The ATM address and LEC ioctls went with the ATM drivers upstream removed.",
  },
  {
    header: "arm:asm/ptrace.h",
    rule: "item-no-delete",
    match: "PSR_ENDSTATE",
    class: "removed",
    why: "Upstream removed the `PSR_ENDSTATE` macro from arm's ptrace.h.",
  },
  {
    header: "drm/ivpu_accel.h",
    rule: "item-no-delete",
    match: "DRM_IVPU_DRIVER_",
    class: "removed",
    why: "The driver version macros were removed; the driver reports its version through DRM_IOCTL_VERSION.",
  },
  {
    header: "drm/msm_drm.h",
    rule: "item-no-delete",
    match: "",
    class: "renamed",
    why: "`MSM_SUBMIT_SYNCOBJ_*` and `struct drm_msm_gem_submit_syncobj` became `MSM_SYNCOBJ_*` and `struct drm_msm_syncobj` (same values and layout), shared by submit and VM_BIND.",
  },
  {
    header: "linux/if_pppox.h",
    rule: "item-no-delete",
    match: "",
    class: "removed",
    why: "Upstream removed the `PPPOEIOCSFWD` and `PPPOEIOCDFWD` ioctl numbers from the header.",
  },
  {
    header: "linux/kvm.h",
    rule: "item-no-delete",
    match: "KVM_X86_DISABLE_VALID_EXITS",
    class: "removed",
    why: "Upstream removed the `KVM_X86_DISABLE_VALID_EXITS` mask from the uAPI header.",
  },
  {
    header: "linux/nfs4.h",
    rule: "item-no-delete",
    match: "",
    class: "removed",
    why: "Upstream removed these NFSv4 protocol sizes from the uAPI header.",
  },
  {
    header: "linux/pci_regs.h",
    rule: "item-no-delete",
    match: "PCI_VSEC_HDR",
    class: "removed",
    why: "Upstream removed these vendor-specific extended capability macros from pci_regs.h.",
  },
  {
    header: "linux/vfio.h",
    rule: "item-no-delete",
    match: "VFIO_TYPE1_NESTING_IOMMU",
    class: "removed",
    why: "Upstream withdrew the never-working nesting IOMMU type; its value stays reserved as `__VFIO_RESERVED_TYPE1_NESTING_IOMMU`.",
  },
  {
    header: "rdma/bnxt_re-abi.h",
    rule: "item-no-delete",
    match: "",
    class: "removed",
    why: "The bnxt_re driver removed these request masks from its uAPI header.",
  },
  {
    header: "rdma/efa-abi.h",
    rule: "item-no-delete",
    match: "",
    class: "removed",
    why: "The EFA driver removed these request flags from its uAPI header.",
  },

  // Renamed names: same ABI, old spellings no longer compile.
  {
    header: "linux/ntsync.h",
    rule: "item-no-delete",
    match: "renamed",
    class: "renamed",
    why: "`NTSYNC_IOC_SEM_POST` became `NTSYNC_IOC_SEM_RELEASE` with the same number.",
  },
  {
    header: "linux/usb/cdc.h",
    rule: "field-no-rename",
    match: "wCountyCode0",
    class: "renamed",
    why: "A spelling fix (`wCountyCode0` → `wCountryCode0`).",
  },
  {
    header: "rdma/efa-abi.h",
    rule: "field-no-rename",
    match: "",
    class: "renamed",
    why: "The field kept its place and type under a new name.",
  },
  {
    header: "misc/fastrpc.h",
    rule: "field-made-reserved",
    match: "domain",
    class: "abi",
    why: "`domain` became `unused`, which the kernel now ignores: callers that set it are not rejected (contrary to the message's general case), but the value no longer selects anything; source that names `domain` no longer compiles.",
  },
  {
    header: "linux/virtio_net.h",
    rule: "field-no-delete",
    match: "hash_value",
    class: "renamed",
    why: "`__le32 hash_value` was split into `hash_value_lo` and `hash_value_hi` (`__le16` each) at the same bytes.",
  },

  // The ABI really changed; upstream accepted it.
  {
    header: "linux/virtio_net.h",
    rule: "struct-size-change",
    match: "alignment",
    class: "abi",
    why: "Splitting `hash_value` into two `__le16` halves lowered the struct's alignment from 4 to 2; size and offsets are unchanged, so only arrays or embeddings of it lay out differently.",
  },
  {
    header: "drm/amdgpu_drm.h",
    rule: "field-same-offset",
    match: "on i386, m68k, sh4",
    class: "abi",
    why: "A `__u32 pad` was inserted to name a hole the 64-bit ABIs have; where `__u64` is only 4-byte aligned (i386, m68k, sh4) there was no hole, so everything after it moved. A real break on those ABIs (amdgpu is a 64-bit driver in practice).",
  },
  {
    header: "drm/amdgpu_drm.h",
    rule: "struct-size-change",
    match: "on i386, m68k, sh4",
    class: "abi",
    why: "The same inserted `pad` grows the struct on the ABIs where `__u64` is 4-byte aligned.",
  },
  {
    header: "linux/ntsync.h",
    rule: "*",
    match: "",
    class: "abi",
    why: "ntsync's semaphore interface was reworked between these versions (the driver was new and not yet usable in 6.12): `struct ntsync_sem_args` lost `sem`, `NTSYNC_IOC_CREATE_SEM` became write-only.",
  },
  {
    header: "linux/io_uring.h",
    rule: "struct-size-change",
    match: "io_uring_napi",
    class: "abi",
    why: "`__u8 pad[3]; __u64 resv` became `__u8 opcode; __u8 pad[2]; __u32 op_param; __u32 resv` (same 16 bytes, new members carved from reserved space), so the struct's alignment dropped from 8 to 4; only an array or an embedding of it would notice.",
  },
  {
    header: "linux/kvm.h",
    rule: "constant-stable",
    match: "KVM_DIRTY_LOG_PAGE_OFFSET",
    class: "abi",
    why: "riscv gained the dirty ring: its asm/kvm.h now defines the page offset (64) that the generic header's fallback 0 stood for; 0 meant no dirty ring.",
  },
  {
    header: "riscv:asm/setup.h",
    rule: "constant-stable",
    match: "COMMAND_LINE_SIZE",
    class: "abi",
    why: "riscv doubled its kernel command-line length; user space that sizes buffers by it gets the new value when rebuilt.",
  },
  {
    header: "x86:asm/auxvec.h",
    rule: "constant-stable",
    match: "AT_VECTOR_SIZE_ARCH",
    class: "abi",
    why: "x86's count of architecture-specific auxv entries went from 3 to 2 where it was 3; it sizes the kernel's saved auxv.",
  },
  {
    header: "linux/pci_regs.h",
    rule: "constant-stable",
    match: "PCI_REBAR_CAP_SIZES",
    class: "abi",
    why: "The PCIe specification extended the Resizable BAR capability's size bits; the mask now covers them.",
  },
  {
    header: "sound/asound.h",
    rule: "constant-stable",
    match: "SNDRV_RAWMIDI_DEVICE_UNKNOWN",
    class: "abi",
    why: "The value that stands for an unknown rawmidi device changed from -1 to 0; upstream accepted it.",
  },
  {
    header: "linux/snmp.h",
    rule: "enum-value-stable",
    match: "",
    class: "abi",
    why: "These anonymous enums index the kernel's SNMP/MIB counters; user space reads the counters by name from /proc/net/snmp and /proc/net/netstat, and upstream inserts new ones where they belong.",
  },

  // A field that landed in old padding.
  ...[
    ["linux/if_xdp.h", "tx_metadata_len"],
    ["linux/rseq.h", ""],
    ["linux/bpf.h", ""],
    ["drm/amdgpu_drm.h", "userq_ip_mask"],
    ["linux/ublk_cmd.h", ""],
    ["linux/mptcp.h", "mptcpi_retransmits"],
    ["rdma/bnxt_re-abi.h", "sq_npsn"],
  ].map(([header, match]): Verdict => ({
    header: header!,
    rule: "field-into-padding",
    match: match!,
    class: "padding",
    why: "A new member took bytes that were implicit tail padding of the old struct, which old callers never had to clear: if_xdp's `xdp_umem_reg.tx_metadata_len` had to be gated behind a new flag for that reason; the others rely on callers zeroing the whole struct (bpf_attr, rseq registered with its length) or on the struct being an output only (amdgpu's device info).",
  })),

  ...VERDICTS_6_1,

  // Definitions that no longer compile in user space.
  {
    header: "linux/blktrace_api.h",
    rule: "item-no-delete",
    match: "no longer has a value",
    class: "uncompilable",
    why: "7.2's `BLK_TC_ACT()` casts to `u64`, a kernel-internal type that user space does not have: every `BLK_TA_*` and `BLK_TN_*` macro built on it fails to compile (an upstream regression; the values themselves did not change).",
  },
];
