/**
 * One handler per SMMUv3 opcode (SPEC chapter 4; ../shared/reference/smmuv3.md §1.2, §1.3
 * and the CERROR_ILL list of §2.4), in one table the consume loop dispatches through. Each
 * handler gets the fields decoded through the shared `smmuv3_cmd` command set.
 */
import type { SmmuCaches, TlbMatch, TlbRegime } from "./caches.js";
import type { SmmuConfig } from "./config.js";
import { atcSpan, decodeSpan, type InvalidationSpan } from "./range.js";

export type Fields = Readonly<Record<string, bigint>>;

export type Outcome =
  | { readonly kind: "done" }
  /** CERROR_ILL. `lenient`: QEMU consumes this command silently instead (§3.1). */
  | { readonly kind: "ill"; readonly reason: string; readonly lenient?: boolean }
  /** A CMD_SYNC that cannot complete yet: the queue stalls on it. */
  | { readonly kind: "wait"; readonly reason: "sync_timeout" | "atc_timeout" };

/** What a handler may touch: the configuration, the caches, the devices and armed faults. */
export interface ExecContext {
  readonly cfg: SmmuConfig;
  readonly caches: SmmuCaches;
  /** ATS-capable devices by physical StreamID. */
  readonly atsDevices: ReadonlySet<number>;
  /** Invalidates one device's ATC; false when the device does not answer (an armed ATC timeout). */
  readonly sendAtcInvalidation: (
    sid: number,
    ssid: number | undefined,
    global: boolean,
    start: bigint,
    end: bigint,
  ) => boolean;
  /** Whether an ATC invalidation is still unanswered, which the next CMD_SYNC waits for. */
  readonly atcOutstanding: () => boolean;
  /** Takes an armed CMD_SYNC timeout, if any. */
  readonly takeSyncTimeout: () => boolean;
}

type Handler = (ctx: ExecContext, f: Fields) => Outcome;

const DONE: Outcome = { kind: "done" };
const ill = (reason: string, lenient = false): Outcome => ({ kind: "ill", reason, lenient });
const n = (v: bigint | undefined): number => Number(v ?? 0n);

function span(
  ctx: ExecContext,
  f: Fields,
  addrField: "ADDR" | "IPA",
): { span: InvalidationSpan } | Outcome {
  const r = decodeSpan(
    {
      addr: (f[addrField] ?? 0n) << 12n,
      num: n(f.NUM),
      scale: n(f.SCALE),
      tg: n(f.TG),
      ttl: n(f.TTL),
      ttl128: n(f.TTL128),
    },
    ctx.cfg,
  );
  return "illegal" in r ? ill(r.illegal) : r;
}

/** A TLBI that needs a translation regime the SMMU implements (stage 1, stage 2 or EL2). */
function tlbi(
  need: (c: SmmuConfig) => boolean,
  what: string,
  lenient: boolean,
  build: (ctx: ExecContext, f: Fields) => TlbMatch | Outcome,
): Handler {
  return (ctx, f) => {
    if (!need(ctx.cfg)) return ill(`${what} not implemented`, lenient);
    const m = build(ctx, f);
    if ("kind" in m) return m;
    ctx.caches.invalidateTlb(m);
    return DONE;
  };
}

const s1 = (c: SmmuConfig): boolean => c.stage1;
const s2 = (c: SmmuConfig): boolean => c.stage2;
const hyp = (c: SmmuConfig): boolean => c.hyp;
/** The VMID tags stage-1 entries only when stage 2 is implemented (RES0 otherwise, §1.1). */
const vmidOf = (ctx: ExecContext, f: Fields): number | undefined =>
  ctx.cfg.stage2 ? n(f.VMID) : undefined;
const S1: TlbRegime[] = ["s1"];

function ranged(
  regimes: TlbRegime[],
  addrField: "ADDR" | "IPA",
  tags: (ctx: ExecContext, f: Fields) => Partial<TlbMatch>,
) {
  return (ctx: ExecContext, f: Fields): TlbMatch | Outcome => {
    const r = span(ctx, f, addrField);
    if ("kind" in r) return r;
    return { regimes, span: r.span, leafOnly: f.LEAF === 1n, ...tags(ctx, f) };
  };
}

/**
 * A StreamID at or above 2^SIDSIZE (or SubstreamID above 2^SSIDSIZE) is CONSTRAINED
 * UNPREDICTABLE, never ILL (SPEC 4.1.7): this model picks "no effect".
 */
const idsInRange = (ctx: ExecContext, f: Fields): boolean =>
  n(f.SID) < 2 ** ctx.cfg.sidsize && (f.SSID === undefined || n(f.SSID) < 2 ** ctx.cfg.ssidsize);

const secureOnly =
  (what: string): Handler =>
  () =>
    ill(`${what} is illegal on the Non-secure queue`, what.startsWith("TLBI_EL3"));

export const HANDLERS: Readonly<Record<string, Handler>> = {
  // §4.2 prefetch: hints with no architectural effect.
  PREFETCH_CONFIG: () => DONE,
  PREFETCH_ADDR: () => DONE,
  // §4.3 configuration invalidation. CFGI_STE with Leaf=0 also drops what the STE points to.
  CFGI_STE: (ctx, f) => {
    if (!idsInRange(ctx, f)) return DONE;
    ctx.caches.invalidateSteRange(n(f.SID), 1);
    if (f.LEAF === 0n) ctx.caches.invalidateCd(n(f.SID), undefined);
    return DONE;
  },
  CFGI_STE_RANGE: (ctx, f) => {
    const count = 2 ** (n(f.RANGE) + 1);
    const first = Math.floor(n(f.SID) / count) * count;
    ctx.caches.invalidateSteRange(first, count);
    return DONE;
  },
  CFGI_CD: (ctx, f) => {
    if (!ctx.cfg.stage1) return ill("CFGI_CD without stage 1");
    if (!idsInRange(ctx, f)) return DONE;
    ctx.caches.invalidateCd(n(f.SID), n(f.SSID));
    return DONE;
  },
  CFGI_CD_ALL: (ctx, f) => {
    if (!ctx.cfg.stage1) return ill("CFGI_CD_ALL without stage 1");
    if (!idsInRange(ctx, f)) return DONE;
    ctx.caches.invalidateCd(n(f.SID), undefined);
    return DONE;
  },
  CFGI_VMS_PIDM: () => ill("CFGI_VMS_PIDM without MPAM"),
  // §4.4 TLB invalidation.
  TLBI_NH_ALL: tlbi(s1, "stage 1", false, (ctx, f) => ({ regimes: S1, vmid: vmidOf(ctx, f) })),
  TLBI_NH_ASID: tlbi(s1, "stage 1", false, (ctx, f) => ({
    regimes: S1,
    vmid: vmidOf(ctx, f),
    asid: n(f.ASID),
  })),
  TLBI_NH_VA: tlbi(
    s1,
    "stage 1",
    false,
    ranged(S1, "ADDR", (ctx, f) => ({ vmid: vmidOf(ctx, f), asid: n(f.ASID) })),
  ),
  TLBI_NH_VAA: tlbi(
    s1,
    "stage 1",
    false,
    ranged(S1, "ADDR", (ctx, f) => ({ vmid: vmidOf(ctx, f) })),
  ),
  TLBI_EL3_ALL: secureOnly("TLBI_EL3_ALL"),
  TLBI_EL3_VA: secureOnly("TLBI_EL3_VA"),
  TLBI_EL2_ALL: tlbi(hyp, "EL2 (IDR0.HYP)", true, () => ({ regimes: ["el2"] })),
  TLBI_EL2_ASID: tlbi(hyp, "EL2 (IDR0.HYP)", true, (_c, f) => ({
    regimes: ["el2"],
    asid: n(f.ASID),
  })),
  TLBI_EL2_VA: tlbi(
    hyp,
    "EL2 (IDR0.HYP)",
    true,
    ranged(["el2"], "ADDR", (_c, f) => ({ asid: n(f.ASID) })),
  ),
  TLBI_EL2_VAA: tlbi(
    hyp,
    "EL2 (IDR0.HYP)",
    true,
    ranged(["el2"], "ADDR", () => ({})),
  ),
  TLBI_S12_VMALL: tlbi(s2, "stage 2", false, (_c, f) => ({
    regimes: ["s1", "s2"],
    vmid: n(f.VMID),
  })),
  TLBI_S2_IPA: tlbi(
    s2,
    "stage 2",
    false,
    ranged(["s2"], "IPA", (_c, f) => ({ vmid: n(f.VMID) })),
  ),
  // Valid whatever stages exist: every Non-secure, non-hypervisor entry.
  TLBI_NSNH_ALL: tlbi(
    () => true,
    "",
    false,
    () => ({ regimes: ["s1", "s2"] }),
  ),
  // §4.5 ATS: the span is 4096 × 2^Size at the address aligned down; IGNORED for a StreamID
  // without an ATS device (not an error), ILL when the SMMU has no ATS.
  ATC_INV: (ctx, f) => {
    if (!ctx.cfg.ats) return ill("ATC_INV without IDR0.ATS", true);
    const size = n(f.SIZE);
    if (size > 52 && ctx.cfg.checkReserved) return ill("ATC_INV Size above 52");
    const sid = n(f.SID);
    if (!ctx.atsDevices.has(sid) || !idsInRange(ctx, f)) return DONE;
    const { start, end } = atcSpan((f.ADDR ?? 0n) << 12n, size);
    ctx.sendAtcInvalidation(sid, f.SSV === 1n ? n(f.SSID) : undefined, f.GLOBAL === 1n, start, end);
    return DONE;
  },
  PRI_RESP: (ctx, f) => {
    if (!ctx.cfg.pri) return ill("PRI_RESP without IDR0.PRI", true);
    return f.RESP === 3n ? ill("PRI_RESP Resp 0b11 is reserved") : DONE;
  },
  RESUME: (ctx) => (ctx.cfg.stall ? DONE : ill("RESUME without stall support", true)),
  STALL_TERM: (ctx) => (ctx.cfg.stall ? DONE : ill("STALL_TERM without stall support", true)),
  // §4.7 CMD_SYNC: completes every earlier command; waits for outstanding ATC invalidations.
  CMD_SYNC: (ctx, f) => {
    if (f.CS === 3n) return ill("CMD_SYNC CS=0b11 is reserved", true);
    if (ctx.takeSyncTimeout()) return { kind: "wait", reason: "sync_timeout" };
    if (ctx.atcOutstanding()) return { kind: "wait", reason: "atc_timeout" };
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
