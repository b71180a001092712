/**
 * The host arm-smmu-v3 driver's side of the physical command queue
 * (../shared/reference/smmuv3.md §2.5 and §4.3): `arm_smmu_cmdq_issue_cmdlist` writes a list
 * of commands plus its own CMD_SYNC at PROD, rings the doorbell and polls for the SYNC; the
 * GERROR handler's skip_err overwrites an illegal command with a CMD_SYNC (so the caller never
 * hears of it), leaves CERROR_ABT and CERROR_ATC_INV_SYNC for a retry, and acknowledges.
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import type { Errno } from "../errno.js";
import { CERROR } from "../smmu/errors.js";
import { consErr, consRd, ptrInc, ptrIndex, queueUsed } from "../smmu/queue.js";
import type { SmmuV3 } from "../smmu/smmu.js";

/** Linux's own CMD_SYNC without MSI polling: CS = SIG_SEV, MSH = ISH, MSIAttr = OIWB. */
export const HOST_SYNC = smmuv3_cmd.encode("CMD_SYNC", { CS: 2, MSH: 3, MSIATTR: 0xf });

export interface IssueResult {
  readonly errno: Errno;
  /** Per command given: whether the SMMU executed it (an illegal one turned into a SYNC was not). */
  readonly executed: readonly boolean[];
}

export class ArmSmmuHost {
  /** Commands whose CERROR_ILL skip_err swallowed, for reports. */
  readonly swallowed: bigint[][] = [];

  constructor(readonly smmu: SmmuV3) {
    smmu.onGerror = () => this.gerrorHandler();
  }

  /** arm_smmu_cmdq_issue_cmdlist(smmu, cmdq, cmds, n, sync = true). */
  issueCmdlist(cmds: readonly (readonly bigint[])[]): IssueResult {
    const qs = this.smmu.log2size;
    if (cmds.length + 1 + queueUsed(this.smmu.cmdqProd, consRd(this.smmu.cmdqCons), qs) > 1 << qs) {
      throw new Error(`internal: ${cmds.length} commands do not fit the host queue of ${1 << qs}`);
    }
    const slots: number[] = [];
    let prod = this.smmu.cmdqProd;
    for (const words of [...cmds, HOST_SYNC]) {
      slots.push(ptrIndex(prod, qs));
      this.smmu.writeSlot(ptrIndex(prod, qs), words);
      prod = ptrInc(prod, qs);
    }
    const traceStart = this.smmu.trace.length;
    this.smmu.writeProd(prod);
    const synced = consRd(this.smmu.cmdqCons) === prod;
    const executed = this.executedSince(traceStart, slots.slice(0, -1));
    if (synced) return { errno: "OK", executed };
    // The SYNC did not complete within ARM_SMMU_POLL_TIMEOUT_US: "CMD_SYNC timeout". Time
    // then moves on and whatever was pending resolves late, after the caller has its answer.
    this.smmu.elapse();
    return { errno: "ETIMEDOUT", executed };
  }

  private executedSince(from: number, slots: readonly number[]): boolean[] {
    const done = new Set<number>();
    for (const e of this.smmu.trace.slice(from))
      if (e.event === "cmdq_exec" && e.op !== "CMD_SYNC") done.add(e.slot);
    return slots.map((s) => done.has(s));
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
