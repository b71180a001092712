/**
 * Driver ops per IOMMU, as the core sees them: a nested HWPT's cache_invalidate_user and a
 * vIOMMU's cache_invalidate. SMMUv3 nested HWPTs have no op of their own (their invalidations
 * go through the vIOMMU), so the core answers EOPNOTSUPP for them.
 */
import type { Errno } from "../../errno.js";
import type { UserDataArray } from "../copy-helpers.js";
import type { AnyKernel } from "../kernel.js";
import type { DeviceIommu, HwptNested, Viommu } from "../objects.js";
import { armVsmmuCacheInvalidate } from "./arm-vsmmu.js";
import { mockNestedCacheInvalidateUser, mockViommuCacheInvalidate } from "./mock.js";
import { vtdNestedCacheInvalidateUser } from "./vtd.js";

export interface NestedDomainOps {
  readonly cacheInvalidateUser?: (k: AnyKernel, hwpt: HwptNested, array: UserDataArray) => Errno;
}

export interface ViommuOps {
  readonly cacheInvalidate?: (k: AnyKernel, viommu: Viommu, array: UserDataArray) => Errno;
}

export const NESTED_DOMAIN_OPS: Readonly<Record<DeviceIommu, NestedDomainOps>> = {
  mock: { cacheInvalidateUser: mockNestedCacheInvalidateUser },
  vtd: { cacheInvalidateUser: vtdNestedCacheInvalidateUser },
  smmu: {},
};

export const VIOMMU_OPS: Readonly<Record<Viommu["iommu"], ViommuOps>> = {
  mock: { cacheInvalidate: mockViommuCacheInvalidate },
  smmu: { cacheInvalidate: (k, v, a) => armVsmmuCacheInvalidate(k, v, a, k.vsmmuLog) },
};
