/** The simulated kernel: one iommufd context with its objects, user memory, allocator and SMMU. */
import type { Abi } from "../../abi/abis.js";
import { SmmuV3 } from "../smmu/smmu.js";
import type { SmmuConfig } from "../smmu/config.js";
import { UserMemory, type UserAccess } from "../user-memory.js";
import { KernelAllocator } from "./alloc.js";
import { ArmSmmuHost } from "./arm-smmu-host.js";
import { ObjectTable } from "./objects.js";
import type { VsmmuRunLog } from "./drivers/arm-vsmmu.js";
import { destroyHook } from "./destroy.js";
import type { Ioas, KernelObject } from "./objects.js";
import type { MmapRegion } from "./mmap.js";
import type { FileOwner } from "./eventq.js";
import type { Errno } from "../errno.js";

/** What one iommufd file keeps besides its objects (struct iommufd_ctx). */
export interface IommufdContext {
  /** How pinned pages are accounted (IOMMU_OPTION_RLIMIT_MODE). */
  accountMode: "none" | "user" | "mm";
  /** The IOAS of the VFIO compatibility layer (IOMMU_VFIO_IOAS). */
  vfioIoas: Ioas | undefined;
  /** Regions drivers offer to mmap, by offset (mt_mmap), and the live mappings of them. */
  readonly mmaps: Map<bigint, MmapRegion>;
  readonly mappings: Map<number, KernelObject>;
  nextMapping: number;
}

/**
 * State of the selftest mock driver shared by every iommufd file (module globals of
 * selftest.c), and what the simulator reports about paths it does not model.
 */
export class Machine {
  /** iommufd_test_memory_limit (IOMMU_TEST_OP_SET_TEMP_MEMORY_LIMIT); 65536 by default. */
  memoryLimit = 65536;
  /** The host's page size (sim exec: the program's). */
  pageSize = 4096;
  /** Paths reached that the simulator does not model, once each. */
  readonly notModelled = new Set<string>();
  /** The last one reached (the trace takes it: which call stopped there). */
  lastNotModelled: string | undefined;
  /** Told of each such path when first reached (sim exec prints it). */
  onNotModelled: (what: string) => void = () => {};
}

/** "v6.8" covers v6.8–v6.12; "v6.13" and "latest" behave alike (drivers/iommu/iommufd/hw_pagetable.c). */
export type KernelLevel = "v6.8" | "v6.13" | "latest";
export const KERNEL_LEVELS: readonly KernelLevel[] = ["v6.8", "v6.13", "latest"];

/**
 * `M` is the process memory the model copies from and to: the scenarios' simulated memory
 * (the default, which they also map buffers in), or a live process's under `sim exec`, which
 * changes with each call (`mem` is then set per call).
 */
export class Kernel<M extends UserAccess = UserMemory> {
  mem: M;
  readonly objects: ObjectTable = new ObjectTable((obj) => destroyHook(this, obj));
  readonly alloc = new KernelAllocator();
  readonly smmu: SmmuV3;
  readonly host: ArmSmmuHost;
  /** The host SMMU driver's next stage-2 VMID. */
  nextVmid = 1;
  /** When set, the SMMUv3 vIOMMU path records what happened to each entry (for the contract checker). */
  vsmmuLog: VsmmuRunLog | undefined;
  readonly ctx: IommufdContext = {
    accountMode: "none",
    vfioIoas: undefined,
    mmaps: new Map(),
    mappings: new Map(),
    nextMapping: 1,
  };
  /** The iommufd file this context belongs to: event queue files keep it open. */
  fileOwner: FileOwner | undefined;

  constructor(
    readonly abi: Abi,
    readonly level: KernelLevel = "latest",
    smmu: Partial<SmmuConfig> = {},
    mem?: M,
    readonly machine: Machine = new Machine(),
  ) {
    this.mem = mem ?? (new UserMemory() as unknown as M);
    this.smmu = new SmmuV3(smmu);
    this.host = new ArmSmmuHost(this.smmu);
  }

  /** A path the model stops at: reported once, answered EOPNOTSUPP. */
  notModelled(what: string): Errno {
    this.machine.lastNotModelled = what;
    if (!this.machine.notModelled.has(what)) {
      this.machine.notModelled.add(what);
      this.machine.onNotModelled(what);
    }
    return "EOPNOTSUPP";
  }
}

/** A kernel whose process memory is any implementation: what the model's code takes. */
export type AnyKernel = Kernel<UserAccess>;
