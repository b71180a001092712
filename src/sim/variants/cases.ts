/**
 * The runs every design is checked on: a fresh SMMUv3 system per run (a device with
 * StreamID 0x100 and ATS, a nest-parent HWPT, a vIOMMU, and a vDEVICE with vSID 0x10), a
 * list of guest commands, and a fault to arm.
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import { getAbi } from "../../abi/abis.js";
import {
  createDevice,
  createHwptPaging,
  createIoas,
  createVdevice,
  createViommu,
  isRefusal,
} from "../kernel/create.js";
import { Kernel } from "../kernel/kernel.js";
import type { Viommu } from "../kernel/objects.js";
import type { CerrorName } from "../smmu/errors.js";
import { iommu_viommu_type } from "../../../out/ts/iommufd.js";

export const CASE_SID = 0x100;
export const CASE_VSID = 0x10;

export interface ContractCase {
  readonly id: string;
  readonly title: string;
  readonly commands: readonly (readonly bigint[])[];
  readonly arm?: (k: Kernel) => void;
  /** The code a guest SMMU would have raised, or undefined when there is none (ENOMEM). */
  readonly expectedCode: CerrorName | undefined;
  /** A failure inside the host driver that no uAPI design can report: shown as a finding, kept out of the table. */
  readonly hostSide?: boolean;
}

const tlbi = (i: number): bigint[] =>
  smmuv3_cmd.encode("TLBI_NH_VA", { ASID: i & 0xffff, ADDR: BigInt(i + 1) });
const run = (n: number, at: Record<number, bigint[]> = {}): bigint[][] =>
  Array.from({ length: n }, (_, i) => at[i] ?? tlbi(i));
const unsupported = smmuv3_cmd.encode("CFGI_STE", { SID: CASE_VSID });

export const CONTRACT_CASES: readonly ContractCase[] = [
  {
    id: "ok",
    title: "70 valid commands (two batches)",
    commands: run(70),
    expectedCode: "CERROR_NONE",
  },
  {
    id: "eio-late",
    title: "unsupported command at 100 of 110 (63 issued before it)",
    commands: run(110, { 100: unsupported }),
    expectedCode: "CERROR_ILL",
  },
  {
    id: "eio-early",
    title: "unsupported command at 10 of 20 (nothing issued yet)",
    commands: run(20, { 10: unsupported }),
    expectedCode: "CERROR_ILL",
  },
  {
    id: "sync-timeout",
    title: "CMD_SYNC timeout on the first batch of 70",
    commands: run(70),
    arm: (k) => k.smmu.armSyncTimeout(),
    expectedCode: "CERROR_ATC_INV_SYNC",
  },
  {
    id: "atc-timeout",
    title: "ATC invalidation timeout at 3 of 10",
    commands: run(10, { 3: smmuv3_cmd.encode("ATC_INV", { SID: CASE_VSID, SIZE: 52 }) }),
    arm: (k) => k.smmu.armAtcTimeout(CASE_SID),
    expectedCode: "CERROR_ATC_INV_SYNC",
  },
  {
    id: "host-ill",
    title: "CFGI_CD with SSec=1 at 7 of 10: the host's skip_err swallows the CERROR_ILL",
    // The kernel does not vet SSec; the physical SMMU raises CERROR_ILL and the host's GERROR
    // handler overwrites the command with a CMD_SYNC before any driver can see it.
    commands: run(10, { 7: smmuv3_cmd.encode("CFGI_CD", { SID: CASE_VSID, SSEC: 1 }) }),
    expectedCode: "CERROR_ILL",
    hostSide: true,
  },
  {
    id: "nomem",
    title: "kernel allocation failure",
    commands: run(5),
    arm: (k) => k.alloc.failNextAllocation(),
    expectedCode: undefined,
  },
];

/** A fresh kernel with one SMMUv3 vIOMMU and one vDEVICE. */
export function caseSystem(): { k: Kernel; viommu: Viommu } {
  const k = new Kernel(getAbi("x86_64"), "latest");
  const ioas = createIoas(k);
  const dev = createDevice(k, "smmu", { sid: CASE_SID, ats: true });
  const s2 = createHwptPaging(k, ioas, dev, true);
  const viommu = createViommu(
    k,
    iommu_viommu_type.IOMMU_VIOMMU_TYPE_ARM_SMMUV3,
    s2,
    dev,
    undefined,
  );
  if (isRefusal(viommu)) throw new Error(`internal: ${viommu.refused}`);
  const vdev = createVdevice(k, viommu, dev, BigInt(CASE_VSID));
  if (isRefusal(vdev)) throw new Error(`internal: ${vdev.refused}`);
  return { k, viommu };
}
