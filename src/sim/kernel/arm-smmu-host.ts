/**
 * The host arm-smmu-v3 driver's side of the physical command queue
 * (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3.c): `arm_smmu_cmdq_issue_cmdlist` writes a list
 * of commands plus its own CMD_SYNC at PROD, rings the doorbell and polls for the SYNC; the
 * GERROR handler's skip_err overwrites an illegal command with a CMD_SYNC (so the caller never
 * hears of it), leaves CERROR_ABT and CERROR_ATC_INV_SYNC for a retry, and acknowledges.
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import type { Errno } from "../errno.js";
import { CMD_U32, copyToRing, storeWords } from "../smmu/cmd-words.js";
import { CERROR } from "../smmu/errors.js";
import { consErr, consRd, ptrInc, ptrIndex, queueUsed } from "../smmu/queue.js";
import type { SmmuV3 } from "../smmu/smmu.js";

/** Linux's own CMD_SYNC without MSI polling: CS = SIG_SEV, MSH = ISH, MSIAttr = OIWB. */
export const HOST_SYNC = smmuv3_cmd.encode("CMD_SYNC", { CS: 2, MSH: 3, MSIATTR: 0xf });
const HOST_SYNC_U32 = new Uint32Array(CMD_U32);
storeWords(HOST_SYNC_U32, 0, HOST_SYNC);

export interface IssueResult {
  readonly errno: Errno;
  /** Per command given: whether the SMMU executed it (an illegal one turned into a SYNC was not). */
  readonly executed: readonly boolean[];
}

export class ArmSmmuHost {
  /** Commands whose CERROR_ILL skip_err swallowed, for reports. */
  readonly swallowed: bigint[][] = [];
  private scratch = new Uint32Array(0);
  /** The last issue: its first PROD, length, and the SMMU's execCount before and after. */
  private readonly last = { first: 0, n: 0, before: 0, after: 0 };

  constructor(readonly smmu: SmmuV3) {
    smmu.onGerror = () => this.gerrorHandler();
  }

  /** arm_smmu_cmdq_issue_cmdlist(smmu, cmdq, cmds, n, sync = true), commands as 64-bit words. */
  issueCmdlist(cmds: readonly (readonly bigint[])[]): IssueResult {
    if (this.scratch.length < cmds.length * CMD_U32)
      this.scratch = new Uint32Array(cmds.length * CMD_U32);
    cmds.forEach((c, i) => storeWords(this.scratch, i * CMD_U32, c));
    const errno = this.issue(this.scratch, 0, cmds.length);
    return { errno, executed: this.lastExecuted() };
  }

  /** The same, for the `n` commands from command `from` of `cmds`, in 32-bit halves. */
  issue(cmds: Uint32Array, from: number, n: number): Errno {
    const smmu = this.smmu;
    const qs = smmu.log2size;
    if (n + 1 + queueUsed(smmu.cmdqProd, consRd(smmu.cmdqCons), qs) > 1 << qs) {
      throw new Error(`internal: ${n} commands do not fit the host queue of ${1 << qs}`);
    }
    const q = smmu.cmdq;
    const first = smmu.cmdqProd;
    copyToRing(q, qs, ptrIndex(first, qs), cmds, from, n);
    let prod = ptrInc(first, qs, n);
    q.set(HOST_SYNC_U32, ptrIndex(prod, qs) * CMD_U32);
    prod = ptrInc(prod, qs);
    const before = smmu.execCount;
    smmu.writeProd(prod);
    const synced = consRd(smmu.cmdqCons) === prod;
    // What executed is fixed now, before time moves on (elapse below): lastExecuted reads it.
    const last = this.last;
    last.first = first;
    last.n = n;
    last.before = before;
    last.after = smmu.execCount;
    if (synced) return "OK";
    // The SYNC did not complete within ARM_SMMU_POLL_TIMEOUT_US: "CMD_SYNC timeout". Time
    // then moves on and whatever was pending resolves late, after the caller has its answer.
    smmu.elapse();
    return "ETIMEDOUT";
  }

  /**
   * Per command of the last `issue` (ask before the next one): whether the SMMU executed it
   * by the time the driver stopped polling; an illegal one skip_err replaced did not.
   */
  lastExecuted(): boolean[] {
    const { first, n, before, after } = this.last;
    const qs = this.smmu.log2size;
    return Array.from({ length: n }, (_, i) => {
      const stamp = this.smmu.execStamp(ptrIndex(ptrInc(first, qs, i), qs));
      return stamp > before && stamp <= after;
    });
  }

  /** arm_smmu_gerror_handler → __arm_smmu_cmdq_skip_err, then GERRORN := GERROR. */
  private gerrorHandler(): void {
    const cons = this.smmu.cmdqCons;
    const err = consErr(cons);
    if (
      err !== CERROR.CERROR_ABT &&
      err !== CERROR.CERROR_ATC_INV_SYNC &&
      err !== CERROR.CERROR_NONE
    ) {
      const slot = ptrIndex(consRd(cons), this.smmu.log2size);
      this.swallowed.push([...this.smmu.readSlot(slot)]);
      this.smmu.writeSlot(slot, HOST_SYNC);
    }
    this.smmu.writeGerrorn(this.smmu.gerrorReg);
  }
}
