/**
 * The iommufd object model: IDs handed out from 1 in creation order, objects that hold
 * references on the objects they were built on, and IOMMU_DESTROY with iommufd's answers
 * (ENOENT for a missing ID, EBUSY while other objects still use it).
 */
import type { Errno } from "../errno.js";

/** A device behind one of the three IOMMUs the simulator models. */
export type DeviceIommu = "mock" | "smmu" | "vtd";

interface Base {
  id: number;
  /** Objects that hold a reference on this one. */
  users: number;
  /** Objects this one holds a reference on, released when it is destroyed. */
  readonly holds: readonly KernelObject[];
}

export interface Ioas extends Base {
  readonly kind: "ioas";
}

export interface Device extends Base {
  readonly kind: "device";
  readonly iommu: DeviceIommu;
  /** Physical StreamID (SMMUv3 devices). */
  readonly sid: number;
  readonly ats: boolean;
  /** The 4 cache slots of a selftest mock device. */
  readonly cache: number[];
}

export interface HwptPaging extends Base {
  readonly kind: "hwpt_paging";
  readonly iommu: DeviceIommu;
  readonly nestParent: boolean;
  /** The stage-2 VMID the host SMMU driver allocated for this domain (SMMUv3 nest parents). */
  readonly vmid: number;
}

export interface HwptNested extends Base {
  readonly kind: "hwpt_nested";
  readonly iommu: DeviceIommu;
  /** The 4 mock IOTLB slots (selftest). */
  readonly iotlb: number[];
  /** Ranges the VT-d cache-tag flush was asked for, in order (VT-d). */
  readonly flushes: string[];
  /** The guest STE words (SMMUv3), which select the stage-1 context. */
  readonly ste: readonly bigint[];
}

export interface Viommu extends Base {
  readonly kind: "viommu";
  readonly iommu: "mock" | "smmu";
  readonly vmid: number;
  /** False for a driver whose vIOMMU ops have no cache_invalidate (the core answers EOPNOTSUPP). */
  readonly invalidateOp: boolean;
  /** virt_id → vDEVICE. */
  readonly vdevs: VdevTable;
}

export interface Vdevice extends Base {
  readonly kind: "vdevice";
  readonly viommu: Viommu;
  readonly dev: Device;
  readonly virtId: bigint;
}

export type KernelObject = Ioas | Device | HwptPaging | HwptNested | Viommu | Vdevice;
export type ObjectKind = KernelObject["kind"];

const SMALL_IDS = 4096;

/**
 * A vIOMMU's vDEVICEs by virt_id (64 bits), also indexed by number for the IDs a 32-bit
 * command field can name (a vSID), so a driver looks one up per command without a bigint:
 * small IDs (the usual vSIDs) in an array, the others in a map.
 */
export class VdevTable {
  private readonly byId = new Map<bigint, Vdevice>();
  private readonly small: (Vdevice | undefined)[] = [];
  private readonly byU32 = new Map<number, Vdevice>();

  get size(): number {
    return this.byId.size;
  }
  has(id: bigint): boolean {
    return this.byId.has(id);
  }
  get(id: bigint): Vdevice | undefined {
    return this.byId.get(id);
  }
  /** The vDEVICE whose virt_id is the 32-bit value `id`. */
  getU32(id: number): Vdevice | undefined {
    return id < SMALL_IDS ? this.small[id] : this.byU32.get(id);
  }
  set(id: bigint, v: Vdevice): void {
    this.byId.set(id, v);
    this.setU32(id, v);
  }
  delete(id: bigint): void {
    this.byId.delete(id);
    this.setU32(id, undefined);
  }

  private setU32(id: bigint, v: Vdevice | undefined): void {
    if (id >> 32n !== 0n) return;
    const n = Number(id);
    if (n >= SMALL_IDS) {
      if (v) this.byU32.set(n, v);
      else this.byU32.delete(n);
      return;
    }
    // Filled up to the index first, so the array stays dense (fast elements).
    while (this.small.length <= n) this.small.push(undefined);
    this.small[n] = v;
  }
}

type Unbuilt<T extends KernelObject> = Omit<T, "id" | "users">;

export class ObjectTable {
  private readonly byId = new Map<number, KernelObject>();
  private nextId = 1;

  add<T extends KernelObject>(spec: Unbuilt<T>): T {
    const obj = { ...spec, id: this.nextId++, users: 0 } as unknown as T;
    for (const h of obj.holds) h.users++;
    this.byId.set(obj.id, obj);
    return obj;
  }

  get(id: number): KernelObject | undefined {
    return this.byId.get(id);
  }

  all(): KernelObject[] {
    return [...this.byId.values()];
  }

  /**
   * The file's release: destroys every object, each once nothing else uses it (leaves first,
   * as iommufd_fops_release repeats over the objects until none is left).
   */
  releaseAll(): void {
    while (this.byId.size) {
      let destroyed = 0;
      for (const obj of [...this.byId.values()])
        if (obj.users === 0) {
          this.byId.delete(obj.id);
          for (const h of obj.holds) h.users--;
          if (obj.kind === "vdevice") obj.viommu.vdevs.delete(obj.virtId);
          destroyed++;
        }
      if (!destroyed) throw new Error("internal: a reference cycle among iommufd objects");
    }
  }

  /**
   * IOMMU_DESTROY. Devices are bound by their VFIO driver, which holds them, so destroying
   * one by ID is refused with EBUSY (a modelling choice; the reference does not cover it).
   */
  destroy(id: number): Errno {
    const obj = this.byId.get(id);
    if (!obj) return "ENOENT";
    if (obj.users > 0 || obj.kind === "device") return "EBUSY";
    this.byId.delete(id);
    for (const h of obj.holds) h.users--;
    if (obj.kind === "vdevice") obj.viommu.vdevs.delete(obj.virtId);
    return "OK";
  }
}
