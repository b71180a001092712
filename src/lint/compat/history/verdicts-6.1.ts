/**
 * The reviewed verdicts of errors only Linux 6.1 → 7.2 produces (installed headers, x86 ABIs):
 * what changed between 6.1 and 6.12. The rest are in ./verdict-list.ts.
 */
import type { Verdict } from "./verdicts.js";

export const VERDICTS_6_1: readonly Verdict[] = [
  ...[
    [
      "linux/btrfs_tree.h",
      "BTRFS_EXTENT_REF_V0_KEY",
      "Upstream removed the v0 extent back-reference key.",
    ],
    [
      "linux/elf.h",
      "struct `dynamic`",
      "`Elf32_Dyn` lost its struct tag `dynamic`; the typedef stays, so only source that writes `struct dynamic` stops compiling.",
    ],
    ["linux/fscrypt.h", "SPECK128", "Upstream removed the Speck encryption modes from fscrypt."],
    ["linux/hw_breakpoint.h", "bp_type_idx", "The enum left the uAPI header."],
    [
      "linux/io_uring.h",
      "notification",
      "The notification registration structs were removed upstream.",
    ],
    [
      "linux/ip_vs.h",
      "IP_VS_DEST_F_",
      "IPVS removed these destination flags from the uAPI header.",
    ],
    [
      "linux/kvm.h",
      "",
      "KVM removed long-unused uAPI: the trace interface (`KVM_TRC_*`, `KVM_TRACE_*`), device assignment (`KVM_ASSIGN_*`, `KVM_DEV_*`), `KVM_SET_MEMORY_REGION`/`ALIAS`, `KVM_DEBUG_GUEST` and the placeholders of deprecated ioctls.",
    ],
    [
      "linux/libc-compat.h",
      "IPX",
      "The IPX protocol family was removed upstream, and with it these libc-compat switches.",
    ],
    ["linux/nfs.h", "NFSERR_OPNOTSUPP", "Upstream removed this status code from the header."],
    [
      "linux/nl80211.h",
      "plink_actions",
      "The mesh peer-link action enum was removed from the uAPI header.",
    ],
    [
      "linux/pkt_cls.h",
      "",
      "The RSVP and tcindex classifiers were removed upstream, with their netlink attributes and structs.",
    ],
    [
      "linux/pkt_sched.h",
      "",
      "The CBQ, ATM and DSMARK qdiscs were removed upstream, with their netlink attributes, constants and structs.",
    ],
    ["linux/pktcdvd.h", "USE_WCACHING", "The pktcdvd build switch left the uAPI header."],
    [
      "linux/raid/md_u.h",
      "LEVEL_",
      "The md multipath and faulty personalities were removed upstream.",
    ],
    [
      "linux/sched/types.h",
      "sched_param",
      "`struct sched_param` is no longer defined by this header (C libraries define it in <sched.h>).",
    ],
    [
      "linux/serial_core.h",
      "PORT_",
      "Port types of serial drivers and architectures removed upstream.",
    ],
    ["linux/uuid.h", "guid_t", "`guid_t` left the uAPI header."],
    [
      "linux/vdpa.h",
      "VDPA_ATTR_VDPA_DEV_SUPPORTED_FEATURES",
      "The attribute was removed upstream (its value was then given to a new attribute, see the ABI class).",
    ],
    [
      "linux/virtio_bt.h",
      "VIRTIO_BT_CONFIG_TYPE_AMP",
      "Bluetooth AMP support was removed upstream.",
    ],
    [
      "rdma/ib_user_ioctl_cmds.h",
      "UVERBS_UDATA_DRIVER_DATA_",
      "These uverbs driver-data constants left the uAPI header.",
    ],
    ["sound/asoc.h", "_v4", "The v4 topology structs were removed upstream."],
    ["sound/emu10k1.h", "EMU10K1_CARD_", "The card-type constants left the emu10k1 uAPI."],
    [
      "sound/skl-tplg-interface.h",
      "skl_dfw_v4",
      "The Skylake v4 topology structs were removed upstream.",
    ],
    ["sound/sof/tokens.h", "VALID_BIT", "SOF removed these topology tokens."],
    [
      "x86:asm/kvm.h",
      "",
      "KVM x86 removed the memory-alias struct and the read-only-memory capability macro from its asm/ header.",
    ],
    ["x86:asm/mtrr.h", "mtrr_state_type", "The MTRR state struct left the uAPI header."],
  ].map(([header, match, why]): Verdict => ({
    comparisons: ["installed-6.1-7.2"],
    header: header!,
    rule: "item-no-delete",
    match: match!,
    class: "removed",
    why: why!,
  })),
  {
    header: "linux/cn_proc.h",
    rule: "item-no-delete",
    match: "enum `what`",
    class: "renamed",
    why: "`enum what` (declared inside `struct proc_event`) became the top-level `enum proc_cn_event` with the same values.",
  },
  {
    header: "linux/cxl_mem.h",
    rule: "item-no-delete",
    match: "CXL_MEM_DEPRECATED_ID_",
    class: "renamed",
    why: "CXL deprecated the poison and scan-media commands: their IDs keep their values under `CXL_MEM_DEPRECATED_ID_*`.",
  },
  {
    header: "linux/usb/video.h",
    rule: "field-no-rename",
    match: "bmInterfaceFlags",
    class: "renamed",
    why: "A spelling fix (`bmInterfaceFlags` → `bmInterlaceFlags`).",
  },
  {
    header: "sound/asound.h",
    rule: "field-made-reserved",
    match: "sync",
    class: "abi",
    why: "`snd_pcm_hw_params.sync`, which the kernel filled in, became padding: callers that read it now read zero.",
  },
  {
    header: "x86:asm/kvm_para.h",
    rule: "*",
    match: "",
    class: "abi",
    why: "`kvm_vcpu_pv_apf_data.enabled` was removed, shrinking the guest/host shared area: it lives in guest memory shared with the host for asynchronous page faults, never passed through a system call.",
  },
  {
    header: "linux/time_types.h",
    rule: "field-same-type",
    match: "tv_nsec",
    class: "abi",
    why: "`__kernel_old_timespec.tv_nsec` became `__kernel_long_t`, which is 8 bytes on x32 where `long` is 4: a real layout change on x32.",
  },
  {
    header: "linux/nbd.h",
    rule: "struct-size-change",
    match: "nbd_reply",
    class: "abi",
    why: "`char handle[8]` became a union with `__be64 cookie`, which raises the alignment to 8 on 64-bit ABIs; size and offsets are unchanged (it is a wire format read from a socket).",
  },
  {
    header: "linux/pci_regs.h",
    rule: "constant-stable",
    match: "PCI_CAP_EXP_ENDPOINT_SIZEOF_V2",
    class: "abi",
    why: "The size of the PCIe v2 endpoint capability changed upstream (0x32 → 0x34).",
  },
  {
    header: "linux/ublk_cmd.h",
    rule: "field-same-type",
    match: "data",
    class: "abi",
    why: "`__u64 data[2]` became `data[1]` and its second word new members (`dev_path_len`, padding, reserved): same struct size, a changed meaning for the second word.",
  },
  {
    header: "linux/vdpa.h",
    rule: "enum-value-stable",
    match: "VDPA_ATTR_DEV_BLK_CFG_CAPACITY",
    class: "abi",
    why: "A netlink attribute number was reused after its attribute was removed: a real break upstream accepted.",
  },
  {
    header: "linux/vfio.h",
    rule: "struct-size-change",
    match: "alignment",
    class: "abi",
    why: "`__u64` members became `__aligned_u64`, so the structs are 8-byte aligned on the 32-bit ABIs as on 64-bit ones (sizes and offsets unchanged).",
  },
  {
    header: "sound/asound.h",
    rule: "constant-stable",
    match: "SNDRV_PCM_SUBFORMAT_LAST",
    class: "abi",
    why: "`SNDRV_PCM_SUBFORMAT_LAST` follows the last subformat, and new subformats were added (it is defined as the last member, not from a count).",
  },
];
