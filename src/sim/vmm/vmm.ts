/**
 * The VMM's virtual SMMUv3 for one vIOMMU: the guest's command queue (ring in guest memory,
 * PROD/CONS with wrap bit, CONS.ERR, GERROR/GERRORN) and the consume loop that copies and
 * vets each command (a hostile guest may write anything), forwards the accepted ones to the
 * kernel as one linear array per batch, handles configuration commands itself, and maps a
 * failed ioctl's (errno, entry_num) back onto CONS and CONS.ERR.
 */
import { HOST_LE } from "../../runtime/decode-source.js";
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import type { Errno } from "../errno.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Viommu } from "../kernel/objects.js";
import { CMD_U32, copyToRing, fieldOf, halvesOf, OPCODE, storeWords } from "../smmu/cmd-words.js";
import { CERROR, GERROR_CMDQ_ERR, type CerrorName } from "../smmu/errors.js";
import { BY_OPCODE, SSEC_MASK } from "../smmu/legality.js";
import {
  consErr,
  consRd,
  ptrInc,
  ptrIndex,
  queueEmpty,
  queueFull,
  queueUsed,
  withConsErr,
  withConsRd,
} from "../smmu/queue.js";
import {
  cerrorFor,
  DEFAULT_VMM_CONFIG,
  VMM_ACTIONS,
  type VmmAction,
  type VmmConfig,
} from "./policy.js";
import { InvalidateRequest } from "./request.js";

export interface ForwardRecord {
  readonly entries: number;
  readonly errno: Errno;
  readonly entry_num: number;
}

/** The VMM's action per opcode (VMM_ACTIONS by name; a reserved or missing opcode is illegal). */
const ACTION: readonly VmmAction[] = BY_OPCODE.map((c) => (c && VMM_ACTIONS[c.name]) || "illegal");
const SYNC_CS = fieldOf("CMD_SYNC", "CS");
const CMD_SYNC = smmuv3_cmd.desc.commands.CMD_SYNC!.opcode;
/** The SID field of each command the VMM handles itself (by opcode), for `handled`. */
const CONFIG_SID = new Map(
  BY_OPCODE.flatMap((c) =>
    c && VMM_ACTIONS[c.name] === "config" ? [[c.opcode, fieldOf(c.name, "SID")] as const] : [],
  ),
);
const GUEST_SYNC = smmuv3_cmd.encode("CMD_SYNC");
/** What `handled` records for a guest SYNC that signals, by CS (made once, not per SYNC). */
const SYNC_SIGNALS = Array.from(
  { length: 2 ** SYNC_CS.width },
  (_, cs) => `CMD_SYNC signal cs=${cs}`,
);

export class VirtualSmmu {
  readonly cfg: VmmConfig;
  readonly forwarded: ForwardRecord[] = [];
  /** Configuration commands the VMM handled itself, and guest SYNC signals. */
  readonly handled: string[] = [];
  /** The guest's ring in guest memory: CMD_U32 halves per entry (cmd-words.ts). */
  private readonly ring: Uint32Array;
  /** The same memory as bytes, as the guest writes it. */
  private readonly ringBytes: Uint8Array;
  /** The VMM's own copy of the command it is looking at. */
  private readonly cmd = new Uint32Array(CMD_U32);
  private request: InvalidateRequest | undefined;
  private prod = 0;
  private cons = 0;
  private gerror = 0;
  private gerrorn = 0;

  constructor(
    private readonly k: Kernel,
    readonly viommu: Viommu,
    cfg: Partial<VmmConfig> = {},
  ) {
    this.cfg = { ...DEFAULT_VMM_CONFIG, ...cfg };
    this.ring = new Uint32Array(CMD_U32 << this.cfg.log2size);
    this.ringBytes = new Uint8Array(this.ring.buffer);
  }

  get consRegister(): number {
    return this.cons;
  }
  get consRd(): number {
    return consRd(this.cons);
  }
  get consErrName(): CerrorName {
    return (
      (Object.keys(CERROR) as CerrorName[]).find((n) => CERROR[n] === consErr(this.cons)) ??
      "CERROR_ILL"
    );
  }
  get cmdqErrActive(): boolean {
    return ((this.gerror ^ this.gerrorn) & GERROR_CMDQ_ERR) !== 0;
  }

  /** The guest writes commands at PROD and then writes PROD. false when the queue is full. */
  guestWrite(commands: readonly (readonly bigint[])[]): boolean {
    const qs = this.cfg.log2size;
    for (const words of commands) {
      if (queueFull(this.prod, consRd(this.cons), qs)) return false;
      storeWords(this.ring, ptrIndex(this.prod, qs) * CMD_U32, words);
      this.prod = ptrInc(this.prod, qs);
    }
    this.consume();
    return true;
  }

  /** The same with the commands as the guest driver builds them: 16 little-endian bytes each. */
  guestWriteBytes(bytes: Uint8Array): boolean {
    if (bytes.length % (CMD_U32 * 4) !== 0)
      throw new RangeError(`${bytes.length} bytes are not whole 16-byte commands`);
    const qs = this.cfg.log2size;
    const n = bytes.length / (CMD_U32 * 4);
    // As many as fit go in; a full queue stops the guest before it writes PROD.
    const fits = Math.min(n, (1 << qs) - queueUsed(this.prod, consRd(this.cons), qs));
    const slot = ptrIndex(this.prod, qs);
    if (HOST_LE && fits === n && slot + n <= 1 << qs)
      // The ring's halves are stored as the little-endian bytes the guest wrote: one copy.
      this.ringBytes.set(bytes, slot * CMD_U32 * 4);
    else copyToRing(this.ring, qs, slot, halvesOf(bytes), 0, fits);
    this.prod = ptrInc(this.prod, qs, fits);
    if (fits < n) return false;
    this.consume();
    return true;
  }

  /**
   * The guest's recovery, as Linux's skip_err does it: on CERROR_ILL overwrite the command at
   * CONS with a CMD_SYNC, then acknowledge through GERRORN, which restarts consumption.
   */
  guestAcknowledge(skipIllegal: boolean): void {
    if (!this.cmdqErrActive) return;
    if (skipIllegal && consErr(this.cons) === CERROR.CERROR_ILL) {
      storeWords(this.ring, ptrIndex(this.cons, this.cfg.log2size) * CMD_U32, GUEST_SYNC);
    }
    this.gerrorn = this.gerror;
    this.consume();
  }

  /** Vets one command the VMM has copied out of guest memory. */
  private vet(c: Uint32Array): VmmAction {
    const opcode = OPCODE.read(c, 0);
    if ((c[0]! & SSEC_MASK[opcode]!) !== 0) return "illegal";
    if (opcode === CMD_SYNC && SYNC_CS.read(c, 0) === 3) return "illegal";
    return ACTION[opcode]!;
  }

  private consume(): void {
    const qs = this.cfg.log2size;
    const batching = this.cfg.batching;
    const ring = this.ring;
    const c = this.cmd;
    let rd = consRd(this.cons);
    // The pending batch: `count` forwarded commands from ring pointer `start` on.
    let start = rd;
    let count = 0;
    while (!this.cmdqErrActive && !queueEmpty(this.prod, rd, qs)) {
      // Copy the command out of guest memory before looking at it: the guest may rewrite it.
      const at = ptrIndex(rd, qs) * CMD_U32;
      c[0] = ring[at]!;
      c[1] = ring[at + 1]!;
      c[2] = ring[at + 2]!;
      c[3] = ring[at + 3]!;
      const vetted = this.vet(c);
      if (vetted === "forward") {
        if (count === 0) start = rd;
        (this.request ??= this.newRequest()).stage(count++, c, 0);
        rd = ptrInc(rd, qs);
        if (!batching) {
          const ok = this.forward(start, count);
          count = 0;
          if (!ok) return;
        }
        continue;
      }
      // Flushes the batch; on failure CONS is already set and consumption must stop.
      if (count > 0) {
        const ok = this.forward(start, count);
        count = 0;
        if (!ok) return;
      }
      if (vetted === "illegal") return this.raise(rd, "CERROR_ILL");
      if (vetted === "config") {
        const opcode = OPCODE.read(c, 0);
        this.handled.push(`${BY_OPCODE[opcode]!.name} sid=${CONFIG_SID.get(opcode)!.read(c, 0)}`);
      }
      if (vetted === "sync" && SYNC_CS.read(c, 0) !== 0)
        this.handled.push(SYNC_SIGNALS[SYNC_CS.read(c, 0)]!);
      rd = ptrInc(rd, qs);
      this.cons = withConsRd(this.cons, rd);
    }
    if (count > 0) this.forward(start, count);
  }

  /** Mapped on first use: the longest batch is a full guest queue. */
  private newRequest(): InvalidateRequest {
    return new InvalidateRequest(this.k, this.viommu, 1 << this.cfg.log2size);
  }

  /** One IOMMU_HWPT_INVALIDATE with the batch as a linear array in the VMM's memory. */
  private forward(start: number, count: number): boolean {
    const qs = this.cfg.log2size;
    const request = (this.request ??= this.newRequest());
    const errno = request.submit(count);
    const entryNum = request.entryNum;
    this.forwarded.push({ entries: count, errno, entry_num: entryNum });
    const last = ptrInc(start, qs, count - 1);
    if (errno === "OK") {
      this.cons = withConsRd(this.cons, ptrInc(last, qs));
      return true;
    }
    // entry_num is taken at its word: an entry_num equal to the batch length (everything
    // handled, as the ENOMEM quirk also claims) puts CONS after the batch, on the command that
    // closed it; a larger one is clamped there.
    const blamedPtr =
      this.cfg.consPolicy === "batch_start"
        ? start
        : entryNum < count
          ? ptrInc(start, qs, entryNum)
          : ptrInc(last, qs);
    this.raise(blamedPtr, cerrorFor(this.cfg, errno));
    return false;
  }

  /** CONS on the command, CONS.ERR, then GERROR.CMDQ_ERR (only if not already active). */
  private raise(ptr: number, cerror: CerrorName): void {
    this.cons = withConsErr(withConsRd(this.cons, ptr), CERROR[cerror]);
    if (!this.cmdqErrActive) this.gerror ^= GERROR_CMDQ_ERR;
  }
}
