/**
 * The SMMUv3 vIOMMU driver loop the unmerged designs (b)–(e) and the corrected (a) share:
 * convert in order, issue in batches of CMDQ_BATCH_ENTRIES − 1 plus a SYNC, and, unlike the
 * merged driver (kernel/drivers/arm-vsmmu.ts), issue the converted commands of the pending
 * batch before reporting a conversion failure, so "handled" means "executed". On an issue
 * failure every command of the batch reached the hardware, so the batch end is handled and
 * the failure is the batch's (as CONS stays on the CMD_SYNC for CERROR_ATC_INV_SYNC).
 */
import type { Errno } from "../errno.js";
import { convertUserCmd } from "../kernel/drivers/arm-vsmmu.js";
import type { Kernel } from "../kernel/kernel.js";
import type { Viommu } from "../kernel/objects.js";
import type { CerrorName } from "../smmu/errors.js";

export type EngineFailure =
  | { readonly kind: "convert"; readonly index: number }
  | {
      readonly kind: "issue";
      readonly start: number;
      readonly end: number;
      readonly cerror: CerrorName;
    };

export interface EngineResult {
  readonly errno: Errno;
  /** Entries executed in order before the loop stopped: the sound entry_num. */
  readonly handled: number;
  readonly failure: EngineFailure | undefined;
}

export function runFixedVsmmu(
  k: Kernel,
  viommu: Viommu,
  cmds: readonly (readonly bigint[])[],
): EngineResult {
  const batchMax = k.smmu.cfg.batch - 1;
  let pending: { index: number; words: bigint[] }[] = [];
  const issue = (): EngineResult | undefined => {
    if (pending.length === 0) return undefined;
    const start = pending[0]!.index;
    const end = start + pending.length;
    const r = k.host.issueCmdlist(pending.map((p) => p.words));
    r.executed.forEach((x, i) => {
      if (k.vsmmuLog) {
        k.vsmmuLog.issued[start + i] = true;
        k.vsmmuLog.executed[start + i] = x;
      }
    });
    pending = [];
    if (r.errno === "OK") return undefined;
    // CERROR_ATC_INV_SYNC whether the SMMU raised it or the SYNC just timed out: a completion
    // failure is the only code a guest SMMU has for either.
    return {
      errno: r.errno,
      handled: end,
      failure: { kind: "issue", start, end, cerror: "CERROR_ATC_INV_SYNC" },
    };
  };
  for (let i = 0; i < cmds.length; i++) {
    const converted = convertUserCmd(viommu, cmds[i]!);
    if (converted === "EIO")
      return issue() ?? { errno: "EIO", handled: i, failure: { kind: "convert", index: i } };
    pending.push({ index: i, words: converted });
    if (pending.length === batchMax) {
      const failed = issue();
      if (failed) return failed;
    }
  }
  return issue() ?? { errno: "OK", handled: cmds.length, failure: undefined };
}
