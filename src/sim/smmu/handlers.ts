/**
 * One handler per SMMUv3 opcode (SPEC chapter 4: the opcodes, their fields
 * and the CERROR_ILL cases of 7.1), in one table the consume loop dispatches through. Each
 * handler reads its fields straight from the queue memory (`q[at..at+4)`, see cmd-words.ts),
 * at the positions the shared `smmuv3_cmd` command set defines.
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import { fieldOf } from "./cmd-words.js";
import { DONE, ill, type ExecContext, type Handler, type Outcome } from "./exec.js";
import { TLBI_HANDLERS } from "./tlbi.js";

export type { ExecContext, Handler, Outcome } from "./exec.js";

const SYNC_TIMEOUT: Outcome = { kind: "wait", reason: "sync_timeout" };
const ATC_TIMEOUT: Outcome = { kind: "wait", reason: "atc_timeout" };

/**
 * A StreamID at or above 2^SIDSIZE (or SubstreamID above 2^SSIDSIZE) is CONSTRAINED
 * UNPREDICTABLE, never ILL (SPEC 4.1.7): this model picks "no effect". `ssid` is undefined
 * for a command without a SubstreamID field.
 */
const idsInRange = (ctx: ExecContext, sid: number, ssid: number | undefined): boolean =>
  sid < ctx.sidLimit && (ssid === undefined || ssid < ctx.ssidLimit);

const secureOnly =
  (what: string): Handler =>
  () =>
    ill(`${what} is illegal on the Non-secure queue`, what.startsWith("TLBI_EL3"));

const STE = { SID: fieldOf("CFGI_STE", "SID"), LEAF: fieldOf("CFGI_STE", "LEAF") };
const STE_RANGE = {
  SID: fieldOf("CFGI_STE_RANGE", "SID"),
  RANGE: fieldOf("CFGI_STE_RANGE", "RANGE"),
};
const CD = { SID: fieldOf("CFGI_CD", "SID"), SSID: fieldOf("CFGI_CD", "SSID") };
const CD_ALL_SID = fieldOf("CFGI_CD_ALL", "SID");
const ATC = {
  SID: fieldOf("ATC_INV", "SID"),
  SSID: fieldOf("ATC_INV", "SSID"),
  SSV: fieldOf("ATC_INV", "SSV"),
  GLOBAL: fieldOf("ATC_INV", "GLOBAL"),
  ADDR: fieldOf("ATC_INV", "ADDR"),
  SIZE: fieldOf("ATC_INV", "SIZE"),
};
const PRI_RESP = fieldOf("PRI_RESP", "RESP");
const SYNC_CS = fieldOf("CMD_SYNC", "CS");

export const HANDLERS: Readonly<Record<string, Handler>> = {
  // §4.2 prefetch: hints with no architectural effect.
  PREFETCH_CONFIG: () => DONE,
  PREFETCH_ADDR: () => DONE,
  // §4.3 configuration invalidation. CFGI_STE with Leaf=0 also drops what the STE points to.
  CFGI_STE: (ctx, q, at) => {
    const sid = STE.SID.read(q, at);
    if (!idsInRange(ctx, sid, undefined)) return DONE;
    ctx.caches.invalidateSteRange(sid, 1);
    if (STE.LEAF.read(q, at) === 0) ctx.caches.invalidateCd(sid, undefined);
    return DONE;
  },
  CFGI_STE_RANGE: (ctx, q, at) => {
    const count = 2 ** (STE_RANGE.RANGE.read(q, at) + 1);
    const first = Math.floor(STE_RANGE.SID.read(q, at) / count) * count;
    ctx.caches.invalidateSteRange(first, count);
    return DONE;
  },
  CFGI_CD: (ctx, q, at) => {
    if (!ctx.cfg.stage1) return ill("CFGI_CD without stage 1");
    const sid = CD.SID.read(q, at);
    const ssid = CD.SSID.read(q, at);
    if (!idsInRange(ctx, sid, ssid)) return DONE;
    ctx.caches.invalidateCd(sid, ssid);
    return DONE;
  },
  CFGI_CD_ALL: (ctx, q, at) => {
    if (!ctx.cfg.stage1) return ill("CFGI_CD_ALL without stage 1");
    const sid = CD_ALL_SID.read(q, at);
    if (!idsInRange(ctx, sid, undefined)) return DONE;
    ctx.caches.invalidateCd(sid, undefined);
    return DONE;
  },
  CFGI_VMS_PIDM: () => ill("CFGI_VMS_PIDM without MPAM"),
  TLBI_EL3_ALL: secureOnly("TLBI_EL3_ALL"),
  TLBI_EL3_VA: secureOnly("TLBI_EL3_VA"),
  // §4.4 TLB invalidation (tlbi.ts).
  ...TLBI_HANDLERS,
  // §4.5 ATS: the span is 4096 × 2^Size at the address aligned down; IGNORED for a StreamID
  // without an ATS device (not an error), ILL when the SMMU has no ATS.
  ATC_INV: (ctx, q, at) => {
    if (!ctx.cfg.ats) return ill("ATC_INV without IDR0.ATS", true);
    const size = ATC.SIZE.read(q, at);
    if (size > 52 && ctx.cfg.checkReserved) return ill("ATC_INV Size above 52");
    const sid = ATC.SID.read(q, at);
    const ssid = ATC.SSID.read(q, at);
    if (!ctx.atsDevices.has(sid) || !idsInRange(ctx, sid, ssid)) return DONE;
    const global = ATC.GLOBAL.read(q, at) === 1;
    const ssv = ATC.SSV.read(q, at) === 1;
    ctx.sendAtcInvalidation(sid, ssv ? ssid : undefined, global, ATC.ADDR.read(q, at), size);
    return DONE;
  },
  PRI_RESP: (ctx, q, at) => {
    if (!ctx.cfg.pri) return ill("PRI_RESP without IDR0.PRI", true);
    return PRI_RESP.read(q, at) === 3 ? ill("PRI_RESP Resp 0b11 is reserved") : DONE;
  },
  RESUME: (ctx) => (ctx.cfg.stall ? DONE : ill("RESUME without stall support", true)),
  STALL_TERM: (ctx) => (ctx.cfg.stall ? DONE : ill("STALL_TERM without stall support", true)),
  // §4.7 CMD_SYNC: completes every earlier command; waits for outstanding ATC invalidations.
  CMD_SYNC: (ctx, q, at) => {
    if (SYNC_CS.read(q, at) === 3) return ill("CMD_SYNC CS=0b11 is reserved", true);
    if (ctx.takeSyncTimeout()) return SYNC_TIMEOUT;
    if (ctx.atcOutstanding()) return ATC_TIMEOUT;
    return DONE;
  },
  TLBI_S_EL2_ALL: secureOnly("TLBI_S_EL2_ALL"),
  TLBI_S_EL2_ASID: secureOnly("TLBI_S_EL2_ASID"),
  TLBI_S_EL2_VA: secureOnly("TLBI_S_EL2_VA"),
  TLBI_S_EL2_VAA: secureOnly("TLBI_S_EL2_VAA"),
  TLBI_S_S12_VMALL: secureOnly("TLBI_S_S12_VMALL"),
  TLBI_S_S2_IPA: secureOnly("TLBI_S_S2_IPA"),
  TLBI_SNH_ALL: secureOnly("TLBI_SNH_ALL"),
  DPTI_ALL: () => ill("DPTI_ALL without IDR3.DPT"),
  DPTI_PA: () => ill("DPTI_PA without IDR3.DPT"),
};

/** The handlers by opcode, for the consume loop (undefined: a reserved opcode). */
export const HANDLER_BY_OPCODE: readonly (Handler | undefined)[] = (() => {
  const table: (Handler | undefined)[] = new Array(256).fill(undefined);
  for (const [name, c] of Object.entries(smmuv3_cmd.desc.commands))
    table[c.opcode] = HANDLERS[name];
  return table;
})();
