/**
 * The selftest mock IOMMU driver's domain ops (drivers/iommu/iommufd/selftest.c): paging
 * domains (flags, the optional iommu_hwpt_selftest data, dirty tracking), nested domains
 * (their IOTLB slots filled from the data), and the attach op, which refuses a dirty-tracking
 * domain for a device without dirty tracking and a vIOMMU's nested domain for a device that
 * has no vDEVICE on that vIOMMU.
 */
import { iommufd_hwpt_alloc_flags, iommu_hwpt_data_type } from "../../../../out/ts/iommufd.js";
import {
  iommu_hwpt_selftest,
  iommu_hwpt_selftest_data_type,
  mock_device_flags,
  mock_iommupt_type,
  MOCK_NESTED_DOMAIN_IOTLB_NUM,
} from "../../../../out/ts/iommufd_test.js";
import type { Errno } from "../../errno.js";
import { copyUserData, type UserData } from "../copy-helpers.js";
import type { AnyKernel } from "../kernel.js";
import type { Device, Hwpt } from "../objects.js";

const F = iommufd_hwpt_alloc_flags;
const SELFTEST = iommu_hwpt_selftest_data_type.IOMMU_HWPT_DATA_SELFTEST;
const NO_DIRTY = mock_device_flags.MOCK_FLAGS_DEVICE_NO_DIRTY;

/** The mock's IOMMU_CAP_DIRTY_TRACKING. */
export function mockDirtyCapable(dev: Device): boolean {
  return ((dev.mock?.flags ?? 0) & NO_DIRTY) === 0;
}

/** mock_domain_alloc_paging_flags: whether the domain can be made, and with dirty ops. */
export function mockPagingDomain(
  k: AnyKernel,
  dev: Device,
  flags: number,
  data: UserData | undefined,
): { dirtyOps: boolean } | Errno {
  const PAGING =
    F.IOMMU_HWPT_ALLOC_DIRTY_TRACKING | F.IOMMU_HWPT_ALLOC_NEST_PARENT | F.IOMMU_HWPT_ALLOC_PASID;
  const dirty = (flags & F.IOMMU_HWPT_ALLOC_DIRTY_TRACKING) !== 0;
  if (flags & ~PAGING || (dirty && !mockDirtyCapable(dev))) return "EOPNOTSUPP";
  if (data && data.type !== SELFTEST && data.type !== iommu_hwpt_data_type.IOMMU_HWPT_DATA_NONE)
    return "EOPNOTSUPP";
  let pagetable = mock_iommupt_type.MOCK_IOMMUPT_DEFAULT as number;
  if (data) {
    const copied = copyUserData(k.mem, k.abi, iommu_hwpt_selftest, data, SELFTEST, "iotlb");
    if (!("value" in copied)) return copied.errno;
    pagetable = copied.value.pagetable_type;
  }
  if (
    pagetable !== mock_iommupt_type.MOCK_IOMMUPT_DEFAULT &&
    pagetable !== mock_iommupt_type.MOCK_IOMMUPT_HUGE
  )
    return "EOPNOTSUPP";
  return { dirtyOps: dirty };
}

/** __mock_domain_alloc_nested: the IOTLB slots of the new nested domain. */
export function mockNestedDomain(k: AnyKernel, flags: number, data: UserData): number[] | Errno {
  if (flags & ~F.IOMMU_HWPT_ALLOC_PASID) return "EOPNOTSUPP";
  if (data.type !== SELFTEST) return "EOPNOTSUPP";
  const copied = copyUserData(k.mem, k.abi, iommu_hwpt_selftest, data, SELFTEST, "iotlb");
  if (!("value" in copied)) return copied.errno;
  return Array.from({ length: MOCK_NESTED_DOMAIN_IOTLB_NUM }, () => copied.value.iotlb);
}

/** mock_domain_nop_attach: `hwpt` undefined is the blocking domain (a detach). */
export function mockAttach(dev: Device, hwpt: Hwpt | undefined): Errno {
  const mock = dev.mock;
  if (!mock) return "OK";
  if (hwpt?.kind === "hwpt_paging" && hwpt.dirtyOps && mock.flags & NO_DIRTY) return "EINVAL";
  let viommu;
  let vdevId = 0n;
  if (hwpt?.kind === "hwpt_nested" && hwpt.viommu) {
    // iommufd_viommu_get_vdev_id: the device needs a vDEVICE on that vIOMMU.
    if (dev.vdev?.viommu !== hwpt.viommu) return "ENOENT";
    viommu = hwpt.viommu;
    vdevId = dev.vdev.virtId;
  }
  mock.viommu = viommu;
  mock.vdevId = vdevId;
  return "OK";
}
