/**
 * IOMMU_HWPT_ALLOC (drivers/iommu/iommufd/hw_pagetable.c) for the mock driver: a paging HWPT
 * on an IOAS, a nested HWPT on a nest-parent paging HWPT or on a vIOMMU, each optionally
 * reporting its page faults to a fault queue. Checks come in the kernel's order; a HWPT whose
 * creation fails gives its ID back.
 */
import type { iommu_hwpt_alloc } from "../../../out/ts/iommufd.js";
import { iommufd_hwpt_alloc_flags, iommu_hwpt_data_type } from "../../../out/ts/iommufd.js";
import type { Errno } from "../errno.js";
import { doAttach } from "./attach.js";
import type { UserData } from "./copy-helpers.js";
import type { AnyKernel } from "./kernel.js";
import { mockDirtyCapable, mockNestedDomain, mockPagingDomain } from "./mock/domain.js";
import type { Device, HwptNested, HwptPaging, Ioas, Viommu } from "./objects.js";
import { respond, type OpResult, type Ucmd } from "./ucmd.js";

const F = iommufd_hwpt_alloc_flags;
const NONE = iommu_hwpt_data_type.IOMMU_HWPT_DATA_NONE;

/** iommufd_hwpt_paging_alloc: allocated, not finalized (the caller does that). */
export function hwptPagingAlloc(
  k: AnyKernel,
  ioas: Ioas,
  dev: Device,
  flags: number,
  immediateAttach: boolean,
  data: UserData | undefined,
): HwptPaging | Errno {
  const valid =
    F.IOMMU_HWPT_ALLOC_NEST_PARENT |
    F.IOMMU_HWPT_ALLOC_DIRTY_TRACKING |
    F.IOMMU_HWPT_FAULT_ID_VALID |
    F.IOMMU_HWPT_ALLOC_PASID;
  if (flags & ~valid) return "EOPNOTSUPP";
  if (flags & F.IOMMU_HWPT_ALLOC_DIRTY_TRACKING && !mockDirtyCapable(dev)) return "EOPNOTSUPP";
  if (flags & F.IOMMU_HWPT_FAULT_ID_VALID && flags & F.IOMMU_HWPT_ALLOC_NEST_PARENT)
    return "EOPNOTSUPP";
  const domain = mockPagingDomain(k, dev, flags & ~F.IOMMU_HWPT_FAULT_ID_VALID, data);
  if (typeof domain === "string") return domain;
  const hwpt = k.objects.alloc<HwptPaging>({
    kind: "hwpt_paging",
    iommu: dev.iommu,
    nestParent: (flags & F.IOMMU_HWPT_ALLOC_NEST_PARENT) !== 0,
    vmid: 0,
    ioas,
    autoDomain: false,
    pasidCompat: (flags & F.IOMMU_HWPT_ALLOC_PASID) !== 0,
    fault: undefined,
    dirtyOps: domain.dirtyOps,
    holds: [ioas],
  });
  if (immediateAttach) {
    const rc = doAttach(k, dev, hwpt);
    if (rc !== "OK") {
      k.objects.abort(hwpt);
      return rc;
    }
  }
  ioas.hwpts.push(hwpt);
  return hwpt;
}

function nestedSpec(k: AnyKernel, dev: Device, iotlb: number[], flags: number, viommu?: Viommu) {
  return {
    kind: "hwpt_nested" as const,
    iommu: dev.iommu,
    iotlb,
    flushes: [],
    ste: [],
    viommu,
    pasidCompat: (flags & F.IOMMU_HWPT_ALLOC_PASID) !== 0,
    fault: undefined,
  };
}

/** iommufd_hwpt_nested_alloc: on a nest-parent paging HWPT. */
function hwptNestedAlloc(
  k: AnyKernel,
  parent: HwptPaging,
  dev: Device,
  flags: number,
  data: UserData,
): HwptNested | Errno {
  if (flags & ~(F.IOMMU_HWPT_FAULT_ID_VALID | F.IOMMU_HWPT_ALLOC_PASID) || !data.len)
    return "EOPNOTSUPP";
  if (parent.autoDomain || !parent.nestParent || parent.iommu !== dev.iommu) return "EINVAL";
  const iotlb = mockNestedDomain(k, flags & ~F.IOMMU_HWPT_FAULT_ID_VALID, data);
  if (typeof iotlb === "string") return iotlb;
  return k.objects.alloc<HwptNested>({ ...nestedSpec(k, dev, iotlb, flags), holds: [parent] });
}

/** iommufd_viommu_alloc_hwpt_nested: on a vIOMMU (its parent is the vIOMMU's HWPT). */
function viommuNestedAlloc(
  k: AnyKernel,
  viommu: Viommu,
  dev: Device,
  flags: number,
  data: UserData,
): HwptNested | Errno {
  if (flags & ~(F.IOMMU_HWPT_FAULT_ID_VALID | F.IOMMU_HWPT_ALLOC_PASID)) return "EOPNOTSUPP";
  if (!data.len) return "EOPNOTSUPP";
  const iotlb = mockNestedDomain(k, flags & ~F.IOMMU_HWPT_FAULT_ID_VALID, data);
  if (typeof iotlb === "string") return iotlb;
  return k.objects.alloc<HwptNested>({
    ...nestedSpec(k, dev, iotlb, flags, viommu),
    holds: [viommu],
  });
}

export function hwptAlloc(u: Ucmd<iommu_hwpt_alloc>): OpResult {
  const { k, cmd } = u;
  if (cmd.__reserved) return "EOPNOTSUPP";
  if ((cmd.data_type === NONE) !== (cmd.data_len === 0)) return "EINVAL";
  const dev = k.objects.find(cmd.dev_id, "device");
  if (typeof dev === "string") return dev;
  const pt = k.objects.get(cmd.pt_id);
  if (!pt) return "EINVAL";
  const data: UserData = { type: cmd.data_type, uptr: cmd.data_uptr, len: cmd.data_len };
  let hwpt: HwptPaging | HwptNested | Errno;
  if (pt.kind === "ioas")
    hwpt = hwptPagingAlloc(k, pt, dev, cmd.flags, false, data.len ? data : undefined);
  else if (pt.kind === "hwpt_paging") hwpt = hwptNestedAlloc(k, pt, dev, cmd.flags, data);
  else if (pt.kind === "viommu")
    hwpt = pt.iommu !== dev.iommu ? "EINVAL" : viommuNestedAlloc(k, pt, dev, cmd.flags, data);
  else return "EINVAL";
  if (typeof hwpt === "string") return hwpt;
  if (cmd.flags & F.IOMMU_HWPT_FAULT_ID_VALID) {
    const fault = k.objects.find(cmd.fault_id, "fault");
    if (typeof fault === "string") {
      k.objects.abort(hwpt);
      return fault;
    }
    hwpt.fault = fault;
    k.objects.hold(fault);
  }
  cmd.out_hwpt_id = hwpt.id;
  const rc = respond(u);
  if (rc !== "OK") {
    k.objects.abort(hwpt);
    return rc;
  }
  k.objects.finalize(hwpt);
  return "OK";
}
