/**
 * The TLB invalidation handlers (SPEC 4.4): each
 * needs the translation regime it names, reads its tags and, for the address forms, the range
 * operand, and removes what matches from the TLB.
 */
import { fieldOf, type Field } from "./cmd-words.js";
import { DONE, ill, type ExecContext, type Handler, type Outcome } from "./exec.js";
import { REGIME, TlbMatch } from "./tlb.js";

/** The one match the TLBI handlers fill: handlers never nest, so it is never shared. */
const MATCH = new TlbMatch();

/** The fields a TLBI may have (absent ones read as zero); Addr is IPA for stage 2. */
function tlbiFields(cmd: string, addr: "ADDR" | "IPA" = "ADDR") {
  const f = (name: string): Field => fieldOf(cmd, name);
  return {
    VMID: f("VMID"),
    ASID: f("ASID"),
    LEAF: f("LEAF"),
    ADDR: f(addr),
    NUM: f("NUM"),
    SCALE: f("SCALE"),
    TG: f("TG"),
    TTL: f("TTL"),
    TTL128: f("TTL128"),
  };
}
type TlbiFields = ReturnType<typeof tlbiFields>;

/**
 * Which entries a TLBI's VMID field tags: none, or always, or (stage-1 entries) only when
 * stage 2 is implemented (RES0 otherwise, §1.1).
 */
const VmidTag = { None: 0, IfStage2: 1, Always: 2 } as const;
type VmidTag = (typeof VmidTag)[keyof typeof VmidTag];

/**
 * The TLBI handlers share this; each calls it with its own constant fields, so the compiler
 * can inline it per command and read the fields at fixed positions.
 */
function tlbi(
  ctx: ExecContext,
  q: Uint32Array,
  at: number,
  f: TlbiFields,
  regimes: number,
  vmid: VmidTag,
  asid: boolean,
  ranged: boolean,
): Outcome {
  const m = MATCH.reset(regimes);
  if (ranged) {
    const bad = m.setRange(
      ctx.cfg,
      f.ADDR.read(q, at),
      f.NUM.read(q, at),
      f.SCALE.read(q, at),
      f.TG.read(q, at),
      f.TTL.read(q, at),
      f.TTL128.read(q, at),
    );
    if (bad !== undefined) return ill(bad);
    m.leafOnly = f.LEAF.read(q, at) === 1;
  }
  if (vmid === VmidTag.Always || (vmid === VmidTag.IfStage2 && ctx.cfg.stage2))
    m.vmid = f.VMID.read(q, at);
  if (asid) m.asid = f.ASID.read(q, at);
  ctx.caches.invalidateTlb(m);
  return DONE;
}

const NO_S1 = "stage 1 not implemented";
const NO_S2 = "stage 2 not implemented";
const NO_EL2 = "EL2 (IDR0.HYP) not implemented";
const NH_ALL = tlbiFields("TLBI_NH_ALL");
const NH_ASID = tlbiFields("TLBI_NH_ASID");
const NH_VA = tlbiFields("TLBI_NH_VA");
const NH_VAA = tlbiFields("TLBI_NH_VAA");
const EL2_ALL = tlbiFields("TLBI_EL2_ALL");
const EL2_ASID = tlbiFields("TLBI_EL2_ASID");
const EL2_VA = tlbiFields("TLBI_EL2_VA");
const EL2_VAA = tlbiFields("TLBI_EL2_VAA");
const S12_VMALL = tlbiFields("TLBI_S12_VMALL");
const S2_IPA = tlbiFields("TLBI_S2_IPA", "IPA");
const NSNH_ALL = tlbiFields("TLBI_NSNH_ALL");
const { s1, s2, el2 } = REGIME;

export const TLBI_HANDLERS: Readonly<Record<string, Handler>> = {
  // §4.4 TLB invalidation: each needs the translation regime it names (stage 1, 2 or EL2).
  TLBI_NH_ALL: (c, q, at) =>
    c.cfg.stage1 ? tlbi(c, q, at, NH_ALL, s1, VmidTag.IfStage2, false, false) : ill(NO_S1),
  TLBI_NH_ASID: (c, q, at) =>
    c.cfg.stage1 ? tlbi(c, q, at, NH_ASID, s1, VmidTag.IfStage2, true, false) : ill(NO_S1),
  TLBI_NH_VA: (c, q, at) =>
    c.cfg.stage1 ? tlbi(c, q, at, NH_VA, s1, VmidTag.IfStage2, true, true) : ill(NO_S1),
  TLBI_NH_VAA: (c, q, at) =>
    c.cfg.stage1 ? tlbi(c, q, at, NH_VAA, s1, VmidTag.IfStage2, false, true) : ill(NO_S1),
  TLBI_EL2_ALL: (c, q, at) =>
    c.cfg.hyp ? tlbi(c, q, at, EL2_ALL, el2, VmidTag.None, false, false) : ill(NO_EL2, true),
  TLBI_EL2_ASID: (c, q, at) =>
    c.cfg.hyp ? tlbi(c, q, at, EL2_ASID, el2, VmidTag.None, true, false) : ill(NO_EL2, true),
  TLBI_EL2_VA: (c, q, at) =>
    c.cfg.hyp ? tlbi(c, q, at, EL2_VA, el2, VmidTag.None, true, true) : ill(NO_EL2, true),
  TLBI_EL2_VAA: (c, q, at) =>
    c.cfg.hyp ? tlbi(c, q, at, EL2_VAA, el2, VmidTag.None, false, true) : ill(NO_EL2, true),
  TLBI_S12_VMALL: (c, q, at) =>
    c.cfg.stage2 ? tlbi(c, q, at, S12_VMALL, s1 | s2, VmidTag.Always, false, false) : ill(NO_S2),
  TLBI_S2_IPA: (c, q, at) =>
    c.cfg.stage2 ? tlbi(c, q, at, S2_IPA, s2, VmidTag.Always, false, true) : ill(NO_S2),
  // Valid whatever stages exist: every Non-secure, non-hypervisor entry.
  TLBI_NSNH_ALL: (c, q, at) => tlbi(c, q, at, NSNH_ALL, s1 | s2, VmidTag.None, false, false),
};
