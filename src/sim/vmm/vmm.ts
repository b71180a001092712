/**
 * The VMM's virtual SMMUv3 for one vIOMMU: the guest's command queue (ring in guest memory,
 * PROD/CONS with wrap bit, CONS.ERR, GERROR/GERRORN) and the consume loop that copies and
 * vets each command (a hostile guest may write anything), forwards the accepted ones to the
 * kernel as one linear array per batch, handles configuration commands itself, and maps a
 * failed ioctl's (errno, entry_num) back onto CONS and CONS.ERR.
 */
import {
  IOMMU_HWPT_INVALIDATE,
  iommu_hwpt_invalidate,
  iommu_hwpt_invalidate_data_type,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../../out/ts/iommufd.js";
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import type { Errno } from "../errno.js";
import { iommufdIoctl } from "../kernel/dispatcher.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Viommu } from "../kernel/objects.js";
import { CERROR, GERROR_CMDQ_ERR, type CerrorName } from "../smmu/errors.js";
import {
  consErr,
  consRd,
  ptrInc,
  ptrIndex,
  queueEmpty,
  queueFull,
  withConsErr,
  withConsRd,
} from "../smmu/queue.js";
import { cerrorFor, DEFAULT_VMM_CONFIG, VMM_ACTIONS, type VmmConfig } from "./policy.js";

export interface ForwardRecord {
  readonly entries: number;
  readonly errno: Errno;
  readonly entry_num: number;
}

interface Pending {
  readonly ptr: number;
  readonly words: readonly bigint[];
}

export class VirtualSmmu {
  readonly cfg: VmmConfig;
  readonly forwarded: ForwardRecord[] = [];
  /** Configuration commands the VMM handled itself, and guest SYNC signals. */
  readonly handled: string[] = [];
  private readonly ring: bigint[][];
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
    this.ring = Array.from({ length: 1 << this.cfg.log2size }, () => [0n, 0n]);
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
      this.ring[ptrIndex(this.prod, qs)] = [words[0] ?? 0n, words[1] ?? 0n];
      this.prod = ptrInc(this.prod, qs);
    }
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
      this.ring[ptrIndex(this.cons, this.cfg.log2size)] = smmuv3_cmd.encode("CMD_SYNC");
    }
    this.gerrorn = this.gerror;
    this.consume();
  }

  private consume(): void {
    const qs = this.cfg.log2size;
    let rd = consRd(this.cons);
    const batch: Pending[] = [];
    // Flushes the batch; on failure CONS is already set and consumption must stop.
    const flush = (): boolean => {
      if (batch.length === 0) return true;
      const ok = this.forward(batch);
      batch.length = 0;
      return ok;
    };
    while (!this.cmdqErrActive && !queueEmpty(this.prod, rd, qs)) {
      // Copy the command out of guest memory before looking at it: the guest may rewrite it.
      const words = [...this.ring[ptrIndex(rd, qs)]!];
      const cmd = smmuv3_cmd.decode(words);
      const vetted =
        cmd.fields.SSEC === 1n || (cmd.name === "CMD_SYNC" && cmd.fields.CS === 3n)
          ? "illegal"
          : (VMM_ACTIONS[cmd.name ?? ""] ?? "illegal");
      if (vetted === "forward") {
        batch.push({ ptr: rd, words });
        rd = ptrInc(rd, qs);
        if (!this.cfg.batching && !flush()) return;
        continue;
      }
      if (!flush()) return;
      if (vetted === "illegal") return this.raise(rd, "CERROR_ILL");
      if (vetted === "config") this.handled.push(`${cmd.name} sid=${cmd.fields.SID}`);
      if (vetted === "sync" && (cmd.fields.CS ?? 0n) !== 0n)
        this.handled.push(`CMD_SYNC signal cs=${cmd.fields.CS}`);
      rd = ptrInc(rd, qs);
      this.cons = withConsRd(this.cons, rd);
    }
    flush();
  }

  /** One IOMMU_HWPT_INVALIDATE with the batch as a linear array in the VMM's memory. */
  private forward(batch: readonly Pending[]): boolean {
    const k = this.k;
    const entry = iommu_viommu_arm_smmuv3_invalidate;
    const size = entry.size(k.abi);
    const array = new Uint8Array(size * batch.length);
    batch.forEach((p, i) => entry.encodeInto(array, i * size, { cmd: [...p.words] }, k.abi));
    const arg = k.mem.map(
      iommu_hwpt_invalidate.encode(
        {
          size: iommu_hwpt_invalidate.size(k.abi),
          hwpt_id: this.viommu.id,
          data_uptr: k.mem.map(array),
          data_type: iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
          entry_len: size,
          entry_num: batch.length,
          __reserved: 0,
        },
        k.abi,
      ),
    );
    const errno = iommufdIoctl(k, IOMMU_HWPT_INVALIDATE.number(k.abi), arg);
    const out = iommu_hwpt_invalidate.decode(
      k.mem.read(arg, iommu_hwpt_invalidate.size(k.abi))!,
      k.abi,
    );
    this.forwarded.push({ entries: batch.length, errno, entry_num: out.entry_num });
    if (errno === "OK") {
      this.cons = withConsRd(this.cons, ptrInc(batch[batch.length - 1]!.ptr, this.cfg.log2size));
      return true;
    }
    // entry_num is taken at its word: an entry_num equal to the batch length (everything
    // handled, as the ENOMEM quirk also claims) puts CONS after the batch, on the command that
    // closed it; a larger one is clamped there.
    const last = batch[batch.length - 1]!;
    const blamedPtr =
      this.cfg.consPolicy === "batch_start"
        ? batch[0]!.ptr
        : out.entry_num < batch.length
          ? batch[out.entry_num]!.ptr
          : ptrInc(last.ptr, this.cfg.log2size);
    this.raise(blamedPtr, cerrorFor(this.cfg, errno));
    return false;
  }

  /** CONS on the command, CONS.ERR, then GERROR.CMDQ_ERR (only if not already active). */
  private raise(ptr: number, cerror: CerrorName): void {
    this.cons = withConsErr(withConsRd(this.cons, ptr), CERROR[cerror]);
    if (!this.cmdqErrActive) this.gerror ^= GERROR_CMDQ_ERR;
  }
}
