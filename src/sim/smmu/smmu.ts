/**
 * The physical SMMUv3: its command queue (CMDQ_BASE memory, CMDQ_PROD, CMDQ_CONS with ERR),
 * GERROR/GERRORN, one consume loop that dispatches through the handler table, the caches, and
 * injected faults. Behaviour follows SPEC 6.3 and 7.1 (SPEC 6.3, 7.1):
 * consumption stops at an erroneous command with CONS on it, CONS.ERR is written before
 * GERROR.CMDQ_ERR toggles, nothing is consumed while the error is active, and acknowledging
 * it through GERRORN restarts consumption at CONS.
 *
 * The queue memory is a Uint32Array of 32-bit halves (cmd-words.ts) that the host driver
 * writes directly; the loop reads each command's fields from it in place.
 */
import { SmmuCaches } from "./caches.js";
import { CMD_U32, loadWords, OPCODE, storeWords } from "./cmd-words.js";
import { DEFAULT_SMMU_CONFIG, type SmmuConfig } from "./config.js";
import { CERROR, GERROR_CMDQ_ERR, type CerrorName } from "./errors.js";
import { HANDLER_BY_OPCODE, type ExecContext, type Outcome } from "./handlers.js";
import { BY_OPCODE, commonIllegality } from "./legality.js";
import { consRd, ptrInc, ptrIndex, queueEmpty, withConsErr, withConsRd } from "./queue.js";
import type { SmmuTraceEvent } from "./trace.js";

const OP_NAMES = BY_OPCODE.map((c) => c?.name ?? "");
const CMD_SYNC = BY_OPCODE.findIndex((c) => c?.name === "CMD_SYNC");

export class SmmuV3 {
  readonly cfg: SmmuConfig;
  readonly caches = new SmmuCaches();
  /** ATS-capable devices by physical StreamID. */
  readonly atsDevices = new Set<number>();
  /** The host's GERROR interrupt handler (IRQ_CTRL.GERROR_IRQEN = 1 when set). */
  onGerror: (() => void) | undefined;
  /** CMDQ_BASE memory: CMD_U32 halves per slot. Software writes commands here. */
  readonly cmdq: Uint32Array;

  private readonly events: SmmuTraceEvent[] = [];
  private tracingOn = false;
  private everTraced = false;
  /** Per slot: the value of `execCount` when a non-SYNC command there last executed. */
  private readonly stamps: Float64Array;
  private executed = 0;
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
  private readonly ctx: ExecContext;

  constructor(cfg: Partial<SmmuConfig> = {}) {
    this.cfg = { ...DEFAULT_SMMU_CONFIG, ...cfg };
    this.cmdq = new Uint32Array(CMD_U32 << this.cfg.log2size);
    this.stamps = new Float64Array(1 << this.cfg.log2size);
    const smmu = this;
    // One context for the SMMU's life, not one per command.
    this.ctx = {
      cfg: this.cfg,
      caches: this.caches,
      atsDevices: this.atsDevices,
      sidLimit: 2 ** this.cfg.sidsize,
      ssidLimit: 2 ** this.cfg.ssidsize,
      sendAtcInvalidation(sid, ssid, global, addrPage, size) {
        if (smmu.atcTimeoutSids.size !== 0 && smmu.atcTimeoutSids.delete(sid)) {
          smmu.unansweredAtc++;
          return false;
        }
        smmu.caches.invalidateAtc(sid, ssid, global, addrPage, size);
        return true;
      },
      atcOutstanding: () => smmu.unansweredAtc > 0,
      takeSyncTimeout() {
        const armed = smmu.syncTimeoutArmed;
        smmu.syncTimeoutArmed = false;
        return armed;
      },
    };
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
  /**
   * Whether commands are traced. Off by default, so a run nobody inspects does no trace work;
   * whoever reports on the queue (the scenario runner, a test) turns it on first.
   */
  get tracing(): boolean {
    return this.tracingOn;
  }
  set tracing(on: boolean) {
    this.tracingOn = on;
    this.everTraced ||= on;
  }
  /** The events recorded while tracing was on. */
  get trace(): readonly SmmuTraceEvent[] {
    if (!this.everTraced) throw new Error("internal: SmmuV3.trace read, but tracing was never on");
    return this.events;
  }
  /** Non-SYNC commands executed so far. */
  get execCount(): number {
    return this.executed;
  }
  /** The `execCount` a non-SYNC command in `slot` last executed at (0: never). */
  execStamp(slot: number): number {
    return this.stamps[slot]!;
  }

  /** Software writes a command into the queue memory. */
  writeSlot(index: number, words: readonly bigint[]): void {
    storeWords(this.cmdq, index * CMD_U32, words);
  }
  readSlot(index: number): readonly bigint[] {
    return loadWords(this.cmdq, index * CMD_U32);
  }

  /** MMIO write of CMDQ_PROD: the SMMU considers the queue unless an error is active. */
  writeProd(prod: number): void {
    this.prod = prod;
    this.run();
  }

  /** MMIO write of GERRORN: acknowledging CMDQ_ERR restarts consumption at CONS. */
  writeGerrorn(value: number): void {
    if (this.cmdqErrActive && ((value ^ this.gerror) & GERROR_CMDQ_ERR) === 0)
      this.emit({ event: "gerror_ack" });
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
      this.complete(slot, CMD_SYNC);
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
    if (this.cmdqErrActive || this.stalled) return;
    const qs = this.cfg.log2size;
    const q = this.cmdq;
    const cfg = this.cfg;
    const ctx = this.ctx;
    // CONS (its RD part) stays in a local while commands complete; nothing a handler calls
    // reads it or writes PROD, and it is written back before anything else can look.
    let rd = consRd(this.cons);
    while (!queueEmpty(this.prod, rd, qs)) {
      const slot = ptrIndex(rd, qs);
      const at = slot * CMD_U32;
      const opcode = OPCODE.read(q, at);
      const common = commonIllegality(q, at, cfg);
      const outcome: Outcome =
        common !== undefined
          ? { kind: "ill", reason: common }
          : HANDLER_BY_OPCODE[opcode]!(ctx, q, at);
      if (outcome.kind === "done") {
        this.executedAt(slot, opcode);
        rd = ptrInc(rd, qs);
        continue;
      }
      this.cons = withConsRd(this.cons, rd);
      if (outcome.kind === "wait") {
        this.stalled = outcome.reason;
        this.emit({ event: "cmdq_wait", slot, reason: outcome.reason });
        return;
      }
      const op = OP_NAMES[opcode] || `opcode 0x${opcode.toString(16)}`;
      if (!(outcome.lenient && cfg.qemuLenient))
        return this.raise(slot, op, "CERROR_ILL", outcome.reason);
      this.emit({ event: "cmdq_ignored", slot, op, reason: outcome.reason });
      rd = ptrInc(rd, qs);
    }
    this.cons = withConsRd(this.cons, rd);
  }

  /** A waiting CMD_SYNC completes late (see elapse). */
  private complete(slot: number, opcode: number): void {
    this.executedAt(slot, opcode);
    this.cons = withConsRd(this.cons, ptrInc(this.cons, this.cfg.log2size));
  }

  /** The command in `slot` executed: trace it, and stamp it for the host driver (not a SYNC). */
  private executedAt(slot: number, opcode: number): void {
    if (this.tracingOn)
      this.events.push({
        event: "cmdq_exec",
        slot,
        op: OP_NAMES[opcode]!,
        words: loadWords(this.cmdq, slot * CMD_U32),
      });
    if (opcode !== CMD_SYNC) this.stamps[slot] = ++this.executed;
  }

  private emit(e: SmmuTraceEvent): void {
    if (this.tracingOn) this.events.push(e);
  }

  /** CONS.ERR first, then GERROR.CMDQ_ERR toggles, only if it is not already active. */
  private raise(slot: number, op: string, cerror: CerrorName, reason: string): void {
    this.emit({ event: "cmdq_error", slot, op, cerror, reason });
    this.cons = withConsErr(this.cons, CERROR[cerror]);
    if (!this.cmdqErrActive) this.gerror ^= GERROR_CMDQ_ERR;
  }
}
