/**
 * The error-reporting designs for IOMMU_HWPT_INVALIDATE that the Aug 2023 – Jan 2024
 * mailing-list discussion weighed (docs/sim.md), declared so the
 * simulator (src/sim/variants) can run each one against the same contract. Only design (a),
 * errno plus entry_num, was merged; it is `iommu_hwpt_invalidate` in iommufd.ts. These are
 * models for comparison, not kernel uAPI: they have no ioctl numbers of their own.
 *
 * (b) out_array_index + out_error_code (Nicolin Chen, Aug 2023; out_driver_error_code in v5/v6)
 * (c) an error code packed into the high bits of the returned index (Nicolin Chen, Aug 2023)
 * (d) a ring with PROD/CONS in the ioctl, modelled on the SMMU command queue (Aug 2023 draft)
 * (e) a per-entry hw_error field (v7–v10, Dec 2023)
 */
import { array, constant, enumeration, header, struct } from "uapi-gen/dsl";
import { iommu_hwpt_invalidate_data_type } from "./iommufd.js";

export const iommufd_invalidate_variants = header({
  name: "iommufd_invalidate_variants",
  doc: "Unmerged error-reporting designs of IOMMU_HWPT_INVALIDATE, for comparison only.",
  includes: ["linux/iommufd.h"],
});

// The fields the designs share with the merged struct, declared once.
const hwpt_id = { type: "__u32", doc: "A nested page table or a vIOMMU." } as const;
const data_uptr = {
  type: "__aligned_u64",
  userPtr: true,
  doc: "User pointer to the array of entries.",
} as const;
const data_type = {
  type: "__u32",
  values: iommu_hwpt_invalidate_data_type,
  doc: "Format of every entry.",
} as const;
const entry_len = { type: "__u32", doc: "Length of one entry in bytes." } as const;
const __reserved = { type: "__u32", reserved: true, doc: "Must be 0." } as const;

export const iommu_invalidate_error_code = enumeration({
  doc:
    "The error codes of the designs that report one: the SMMUv3 CMDQ_CONS.ERR values, so a " +
    "VMM can copy them into its virtual SMMU unchanged.",
  members: {
    IOMMU_INVALIDATE_ERROR_NONE: { value: 0, doc: "No error (CERROR_NONE)." },
    IOMMU_INVALIDATE_ERROR_ILL: { value: 1, doc: "Illegal or unsupported command (CERROR_ILL)." },
    IOMMU_INVALIDATE_ERROR_ABT: { value: 2, doc: "Abort while fetching the command (CERROR_ABT)." },
    IOMMU_INVALIDATE_ERROR_ATC_INV_SYNC: {
      value: 3,
      doc: "A CMD_SYNC could not complete earlier ATC invalidations (CERROR_ATC_INV_SYNC).",
    },
  },
});

export const iommu_hwpt_invalidate_index_code = struct({
  doc:
    "Design (b): the linear array of the merged design, with the failing entry's index and a " +
    "driver error code in dedicated output fields. entry_num is input only.",
  extensible: { size: "size", lastMandatory: "__reserved" },
  arrays: [
    // uapi-lint-disable-next-line array-descriptor-contract -- design (b) blames through out_array_index, which onError cannot express
    {
      pointer: "data_uptr",
      entryLen: "entry_len",
      count: "entry_num",
      selector: "data_type",
      doc: "The invalidation requests.",
    },
  ],
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_invalidate_index_code)" },
    hwpt_id,
    data_uptr,
    data_type,
    entry_len,
    entry_num: { type: "__u32", doc: "Number of entries." },
    out_array_index: {
      type: "__u32",
      dir: "out",
      doc: "On failure, the index of the entry that may have caused it; entry_num on success.",
    },
    out_error_code: {
      type: "__u32",
      dir: "out",
      values: iommu_invalidate_error_code,
      doc: "On failure, the driver's error code; 0 on success (which makes 0 ambiguous).",
    },
    __reserved,
  },
});

export const IOMMU_INVALIDATE_PACKED_INDEX_BITS = constant({
  value: 24,
  doc: "Design (c): bits [23:0] of the returned entry_num are the index, bits [31:24] the error code.",
});

export const IOMMU_INVALIDATE_PACKED_INDEX_MASK = constant({
  value: 0xffffff,
  doc: "Design (c): mask of the index bits; entry_num above it is rejected with EINVAL.",
});

export const iommu_hwpt_invalidate_packed = struct({
  doc:
    "Design (c): the merged struct, but the entry_num written back packs the index of the " +
    "failing entry in bits [23:0] and an iommu_invalidate_error_code in bits [31:24].",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_invalidate_packed)" },
    hwpt_id,
    // uapi-lint-disable-next-line array-descriptor-contract -- design (c) packs its blame into entry_num, which onError cannot express
    data_uptr,
    data_type,
    entry_len,
    entry_num: {
      type: "__u32",
      dir: "inout",
      doc: "In: number of entries (at most the index mask). Out: index | code << 24.",
    },
    __reserved,
  },
});

export const iommu_hwpt_invalidate_ring = struct({
  doc:
    "Design (d): a ring of 2^log2size entries with SMMU-style PROD and CONS (index plus wrap " +
    "bit in [19:0]); the kernel consumes from cons to prod and stops at a failing entry, " +
    "leaving cons on it with the error code in CONS.ERR bits [30:24].",
  extensible: { size: "size", lastMandatory: "__reserved" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct iommu_hwpt_invalidate_ring)" },
    hwpt_id,
    ring_uptr: { type: "__aligned_u64", userPtr: true, doc: "User pointer to the ring." },
    data_type,
    entry_len,
    log2size: { type: "__u32", doc: "log2 of the number of ring entries, at most 19." },
    prod: { type: "__u32", doc: "Producer index and wrap bit." },
    cons: {
      type: "__u32",
      dir: "inout",
      doc: "Consumer index and wrap bit; ERR in bits [30:24] on return.",
    },
    __reserved,
  },
});

export const iommu_viommu_arm_smmuv3_invalidate_hw_error = struct({
  doc:
    "Design (e): one SMMUv3 command with a per-entry hw_error the kernel writes back. An " +
    "entry counts as handled once it passed audit and was submitted; a hardware failure is " +
    "reported in hw_error while the ioctl returns 0.",
  fields: {
    cmd: { type: array("__aligned_le64", 2), doc: "The 128-bit command, little-endian." },
    hw_error: {
      type: "__u32",
      dir: "out",
      values: iommu_invalidate_error_code,
      doc: "The hardware error this entry met, or 0.",
    },
    __reserved,
  },
});
