/**
 * Arm SMMUv3 command-queue commands: 16-byte entries of two little-endian 64-bit words,
 * opcode in bits [7:0] of word 0. Field positions follow the Arm SMMUv3
 * architecture specification (IHI 0070) §4.1 and §4.4. The simulator and the codecs decode
 * commands through this one definition; the C header gets mask and shift macros, never C
 * bitfields, because bitfield order is not portable.
 *
 * Commands whose field positions the reference could not confirm (PREFETCH_ADDR's NS and
 * Stride, CFGI_VMS_PIDM, the Secure-only and DPT commands) are declared by opcode only.
 */
import { bits, commandSet, header } from "uapi-gen/dsl";

export const arm_smmuv3_cmdq = header({
  name: "arm_smmuv3_cmdq",
  doc: "Arm SMMUv3 command-queue entry formats, as mask and shift macros.",
});

const OP = bits(0, 7, 0, "Opcode.");
const SSEC = bits(0, 10, 10, "Secure stream: must be 0 on the Non-secure queue.");
const SSV = bits(0, 11, 11, "SubstreamID valid.");
const SSID = bits(0, 31, 12, "SubstreamID.");
const SID = bits(0, 63, 32, "StreamID.");
const VMID = bits(0, 47, 32, "Virtual machine ID.");
const ASID = bits(0, 63, 48, "Address space ID.");
const NUM = bits(0, 16, 12, "Range: number of units minus one (RES0 unless TG != 0 and IDR3.RIL).");
const SCALE = bits(0, 24, 20, "Range: power-of-two scale of the unit.");
const LEAF = bits(1, 0, 0, "Only leaf entries need invalidating.");
const TTL128 = bits(1, 7, 7, "TTL refers to 128-bit descriptors.");
const TTL = bits(1, 9, 8, "Level of the leaf entry (0: any level).");
const TG = bits(1, 11, 10, "Translation granule: 0 any (no range), 1 4 KB, 2 16 KB, 3 64 KB.");
const ADDR = bits(1, 63, 12, "Address [63:12].");
const IPA = bits(1, 51, 12, "Intermediate physical address [51:12].");

export const smmuv3_cmd = commandSet({
  doc: "SMMUv3 command-queue entries.",
  macroPrefix: "SMMUV3_CMDQ",
  wordType: "__le64",
  words: 2,
  opcode: OP,
  commands: {
    PREFETCH_CONFIG: {
      opcode: 0x01,
      doc: "Prefetch the configuration of a stream.",
      fields: { SSEC, SSV, SSID, SID },
    },
    PREFETCH_ADDR: {
      opcode: 0x02,
      doc: "Prefetch translations of an address range.",
      fields: {
        SSEC,
        SSV,
        SSID,
        SID,
        SIZE: bits(1, 4, 0, "log2 of the number of translations."),
        ADDR,
      },
    },
    CFGI_STE: {
      opcode: 0x03,
      doc: "Invalidate the cached STE of a stream.",
      fields: { SSEC, SID, LEAF },
    },
    CFGI_STE_RANGE: {
      opcode: 0x04,
      doc: "Invalidate 2^(RANGE+1) STEs; RANGE 31 is CFGI_ALL.",
      fields: { SSEC, SID, RANGE: bits(1, 4, 0, "log2 of the number of StreamIDs, minus one.") },
    },
    CFGI_CD: {
      opcode: 0x05,
      doc: "Invalidate a cached context descriptor.",
      fields: { SSEC, SSID, SID, LEAF },
    },
    CFGI_CD_ALL: {
      opcode: 0x06,
      doc: "Invalidate every cached CD of a stream.",
      fields: { SSEC, SID },
    },
    CFGI_VMS_PIDM: { opcode: 0x07, doc: "MPAM PARTID map invalidation (fields not modelled)." },
    TLBI_NH_ALL: {
      opcode: 0x10,
      doc: "Invalidate all stage-1 entries of a VMID.",
      fields: { VMID },
    },
    TLBI_NH_ASID: {
      opcode: 0x11,
      doc: "Invalidate the stage-1 entries of an ASID.",
      fields: { VMID, ASID },
    },
    TLBI_NH_VA: {
      opcode: 0x12,
      doc: "Invalidate stage-1 entries of an ASID by address or range.",
      fields: { NUM, SCALE, VMID, ASID, LEAF, TTL128, TTL, TG, ADDR },
    },
    TLBI_NH_VAA: {
      opcode: 0x13,
      doc: "Invalidate stage-1 entries of every ASID by address or range.",
      fields: { NUM, SCALE, VMID, LEAF, TTL128, TTL, TG, ADDR },
    },
    TLBI_EL3_ALL: { opcode: 0x18, doc: "Invalidate all EL3 entries (Secure queue only)." },
    TLBI_EL3_VA: {
      opcode: 0x1a,
      doc: "Invalidate EL3 entries by address (Secure queue only; fields not modelled).",
    },
    TLBI_EL2_ALL: { opcode: 0x20, doc: "Invalidate all EL2 entries." },
    TLBI_EL2_ASID: {
      opcode: 0x21,
      doc: "Invalidate the EL2 entries of an ASID.",
      fields: { ASID },
    },
    TLBI_EL2_VA: {
      opcode: 0x22,
      doc: "Invalidate EL2 entries by address or range.",
      fields: { NUM, SCALE, ASID, LEAF, TTL128, TTL, TG, ADDR },
    },
    TLBI_EL2_VAA: {
      opcode: 0x23,
      doc: "Invalidate EL2 entries of every ASID by address or range.",
      fields: { NUM, SCALE, LEAF, TTL128, TTL, TG, ADDR },
    },
    TLBI_S12_VMALL: {
      opcode: 0x28,
      doc: "Invalidate all stage-1 and stage-2 entries of a VMID.",
      fields: { VMID },
    },
    TLBI_S2_IPA: {
      opcode: 0x2a,
      doc: "Invalidate stage-2 entries by IPA or range.",
      fields: { NUM, SCALE, VMID, LEAF, TTL, TG, IPA },
    },
    TLBI_NSNH_ALL: { opcode: 0x30, doc: "Invalidate all Non-secure non-hypervisor entries." },
    ATC_INV: {
      opcode: 0x40,
      doc: "Invalidate a device's ATC: 4096 * 2^SIZE bytes at ADDR aligned down; SIZE 52 is everything.",
      fields: {
        GLOBAL: bits(0, 9, 9, "Also invalidate global entries (with SSV)."),
        SSV,
        SSID,
        SID,
        SIZE: bits(1, 5, 0, "log2 of the span in 4 KB pages."),
        ADDR,
      },
    },
    PRI_RESP: {
      opcode: 0x41,
      doc: "Respond to a page request group.",
      fields: {
        SSV,
        SSID,
        SID,
        PRGINDEX: bits(1, 8, 0, "Page request group index."),
        RESP: bits(1, 13, 12, "0 failure, 1 invalid request, 2 success; 3 is illegal."),
      },
    },
    RESUME: {
      opcode: 0x44,
      doc: "Resume or terminate a stalled transaction.",
      fields: {
        SSEC,
        AC: bits(0, 12, 12, "Action: retry."),
        AB: bits(0, 13, 13, "Abort."),
        SID,
        STAG: bits(1, 15, 0, "Stall tag."),
      },
    },
    STALL_TERM: {
      opcode: 0x45,
      doc: "Terminate every stalled transaction of a stream.",
      fields: { SSEC, SID },
    },
    CMD_SYNC: {
      opcode: 0x46,
      doc: "Complete every earlier command, then signal.",
      fields: {
        CS: bits(0, 13, 12, "Completion signal: 0 none, 1 IRQ (MSI), 2 SEV; 3 is illegal."),
        MSH: bits(0, 23, 22, "MSI shareability."),
        MSIATTR: bits(0, 27, 24, "MSI memory attributes."),
        MSIDATA: bits(0, 63, 32, "MSI payload."),
        MSIADDR: bits(1, 55, 2, "MSI address [55:2]."),
      },
    },
    TLBI_S_EL2_ALL: { opcode: 0x50, doc: "Secure EL2: illegal on the Non-secure queue." },
    TLBI_S_EL2_ASID: { opcode: 0x51, doc: "Secure EL2: illegal on the Non-secure queue." },
    TLBI_S_EL2_VA: { opcode: 0x52, doc: "Secure EL2: illegal on the Non-secure queue." },
    TLBI_S_EL2_VAA: { opcode: 0x53, doc: "Secure EL2: illegal on the Non-secure queue." },
    TLBI_S_S12_VMALL: {
      opcode: 0x58,
      doc: "Secure stage 1 and 2: illegal on the Non-secure queue.",
    },
    TLBI_S_S2_IPA: { opcode: 0x5a, doc: "Secure stage 2: illegal on the Non-secure queue." },
    TLBI_SNH_ALL: { opcode: 0x60, doc: "Secure non-hypervisor: illegal on the Non-secure queue." },
    DPTI_ALL: { opcode: 0x70, doc: "Invalidate all device permission table entries." },
    DPTI_PA: { opcode: 0x73, doc: "Invalidate device permission table entries by address." },
  },
});
