/** The simulated kernel: one iommufd context with its objects, user memory, allocator and SMMU. */
import type { Abi } from "../../abi/abis.js";
import { SmmuV3 } from "../smmu/smmu.js";
import type { SmmuConfig } from "../smmu/config.js";
import { UserMemory, type UserAccess } from "../user-memory.js";
import { KernelAllocator } from "./alloc.js";
import { ArmSmmuHost } from "./arm-smmu-host.js";
import { ObjectTable } from "./objects.js";
import type { VsmmuRunLog } from "./drivers/arm-vsmmu.js";

/** "v6.8" covers v6.8–v6.12; "v6.13" and "latest" behave alike (../shared/reference/iommufd-uapi.md §3.1). */
export type KernelLevel = "v6.8" | "v6.13" | "latest";
export const KERNEL_LEVELS: readonly KernelLevel[] = ["v6.8", "v6.13", "latest"];

/**
 * `M` is the process memory the model copies from and to: the scenarios' simulated memory
 * (the default, which they also map buffers in), or a live process's under `sim exec`, which
 * changes with each call (`mem` is then set per call).
 */
export class Kernel<M extends UserAccess = UserMemory> {
  mem: M;
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
    mem?: M,
  ) {
    this.mem = mem ?? (new UserMemory() as unknown as M);
    this.smmu = new SmmuV3(smmu);
    this.host = new ArmSmmuHost(this.smmu);
  }
}

/** A kernel whose process memory is any implementation: what the model's code takes. */
export type AnyKernel = Kernel<UserAccess>;
