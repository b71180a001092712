/** The simulated kernel: one iommufd context with its objects, user memory, allocator and SMMU. */
import type { Abi } from "../../abi/abis.js";
import { SmmuV3 } from "../smmu/smmu.js";
import type { SmmuConfig } from "../smmu/config.js";
import { UserMemory } from "../user-memory.js";
import { KernelAllocator } from "./alloc.js";
import { ArmSmmuHost } from "./arm-smmu-host.js";
import { ObjectTable } from "./objects.js";
import type { VsmmuRunLog } from "./drivers/arm-vsmmu.js";

/** "v6.8" covers v6.8–v6.12; "v6.13" and "latest" behave alike (drivers/iommu/iommufd/hw_pagetable.c). */
export type KernelLevel = "v6.8" | "v6.13" | "latest";
export const KERNEL_LEVELS: readonly KernelLevel[] = ["v6.8", "v6.13", "latest"];

export class Kernel {
  readonly mem = new UserMemory();
  readonly objects = new ObjectTable();
  readonly alloc = new KernelAllocator();
  readonly smmu: SmmuV3;
  readonly host: ArmSmmuHost;
  /** The host SMMU driver's next stage-2 VMID. */
  nextVmid = 1;
  /** When set, the SMMUv3 vIOMMU path records what happened to each entry (for the contract checker). */
  vsmmuLog: VsmmuRunLog | undefined;

  constructor(
    readonly abi: Abi,
    readonly level: KernelLevel = "latest",
    smmu: Partial<SmmuConfig> = {},
  ) {
    this.smmu = new SmmuV3(smmu);
    this.host = new ArmSmmuHost(this.smmu);
  }
}
