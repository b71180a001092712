/**
 * The physical SMMUv3: its command queue (CMDQ_BASE memory, CMDQ_PROD, CMDQ_CONS with ERR),
 * GERROR/GERRORN, one consume loop that dispatches through the handler table, the caches, and
 * injected faults. Behaviour follows SPEC 6.3 and 7.1 (../shared/reference/smmuv3.md §2):
 * consumption stops at an erroneous command with CONS on it, CONS.ERR is written before
 * GERROR.CMDQ_ERR toggles, nothing is consumed while the error is active, and acknowledging
 * it through GERRORN restarts consumption at CONS.
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import { SmmuCaches } from "./caches.js";
import { DEFAULT_SMMU_CONFIG, type SmmuConfig } from "./config.js";
import { CERROR, GERROR_CMDQ_ERR, type CerrorName } from "./errors.js";
import { HANDLERS, type ExecContext, type Outcome } from "./handlers.js";
import { commonIllegality } from "./legality.js";
import { consRd, ptrInc, ptrIndex, queueEmpty, withConsErr, withConsRd } from "./queue.js";
import type { SmmuTraceEvent } from "./trace.js";

export class SmmuV3 {
  readonly cfg: SmmuConfig;
  readonly caches = new SmmuCaches();
  readonly trace: SmmuTraceEvent[] = [];
  /** ATS-capable devices by physical StreamID. */
  readonly atsDevices = new Set<number>();
  /** The host's GERROR interrupt handler (IRQ_CTRL.GERROR_IRQEN = 1 when set). */
  onGerror: (() => void) | undefined;

  private readonly slots: bigint[][];
  private prod = 0;
  private cons = 0;
  private gerror = 0;
  private gerrorn = 0;
  /** The reason a CMD_SYNC at CONS is waiting, if one is. */
  private stalled: "sync_timeout" | "atc_timeout" | undefined;
  private syncTimeoutArmed = false;
  private readonly atcTimeoutSids = new Set<number>();
  private unansweredAtc = 0;
  private running = false;
  private kicked = false;

  constructor(cfg: Partial<SmmuConfig> = {}) {
    this.cfg = { ...DEFAULT_SMMU_CONFIG, ...cfg };
    this.slots = Array.from({ length: 1 << this.cfg.log2size }, () => [0n, 0n]);
  }

  get log2size(): number {
    return this.cfg.log2size;
  }
  get cmdqProd(): number {
    return this.prod;
  }
  get cmdqCons(): number {
    return this.cons;
  }
  get gerrorReg(): number {
    return this.gerror;
  }
  get cmdqErrActive(): boolean {
    return ((this.gerror ^ this.gerrorn) & GERROR_CMDQ_ERR) !== 0;
  }
  get isStalled(): boolean {
    return this.stalled !== undefined;
  }

  /** Software writes a command into the queue memory. */
  writeSlot(index: number, words: readonly bigint[]): void {
    this.slots[index] = [words[0] ?? 0n, words[1] ?? 0n];
  }
  readSlot(index: number): readonly bigint[] {
    return this.slots[index]!;
  }

  /** MMIO write of CMDQ_PROD: the SMMU considers the queue unless an error is active. */
  writeProd(prod: number): void {
    this.prod = prod;
    this.run();
  }

  /** MMIO write of GERRORN: acknowledging CMDQ_ERR restarts consumption at CONS. */
  writeGerrorn(value: number): void {
    if (this.cmdqErrActive && ((value ^ this.gerror) & GERROR_CMDQ_ERR) === 0)
      this.trace.push({ event: "gerror_ack" });
    this.gerrorn = value;
    this.run();
  }

  armSyncTimeout(): void {
    this.syncTimeoutArmed = true;
  }
  armAtcTimeout(sid: number): void {
    this.atcTimeoutSids.add(sid);
  }

  /**
   * Time passes beyond the host driver's poll timeout: a stalled CMD_SYNC resolves. A plain
   * SYNC timeout completes late; an unanswered ATC invalidation hits the SMMU's ATC
   * completion timeout, raising CERROR_ATC_INV_SYNC on the SYNC (SPEC 4.7.3); after the
   * acknowledgement the SYNC is re-fetched and completes, the timed-out invalidations being
   * no longer outstanding.
   */
  elapse(): void {
    const reason = this.stalled;
    if (!reason) return;
    this.stalled = undefined;
    const slot = ptrIndex(this.cons, this.cfg.log2size);
    if (reason === "atc_timeout") {
      this.unansweredAtc = 0;
      this.raise(slot, "CMD_SYNC", "CERROR_ATC_INV_SYNC", "ATC invalidation completion timeout");
    } else {
      this.complete(slot, "CMD_SYNC", this.slots[slot]!);
    }
    this.run();
  }

  private run(): void {
    if (this.running) {
      this.kicked = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.kicked = false;
        this.consume();
        if (this.cmdqErrActive) this.onGerror?.();
      } while (this.kicked);
    } finally {
      this.running = false;
    }
  }

  private consume(): void {
    const qs = this.cfg.log2size;
    while (!this.cmdqErrActive && !this.stalled && !queueEmpty(this.prod, consRd(this.cons), qs)) {
      const slot = ptrIndex(this.cons, qs);
      const words = this.slots[slot]!;
      const cmd = smmuv3_cmd.decode(words);
      const op = cmd.name ?? `opcode 0x${cmd.opcode.toString(16)}`;
      const common = commonIllegality(cmd, words, this.cfg);
      const outcome: Outcome = common
        ? { kind: "ill", reason: common }
        : HANDLERS[cmd.name!]!(this.context(), cmd.fields);
      if (outcome.kind === "done") this.complete(slot, op, words);
      else if (outcome.kind === "wait") {
        this.stalled = outcome.reason;
        this.trace.push({ event: "cmdq_wait", slot, reason: outcome.reason });
      } else if (outcome.lenient && this.cfg.qemuLenient) {
        this.trace.push({ event: "cmdq_ignored", slot, op, reason: outcome.reason });
        this.cons = withConsRd(this.cons, ptrInc(this.cons, qs));
      } else this.raise(slot, op, "CERROR_ILL", outcome.reason);
    }
  }

  private complete(slot: number, op: string, words: readonly bigint[]): void {
    this.trace.push({ event: "cmdq_exec", slot, op, words: [...words] });
    this.cons = withConsRd(this.cons, ptrInc(this.cons, this.cfg.log2size));
  }

  /** CONS.ERR first, then GERROR.CMDQ_ERR toggles, only if it is not already active. */
  private raise(slot: number, op: string, cerror: CerrorName, reason: string): void {
    this.trace.push({ event: "cmdq_error", slot, op, cerror, reason });
    this.cons = withConsErr(this.cons, CERROR[cerror]);
    if (!this.cmdqErrActive) this.gerror ^= GERROR_CMDQ_ERR;
  }

  private context(): ExecContext {
    return {
      cfg: this.cfg,
      caches: this.caches,
      atsDevices: this.atsDevices,
      sendAtcInvalidation: (sid, ssid, global, start, end) => {
        if (this.atcTimeoutSids.delete(sid)) {
          this.unansweredAtc++;
          return false;
        }
        this.caches.invalidateAtc(sid, ssid, global, start, end);
        return true;
      },
      atcOutstanding: () => this.unansweredAtc > 0,
      takeSyncTimeout: () => {
        const armed = this.syncTimeoutArmed;
        this.syncTimeoutArmed = false;
        return armed;
      },
    };
  }
}
