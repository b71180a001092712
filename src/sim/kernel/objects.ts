/**
 * The iommufd objects, by kind. Each counts its users (objects and files holding it; the
 * kernel's count minus the ID table's own reference) and lists what it holds from its
 * creation; attachments and files hold and drop references as they come and go
 * (object-table.ts does the accounting and IOMMU_DESTROY).
 */
import type { VdevTable } from "./vdev-table.js";

export { VdevTable } from "./vdev-table.js";
export { ObjectTable } from "./object-table.js";

/** A device behind one of the three IOMMUs the simulator models. */
export type DeviceIommu = "mock" | "smmu" | "vtd";

export interface Base {
  id: number;
  /** Holders of a reference on this one: objects, attachments, open files. */
  users: number;
  /** Objects this one holds a reference on from its creation, released when it is destroyed. */
  readonly holds: readonly KernelObject[];
}

export interface Ioas extends Base {
  readonly kind: "ioas";
  /** The paging HWPTs built on it, in creation order (hwpt_list). */
  readonly hwpts: HwptPaging[];
  /** IOMMU_OPTION_HUGE_PAGES (on unless turned off). */
  largePages?: boolean;
}

/** The selftest mock device behind an iommufd_device (drivers/iommu/iommufd/selftest.c). */
export interface MockDev {
  readonly flags: number;
  /** The vIOMMU of the nested domain it is attached to, and its vDEVICE ID there. */
  viommu: Viommu | undefined;
  vdevId: bigint;
}

export interface Device extends Base {
  readonly kind: "device";
  readonly iommu: DeviceIommu;
  /** Physical StreamID (SMMUv3 devices). */
  readonly sid: number;
  readonly ats: boolean;
  /** The 4 cache slots of a selftest mock device. */
  readonly cache: number[];
  /** The page table it is attached to (no PASID), if any. */
  attached: Hwpt | undefined;
  /** Its vDEVICE (at most one). */
  vdev: Vdevice | undefined;
  readonly mock: MockDev | undefined;
}

/** The selftest object of IOMMU_TEST_OP_MOCK_DOMAIN: destroying it unbinds its device. */
export interface Selftest extends Base {
  readonly kind: "selftest";
  /** Set once the device is bound, right after the object's ID is taken. */
  idev: Device;
}

export interface HwptPaging extends Base {
  readonly kind: "hwpt_paging";
  readonly iommu: DeviceIommu;
  readonly nestParent: boolean;
  /** The stage-2 VMID the host SMMU driver allocated for this domain (SMMUv3 nest parents). */
  readonly vmid: number;
  readonly ioas: Ioas | undefined;
  /** Made by attaching a device to an IOAS; destroyed when its last device goes. */
  autoDomain: boolean;
  readonly pasidCompat: boolean;
  fault: FaultQueue | undefined;
  /** Has dirty-tracking ops (IOMMU_HWPT_ALLOC_DIRTY_TRACKING), and whether tracking is on. */
  readonly dirtyOps: boolean;
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
  /** The vIOMMU it was allocated on, if any (its parent is then the vIOMMU's HWPT). */
  readonly viommu: Viommu | undefined;
  readonly pasidCompat: boolean;
  fault: FaultQueue | undefined;
}

export type Hwpt = HwptPaging | HwptNested;

export interface Viommu extends Base {
  readonly kind: "viommu";
  readonly iommu: "mock" | "smmu";
  readonly vmid: number;
  /** False for a driver whose vIOMMU ops have no cache_invalidate (the core answers EOPNOTSUPP). */
  readonly invalidateOp: boolean;
  /** virt_id → vDEVICE. */
  readonly vdevs: VdevTable;
  /** Its vEVENTQs, at most one per type. */
  readonly veventqs: Veventq[];
  /** The offset of the page it offers to mmap, if any (the mock's, with data). */
  mmapOffset?: bigint;
}

export interface Vdevice extends Base {
  readonly kind: "vdevice";
  readonly viommu: Viommu;
  readonly dev: Device;
  readonly virtId: bigint;
}

/** A page request group a device raised, as the fault queue keeps it. */
export interface FaultGroup {
  readonly dev: Device;
  readonly flags: number;
  readonly pasid: number;
  readonly grpid: number;
  readonly perm: number;
  readonly addr: bigint;
  cookie: number;
}

/** IOMMU_FAULT_QUEUE_ALLOC: faults to deliver, and those read and awaiting a response. */
export interface FaultQueue extends Base {
  readonly kind: "fault";
  readonly deliver: FaultGroup[];
  readonly response: Map<number, FaultGroup>;
}

/** One queued vIOMMU event; `lost` is the lost-events header, data empty. */
export interface Vevent {
  readonly lost: boolean;
  sequence: number;
  readonly data: Uint8Array;
}

/** IOMMU_VEVENTQ_ALLOC: at most `depth` events, then a lost-events header. */
export interface Veventq extends Base {
  readonly kind: "veventq";
  readonly viommu: Viommu;
  readonly type: number;
  readonly depth: number;
  numEvents: number;
  sequence: number;
  readonly deliver: Vevent[];
}

export type KernelObject =
  Ioas | Device | Selftest | HwptPaging | HwptNested | Viommu | Vdevice | FaultQueue | Veventq;
export type ObjectKind = KernelObject["kind"];
export type ObjectOfKind<K extends ObjectKind> = Extract<KernelObject, { kind: K }>;
