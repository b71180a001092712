/**
 * What the physical SMMUv3 implements (its ID registers) and the implementation choices the
 * architecture leaves open (SPEC 4.1, 7.1; docs/sim.md).
 */
export interface SmmuConfig {
  /** IDR3.RIL: range invalidation (NUM, SCALE, TG, TTL). */
  readonly ril: boolean;
  /** IDR0.ATS. */
  readonly ats: boolean;
  /** IDR0.S1P / IDR0.S2P. */
  readonly stage1: boolean;
  readonly stage2: boolean;
  /** IDR0.HYP: EL2 translation regimes. */
  readonly hyp: boolean;
  /** IDR0.PRI. */
  readonly pri: boolean;
  /** STALL_MODEL allows stalls (RESUME and STALL_TERM are legal). */
  readonly stall: boolean;
  /** IDR1.SIDSIZE and SSIDSIZE: out-of-range IDs are CONSTRAINED UNPREDICTABLE, never ILL (§1.1). */
  readonly sidsize: number;
  readonly ssidsize: number;
  /** Non-zero RES0 fields give CERROR_ILL (one of the two choices §1.1 allows). */
  readonly checkReserved: boolean;
  /** QEMU's leniency (§3.1): unhandled architected commands are consumed, CS=3 and ATC_INV without ATS are not ILL. */
  readonly qemuLenient: boolean;
  /** CMDQ_BASE.LOG2SIZE of the host's command queue. */
  readonly log2size: number;
  /** CMDQ_BATCH_ENTRIES of the host driver (BITS_PER_LONG). */
  readonly batch: number;
}

export const DEFAULT_SMMU_CONFIG: SmmuConfig = {
  ril: true,
  ats: true,
  stage1: true,
  stage2: true,
  hyp: true,
  pri: false,
  stall: false,
  sidsize: 16,
  ssidsize: 20,
  checkReserved: false,
  qemuLenient: false,
  log2size: 8,
  batch: 64,
};
