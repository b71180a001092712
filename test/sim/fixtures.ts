/** Small systems the unit and property tests build directly through the model API. */
import { getAbi } from "../../src/abi/abis.js";
import { iommu_hwpt_vtd_s1, iommu_viommu_type } from "../../out/ts/iommufd.js";
import {
  iommu_hwpt_selftest,
  iommu_hwpt_selftest_data_type,
  iommu_viommu_selftest_type,
} from "../../out/ts/iommufd_test.js";
import { iommu_hwpt_data_type } from "../../out/ts/iommufd.js";
import {
  createDevice,
  createHwptNested,
  createHwptPaging,
  createIoas,
  createVdevice,
  createViommu,
  isRefusal,
  type Created,
} from "../../src/sim/kernel/create.js";
import { Kernel } from "../../src/sim/kernel/kernel.js";
import type { SmmuConfig } from "../../src/sim/smmu/config.js";

function ok<T>(x: Created<T>): T {
  if (isRefusal(x)) throw new Error(x.refused);
  return x as T;
}

/** One kernel with every invalidation target: mock nested, mock vIOMMU, VT-d nested, SMMUv3 vIOMMU. */
export function everyTarget(abi = "x86_64", smmu: Partial<SmmuConfig> = {}) {
  const k = new Kernel(getAbi(abi as never), "latest", smmu);
  const a = k.abi;
  const ioas = createIoas(k);
  const mdev = createDevice(k, "mock", {});
  const mparent = createHwptPaging(k, ioas, mdev, true);
  const mockNested = ok(
    createHwptNested(
      k,
      mparent,
      mdev,
      iommu_hwpt_selftest_data_type.IOMMU_HWPT_DATA_SELFTEST,
      iommu_hwpt_selftest.encode({ iotlb: 0xbadbeef, pagetable_type: 0 }, a),
    ),
  );
  const mockViommu = ok(
    createViommu(
      k,
      iommu_viommu_selftest_type.IOMMU_VIOMMU_TYPE_SELFTEST,
      mparent,
      mdev,
      undefined,
    ),
  );
  ok(createVdevice(k, mockViommu, mdev, 0x99n));
  const vdev = createDevice(k, "vtd", {});
  const vparent = createHwptPaging(k, ioas, vdev, true);
  const vtdNested = ok(
    createHwptNested(
      k,
      vparent,
      vdev,
      iommu_hwpt_data_type.IOMMU_HWPT_DATA_VTD_S1,
      iommu_hwpt_vtd_s1.encode({ flags: 0n, pgtbl_addr: 0n, addr_width: 48, __reserved: 0 }, a),
    ),
  );
  const sdev = createDevice(k, "smmu", { sid: 0x100 });
  const sparent = createHwptPaging(k, ioas, sdev, true);
  const smmuViommu = ok(
    createViommu(k, iommu_viommu_type.IOMMU_VIOMMU_TYPE_ARM_SMMUV3, sparent, sdev, 3),
  );
  ok(createVdevice(k, smmuViommu, sdev, 0x10n));
  return { k, mockNested, mockViommu, vtdNested, smmuViommu };
}
