/**
 * Deliberate ABI breaks planted into copies of real Linux 7.2 headers (Debian's installed
 * linux-libc-dev, from the corpus), made at test time by the edits below; no kernel header is
 * committed. Each edit replaces text that occurs exactly once in the header, and lists the
 * findings it must cause: the rule, and a snippet that occurs exactly once in the edited
 * header, on the line the finding must be reported at. Only findings at error or warning level
 * count; every such finding of an edited header must be one of the expected ones.
 *
 * The edits of one header are applied together, so they touch different items.
 */

export interface Expected {
  readonly rule: string;
  /** Occurs once in the edited header; the finding is on its line. */
  readonly at: string;
  /** Default: error. */
  readonly severity?: "error" | "warning";
}

export interface PlantedEdit {
  /** What kind of break it plants, as the issue lists them. */
  readonly kind: string;
  readonly find: string;
  readonly replace: string;
  /** A second replacement the same edit needs elsewhere (bits taken from a reserved bitfield). */
  readonly also?: { readonly find: string; readonly replace: string };
  readonly expect: readonly Expected[];
  /** Needs the exact C front end (compiler-evaluated values, bitfields, packed and aligned records). */
  readonly needsExactFrontEnd?: boolean;
}

export const PLANTED: Readonly<Record<string, readonly PlantedEdit[]>> = {
  "linux/gpio.h": [
    {
      kind: "field type (byte order)",
      find: "\t__aligned_u64 timestamp_ns;\n\t__u32 id;\n\t__u32 offset;\n\t__u32 seqno;",
      replace: "\t__aligned_u64 timestamp_ns;\n\t__be32 id;\n\t__u32 offset;\n\t__u32 seqno;",
      expect: [{ rule: "field-same-type", at: "\t__be32 id;" }],
    },
    {
      kind: "reorder",
      find: "\tchar name[GPIO_MAX_NAME_SIZE];\n\tchar label[GPIO_MAX_NAME_SIZE];",
      replace: "\tchar label[GPIO_MAX_NAME_SIZE];\n\tchar name[GPIO_MAX_NAME_SIZE];",
      expect: [
        { rule: "field-same-offset", at: "\tchar label[GPIO_MAX_NAME_SIZE];\n\tchar name" },
        { rule: "field-same-offset", at: "\tchar name[GPIO_MAX_NAME_SIZE];\n\t__u32 lines;" },
      ],
    },
    {
      kind: "insert",
      find: "struct gpioevent_data {\n\t__u64 timestamp;\n\t__u32 id;\n};",
      replace: "struct gpioevent_data {\n\t__u64 timestamp;\n\t__u32 flags;\n\t__u32 id;\n};",
      expect: [
        { rule: "field-same-offset", at: "\t__u32 id;\n};\n\n/*" },
        { rule: "struct-size-change", at: "\t__u32 flags;\n\t__u32 id;\n};" },
      ],
    },
    {
      kind: "shrunk array",
      find: "struct gpiohandle_data {\n\t__u8 values[GPIOHANDLES_MAX];",
      replace: "struct gpiohandle_data {\n\t__u8 values[GPIOHANDLES_MAX / 2];",
      expect: [
        { rule: "field-same-type", at: "values[GPIOHANDLES_MAX / 2]" },
        { rule: "struct-size-change", at: "struct gpiohandle_data {" },
        { rule: "ioctl-number-stable", at: "#define GPIOHANDLE_GET_LINE_VALUES_IOCTL" },
        { rule: "ioctl-number-stable", at: "#define GPIOHANDLE_SET_LINE_VALUES_IOCTL" },
      ],
    },
    {
      kind: "renumbered enumerator",
      find: "GPIO_V2_LINE_ATTR_ID_DEBOUNCE\t\t= 3,",
      replace: "GPIO_V2_LINE_ATTR_ID_DEBOUNCE\t\t= 4,",
      expect: [{ rule: "enum-value-stable", at: "GPIO_V2_LINE_ATTR_ID_DEBOUNCE\t\t= 4," }],
    },
    {
      kind: "members of an anonymous enum",
      find: "\tGPIOLINE_CHANGED_REQUESTED = 1,\n\tGPIOLINE_CHANGED_RELEASED,",
      replace: "\tGPIOLINE_CHANGED_REQUESTED = 1,\n\tGPIOLINE_CHANGED_RELEASED = 5,",
      expect: [
        { rule: "enum-value-stable", at: "GPIOLINE_CHANGED_RELEASED = 5," },
        { rule: "enum-value-stable", at: "\tGPIOLINE_CHANGED_CONFIG," },
      ],
    },
    {
      kind: "ioctl nr",
      find: "_IOWR(0xB4, 0x06, struct gpio_v2_line_info)",
      replace: "_IOWR(0xB4, 0x16, struct gpio_v2_line_info)",
      expect: [{ rule: "ioctl-number-stable", at: "#define GPIO_V2_GET_LINEINFO_WATCH_IOCTL" }],
    },
    {
      kind: "ioctl direction",
      find: "#define GPIO_GET_CHIPINFO_IOCTL _IOR(0xB4, 0x01,",
      replace: "#define GPIO_GET_CHIPINFO_IOCTL _IOWR(0xB4, 0x01,",
      expect: [{ rule: "ioctl-number-stable", at: "#define GPIO_GET_CHIPINFO_IOCTL" }],
    },
    {
      kind: "ioctl size",
      find: "_IOWR(0xB4, 0x0E, struct gpio_v2_line_values)",
      replace: "_IOWR(0xB4, 0x0E, struct gpio_v2_line_config)",
      expect: [{ rule: "ioctl-number-stable", at: "#define GPIO_V2_LINE_GET_VALUES_IOCTL" }],
    },
    {
      kind: "flag bit through a cast",
      find: "#define GPIOHANDLE_REQUEST_OPEN_SOURCE\t(1UL << 4)",
      replace: "#define GPIOHANDLE_REQUEST_OPEN_SOURCE\t(1UL << 5)",
      expect: [{ rule: "constant-stable", at: "#define GPIOHANDLE_REQUEST_OPEN_SOURCE" }],
    },
    {
      kind: "#define value through other macros",
      find: "#define GPIOEVENT_REQUEST_BOTH_EDGES\t((1UL << 0) | (1UL << 1))",
      replace: "#define GPIOEVENT_REQUEST_BOTH_EDGES\t((1UL << 0) | (1UL << 2))",
      expect: [{ rule: "constant-stable", at: "#define GPIOEVENT_REQUEST_BOTH_EDGES" }],
    },
    {
      kind: "flag bit of an enum through _BITULL",
      find: "GPIO_V2_LINE_FLAG_EDGE_FALLING\t\t= _BITULL(5),",
      replace: "GPIO_V2_LINE_FLAG_EDGE_FALLING\t\t= _BITULL(13),",
      expect: [{ rule: "enum-value-stable", at: "GPIO_V2_LINE_FLAG_EDGE_FALLING\t\t= _BITULL(13)," }],
      needsExactFrontEnd: true,
    },
    {
      kind: "removed struct",
      find: "struct gpioline_info_changed {\n\tstruct gpioline_info info;\n\t__u64 timestamp;\n\t__u32 event_type;\n\t__u32 padding[5]; /* for future use */\n};\n",
      replace: "",
      expect: [{ rule: "item-no-delete", at: "#define GPIOHANDLE_REQUEST_INPUT" }],
    },
    {
      kind: "reserved reuse that overflows the reserved space",
      find: "\t__u8 default_values[GPIOHANDLES_MAX];\n\t__u32 padding[4]; /* padding for future use */",
      replace:
        "\t__u8 default_values[GPIOHANDLES_MAX];\n\t__u64 deadline;\n\t__u32 padding[2]; /* padding for future use */",
      expect: [
        { rule: "struct-tail-growth", at: "struct gpiohandle_config {", severity: "warning" },
        { rule: "ioctl-number-stable", at: "#define GPIOHANDLE_SET_CONFIG_IOCTL" },
      ],
    },
    {
      kind: "field type at the end of an ioctl argument",
      find: "\t__u32 padding[5];\n\t__s32 fd;\n};",
      replace: "\t__u32 padding[5];\n\t__s64 fd;\n};",
      expect: [
        { rule: "field-same-type", at: "\t__s64 fd;" },
        { rule: "field-same-offset", at: "\t__s64 fd;" },
        { rule: "struct-size-change", at: "struct gpio_v2_line_request {" },
        { rule: "ioctl-number-stable", at: "#define GPIO_V2_GET_LINE_IOCTL" },
      ],
    },
    {
      kind: "member of an anonymous union",
      find: "\t\t__u32 debounce_period_us;",
      replace: "\t\t__u64 debounce_period_us;",
      expect: [{ rule: "field-same-type", at: "\t\t__u64 debounce_period_us;" }],
    },
  ],
  "linux/iommufd.h": [
    {
      kind: "field type (size)",
      find: "\t__u32 size;\n\t__u32 id;\n};",
      replace: "\t__u32 size;\n\t__u64 id;\n};",
      expect: [
        { rule: "field-same-type", at: "\t__u64 id;\n};" },
        { rule: "field-same-offset", at: "\t__u64 id;\n};" },
        { rule: "struct-size-change", at: "struct iommu_destroy {" },
      ],
    },
    {
      kind: "renumbered enumerator of an anonymous enum",
      find: "\tIOMMUFD_CMD_IOAS_UNMAP = 0x86,",
      replace: "\tIOMMUFD_CMD_IOAS_UNMAP = 0x96,",
      expect: [
        { rule: "enum-value-stable", at: "IOMMUFD_CMD_IOAS_UNMAP = 0x96," },
        { rule: "ioctl-number-stable", at: "#define IOMMU_IOAS_UNMAP " },
      ],
    },
    {
      kind: "flag bit of an enum",
      find: "\tIOMMU_IOAS_MAP_WRITEABLE = 1 << 1,",
      replace: "\tIOMMU_IOAS_MAP_WRITEABLE = 1 << 3,",
      expect: [{ rule: "enum-value-stable", at: "IOMMU_IOAS_MAP_WRITEABLE = 1 << 3," }],
    },
    {
      kind: "reorder",
      find: "\t__u32 dst_ioas_id;\n\t__u32 src_ioas_id;",
      replace: "\t__u32 src_ioas_id;\n\t__u32 dst_ioas_id;",
      expect: [
        { rule: "field-same-offset", at: "\t__u32 src_ioas_id;\n\t__u32 dst_ioas_id;" },
        { rule: "field-same-offset", at: "\t__u32 dst_ioas_id;\n\t__aligned_u64 length;" },
      ],
    },
    {
      kind: "insert in a size-extensible struct",
      find: "\t__u32 size;\n\t__u32 ioas_id;\n\t__aligned_u64 iova;\n\t__aligned_u64 length;\n};",
      replace:
        "\t__u32 size;\n\t__u32 ioas_id;\n\t__aligned_u64 flags;\n\t__aligned_u64 iova;\n\t__aligned_u64 length;\n};",
      expect: [
        { rule: "struct-size-change", at: "\t__aligned_u64 flags;\n\t__aligned_u64 iova;" },
        { rule: "field-same-offset", at: "\t__aligned_u64 iova;\n\t__aligned_u64 length;\n};" },
        { rule: "field-same-offset", at: "\t__aligned_u64 length;\n};\n#define IOMMU_IOAS_UNMAP" },
      ],
    },
    {
      kind: "reserved reuse where it breaks (wider than the reserved field)",
      find: "\t__u32 option_id;\n\t__u16 op;\n\t__u16 __reserved;\n\t__u32 object_id;",
      replace: "\t__u32 option_id;\n\t__u16 op;\n\t__u32 scope;\n\t__u32 object_id;",
      expect: [
        { rule: "field-same-offset", at: "\t__u32 object_id;\n\t__aligned_u64 val64;" },
        { rule: "field-same-offset", at: "\t__aligned_u64 val64;\n};\n#define IOMMU_OPTION" },
        { rule: "struct-size-change", at: "\t__u32 scope;" },
      ],
    },
    {
      kind: "removed field",
      find: "\t__u32 ioas_id;\n\t__u16 op;\n\t__u16 __reserved;\n};",
      replace: "\t__u16 op;\n\t__u16 __reserved;\n};",
      expect: [
        { rule: "field-no-delete", at: "struct iommu_vfio_ioas {" },
        { rule: "field-same-offset", at: "\t__u16 op;\n\t__u16 __reserved;\n};\n#define IOMMU_VFIO_IOAS" },
        { rule: "struct-size-change", at: "struct iommu_vfio_ioas {" },
      ],
    },
    {
      kind: "flag bit of a flags enum",
      find: "\tIOMMU_HWPT_ALLOC_DIRTY_TRACKING = 1 << 1,",
      replace: "\tIOMMU_HWPT_ALLOC_DIRTY_TRACKING = 1 << 4,",
      expect: [{ rule: "enum-value-stable", at: "IOMMU_HWPT_ALLOC_DIRTY_TRACKING = 1 << 4," }],
    },
    {
      kind: "renamed field (an API break)",
      find: "\t__u32 flags;\n\t__u32 out_ioas_id;\n};",
      replace: "\t__u32 flags;\n\t__u32 out_id;\n};",
      expect: [{ rule: "field-no-rename", at: "\t__u32 out_id;" }],
    },
    {
      kind: "removed enumerator, its value given to a new one",
      find: "\tIOMMU_VFIO_IOAS_CLEAR = 2,",
      replace: "\tIOMMU_VFIO_IOAS_RESET = 2,",
      expect: [
        { rule: "item-no-delete", at: "enum iommufd_vfio_ioas_op {" },
        { rule: "enum-value-stable", at: "IOMMU_VFIO_IOAS_RESET = 2," },
      ],
    },
    {
      kind: "signedness (needs review)",
      find: "\t__u32 ioas_id;\n\t__s32 fd;",
      replace: "\t__u32 ioas_id;\n\t__u32 fd;",
      expect: [{ rule: "field-same-type", at: "\t__u32 fd;", severity: "warning" }],
    },
    {
      kind: "field turned reserved",
      find: "\t__u32 flags;\n\t__u32 ioas_id;\n\t__u32 __reserved;\n\t__aligned_u64 user_va;",
      replace: "\t__u32 __reserved_flags;\n\t__u32 ioas_id;\n\t__u32 __reserved;\n\t__aligned_u64 user_va;",
      expect: [{ rule: "field-made-reserved", at: "\t__u32 __reserved_flags;" }],
    },
  ],
  "linux/if_xdp.h": [
    {
      kind: "a field in tail padding",
      find: "struct xdp_desc {\n\t__u64 addr;\n\t__u32 len;\n\t__u32 options;\n};",
      replace: "struct xdp_desc {\n\t__u64 addr;\n\t__u32 len;\n\t__u16 options;\n\t__u16 queue;\n};",
      expect: [
        { rule: "field-same-type", at: "\t__u16 options;" },
      ],
    },
    {
      kind: "a new field in tail padding",
      find: "struct sockaddr_xdp {\n\t__u16 sxdp_family;\n\t__u16 sxdp_flags;\n\t__u32 sxdp_ifindex;\n\t__u32 sxdp_queue_id;\n\t__u32 sxdp_shared_umem_fd;\n};",
      replace:
        "struct sockaddr_xdp {\n\t__u16 sxdp_family;\n\t__u16 sxdp_flags;\n\t__u32 sxdp_ifindex;\n\t__u32 sxdp_queue_id;\n\t__u32 sxdp_shared_umem_fd;\n\t__u64 sxdp_cookie;\n};",
      expect: [{ rule: "struct-tail-growth", at: "struct sockaddr_xdp {", severity: "warning" }],
    },
    {
      kind: "a macro value (socket option number)",
      find: "#define XDP_STATISTICS\t\t\t7",
      replace: "#define XDP_STATISTICS\t\t\t10",
      expect: [{ rule: "constant-stable", at: "#define XDP_STATISTICS" }],
    },
    {
      kind: "a 64-bit macro through a cast suffix",
      find: "#define XDP_UMEM_PGOFF_FILL_RING\t0x100000000ULL",
      replace: "#define XDP_UMEM_PGOFF_FILL_RING\t0x200000000ULL",
      expect: [{ rule: "constant-stable", at: "#define XDP_UMEM_PGOFF_FILL_RING" }],
    },
    {
      kind: "removed struct",
      find: "struct xdp_options {\n\t__u32 flags;\n};\n",
      replace: "",
      expect: [{ rule: "item-no-delete", at: "#define XDP_OPTIONS_ZEROCOPY" }],
    },
    {
      kind: "flag bit",
      find: "#define XDP_UMEM_TX_SW_CSUM\t\t(1 << 1)",
      replace: "#define XDP_UMEM_TX_SW_CSUM\t\t(1 << 3)",
      expect: [{ rule: "constant-stable", at: "#define XDP_UMEM_TX_SW_CSUM" }],
    },
    {
      kind: "reorder in a struct other structs embed",
      find: "\t__u64 producer;\n\t__u64 consumer;",
      replace: "\t__u64 consumer;\n\t__u64 producer;",
      expect: [
        { rule: "field-same-offset", at: "\t__u64 consumer;\n\t__u64 producer;" },
        { rule: "field-same-offset", at: "\t__u64 producer;\n\t__u64 desc;" },
      ],
    },
    {
      kind: "removed last field",
      find: "\t__u64 tx_ring_empty_descs; /* Failed to retrieve item from tx ring */\n",
      replace: "",
      expect: [
        { rule: "field-no-delete", at: "struct xdp_statistics {" },
        { rule: "struct-size-change", at: "struct xdp_statistics {" },
      ],
    },
  ],
  "linux/vfio.h": [
    {
      kind: "an __aligned_u64 that moves an offset on i386",
      find: "\t__u32\tflags;\n\t__u64\tpgsize_bitmap;",
      replace: "\t__u32\tflags;\n\t__aligned_u64\tpgsize_bitmap;",
      expect: [
        { rule: "field-same-offset", at: "\t__aligned_u64\tpgsize_bitmap;" },
        { rule: "field-same-offset", at: "\t__u64\tmax_dirty_bitmap_size;\t\t/* in bytes */\n};\n\n/*\n * The DMA available" },
        { rule: "struct-size-change", at: "struct vfio_iommu_type1_info_cap_migration {" },
      ],
    },
    {
      kind: "flag bit of a #define inside a struct",
      find: "#define VFIO_DEVICE_FLAGS_RESET\t(1 << 0)",
      replace: "#define VFIO_DEVICE_FLAGS_RESET\t(1 << 9)",
      expect: [{ rule: "constant-stable", at: "#define VFIO_DEVICE_FLAGS_RESET" }],
    },
    {
      kind: "insert in the middle of an argsz struct",
      find: "\t__u32\tindex;\t\t/* Region index */\n",
      replace: "\t__u32\tindex;\t\t/* Region index */\n\t__u32\ttype;\n",
      expect: [
        { rule: "struct-size-change", at: "\t__u32\ttype;\n" },
        { rule: "field-same-offset", at: "\t__u32\tcap_offset;\t/* Offset within info struct of first cap */\n\t__aligned_u64\tsize;" },
        { rule: "field-same-offset", at: "\t__aligned_u64\tsize;\t/* Region size (bytes) */" },
        { rule: "field-same-offset", at: "\t__aligned_u64\toffset;\t/* Region offset from start of device fd */" },
      ],
    },
  ],
  "linux/rseq.h": [
    {
      kind: "aligned record: alignment",
      find: "} __attribute__((aligned(4 * sizeof(__u64))));",
      replace: "} __attribute__((aligned(2 * sizeof(__u64))));",
      expect: [{ rule: "struct-size-change", at: "struct rseq_cs {" }],
      needsExactFrontEnd: true,
    },
    {
      kind: "aligned record: field type",
      find: "\t__u64 start_ip;\n\t/* Offset from start_ip. */",
      replace: "\t__u32 start_ip;\n\t/* Offset from start_ip. */",
      expect: [
        { rule: "field-same-type", at: "\t__u32 start_ip;" },
        { rule: "field-same-offset", at: "\t__u64 post_commit_offset;" },
        { rule: "field-same-offset", at: "__u64 abort_ip;" },
      ],
      needsExactFrontEnd: true,
    },
  ],
  "linux/if_ether.h": [
    {
      kind: "packed record: insert",
      find: "\tunsigned char\th_source[ETH_ALEN];\t/* source ether addr\t*/\n",
      replace: "\tunsigned char\th_source[ETH_ALEN];\t/* source ether addr\t*/\n\t__u8\t\th_vlan;\n",
      expect: [
        { rule: "field-same-offset", at: "\t__be16\t\th_proto;" },
        { rule: "struct-size-change", at: "\t__u8\t\th_vlan;" },
      ],
      needsExactFrontEnd: true,
    },
  ],
  "linux/if_fddi.h": [
    {
      kind: "packed record: packed removed",
      find: "\t__be16\tethertype;\t\t/* packet type ID field */\n} __attribute__((packed));",
      replace: "\t__be16\tethertype;\t\t/* packet type ID field */\n};",
      expect: [{ rule: "struct-size-change", at: "struct fddi_snap_hdr {" }],
      needsExactFrontEnd: true,
    },
  ],
  "linux/perf_event.h": [
    {
      kind: "bitfield move (two bits swapped)",
      find: "\t\t\t\tpinned\t       :  1, /* must always be on PMU */\n\t\t\t\texclusive      :  1, /* only group on PMU     */",
      replace: "\t\t\t\texclusive      :  1, /* only group on PMU     */\n\t\t\t\tpinned\t       :  1, /* must always be on PMU */",
      expect: [
        { rule: "field-same-offset", at: "exclusive      :  1, /* only group on PMU     */\n\t\t\t\tpinned" },
        { rule: "field-same-offset", at: "pinned\t       :  1, /* must always be on PMU */\n\t\t\t\texclude_user" },
      ],
      needsExactFrontEnd: true,
    },
    {
      kind: "bitfield inserted before others, taken from the reserved bits",
      find: "\t\t\t\tdefer_callchain:  1,",
      replace: "\t\t\t\tsample_new     :  1,\n\t\t\t\tdefer_callchain:  1,",
      also: { find: "__reserved_1   : 24;", replace: "__reserved_1   : 23;" },
      expect: [
        { rule: "field-same-offset", at: "defer_callchain:  1," },
        { rule: "field-same-offset", at: "defer_output   :  1," },
      ],
      needsExactFrontEnd: true,
    },
    {
      kind: "bitfield widened",
      find: "\t\t\t\tprecise_ip     :  2, /* skid constraint       */",
      replace: "\t\t\t\tprecise_ip     :  1, /* skid constraint       */\n\t\t\t\tprecise_hi     :  1,",
      expect: [{ rule: "field-same-type", at: "precise_ip     :  1," }],
      needsExactFrontEnd: true,
    },
  ],
};
