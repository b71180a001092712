/**
 * How the VMM treats each guest command (as QEMU's SMMUv3 emulation does, docs/sim.md) and how it
 * maps a failed ioctl back onto the guest queue.
 */
import type { Errno } from "../errno.js";
import type { CerrorName } from "../smmu/errors.js";

/** forward: batched into IOMMU_HWPT_INVALIDATE; sync: closes a batch; config: the VMM's own; ignore: consumed. */
export type VmmAction = "forward" | "sync" | "config" | "ignore" | "illegal";

/** Per command of the shared set; an opcode missing here (reserved, Secure, EL2/EL3, S2, PRI, stalls) is illegal for this guest. */
export const VMM_ACTIONS: Readonly<Record<string, VmmAction>> = {
  TLBI_NH_ALL: "forward",
  TLBI_NH_ASID: "forward",
  TLBI_NH_VA: "forward",
  TLBI_NH_VAA: "forward",
  TLBI_NSNH_ALL: "forward",
  ATC_INV: "forward",
  CFGI_CD: "forward",
  CFGI_CD_ALL: "forward",
  CMD_SYNC: "sync",
  // The VMM reinstalls the nested HWPT of the STE itself (QEMU accel, cloud-hypervisor).
  CFGI_STE: "config",
  CFGI_STE_RANGE: "config",
  PREFETCH_CONFIG: "ignore",
  PREFETCH_ADDR: "ignore",
};

/**
 * Where CONS goes after a failed batch: `blamed` puts it on the entry the kernel blamed
 * (entry_num), `batch_start` on the batch's first command (conservative: re-run it all).
 */
export type ConsPolicy = "blamed" | "batch_start";

export interface VmmConfig {
  readonly log2size: number;
  readonly errnoMap: Readonly<Partial<Record<Errno, CerrorName>>>;
  /** false: one command per ioctl, as QEMU upstream does. */
  readonly batching: boolean;
  readonly consPolicy: ConsPolicy;
}

export const DEFAULT_VMM_CONFIG: VmmConfig = {
  log2size: 8,
  errnoMap: { EIO: "CERROR_ILL", ETIMEDOUT: "CERROR_ATC_INV_SYNC" },
  batching: true,
  consPolicy: "blamed",
};

export function cerrorFor(cfg: VmmConfig, errno: Errno): CerrorName {
  return cfg.errnoMap[errno] ?? "CERROR_ILL";
}
