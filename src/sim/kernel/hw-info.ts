/**
 * IOMMU_GET_HW_INFO (iommufd_get_hw_info, device.c) as the mock driver answers it
 * (mock_domain_hw_info): data type IOMMU_HW_INFO_TYPE_SELFTEST, struct iommu_test_hw_info with
 * test_reg IOMMU_HW_INFO_SELFTEST_REGVAL, copied up to the user's length and the rest of the
 * user's buffer cleared; capabilities: dirty tracking unless the device has none, and "ATS not
 * supported" (the mock is no PCI device); the PASID width of a PASID-capable mock device.
 */
import type { iommu_hw_info } from "../../../out/ts/iommufd.js";
import {
  iommu_hw_info_type,
  iommufd_hw_capabilities,
  iommufd_hw_info_flags,
} from "../../../out/ts/iommufd.js";
import {
  iommu_hw_info_selftest_type,
  IOMMU_HW_INFO_SELFTEST_REGVAL,
  iommu_test_hw_info,
  mock_device_flags,
  MOCK_PASID_WIDTH,
} from "../../../out/ts/iommufd_test.js";
import { mockDirtyCapable } from "./mock/domain.js";
import { respond, type OpResult, type Ucmd } from "./ucmd.js";

const DEFAULT = iommu_hw_info_type.IOMMU_HW_INFO_TYPE_DEFAULT;
const SELFTEST = iommu_hw_info_selftest_type.IOMMU_HW_INFO_TYPE_SELFTEST;

export function getHwInfo(u: Ucmd<iommu_hw_info>): OpResult {
  const { k, cmd } = u;
  if (cmd.flags & ~iommufd_hw_info_flags.IOMMU_HW_INFO_FLAG_INPUT_TYPE) return "EOPNOTSUPP";
  if (cmd.__reserved.some((b) => b !== 0)) return "EOPNOTSUPP";
  // Drivers do not take a random input type: without the flag it is the default.
  const type =
    cmd.flags & iommufd_hw_info_flags.IOMMU_HW_INFO_FLAG_INPUT_TYPE ? cmd.in_data_type : DEFAULT;
  const dev = k.objects.find(cmd.dev_id, "device");
  if (typeof dev === "string") return dev;
  if (type !== DEFAULT && type !== SELFTEST) return "EOPNOTSUPP";
  const data = iommu_test_hw_info.encode(
    { flags: 0, test_reg: IOMMU_HW_INFO_SELFTEST_REGVAL },
    k.abi,
  );
  const copyLen = Math.min(cmd.data_len, data.length);
  if (!k.mem.write(cmd.data_uptr, data, copyLen)) return "EFAULT";
  if (
    copyLen < cmd.data_len &&
    !k.mem.write(cmd.data_uptr + BigInt(copyLen), new Uint8Array(cmd.data_len - copyLen))
  )
    return "EFAULT";
  cmd.data_len = data.length;
  // One union: in_data_type and out_data_type are the same bytes.
  cmd.in_data_type = cmd.out_data_type = SELFTEST;
  let caps = 0n;
  if (mockDirtyCapable(dev)) caps |= BigInt(iommufd_hw_capabilities.IOMMU_HW_CAP_DIRTY_TRACKING);
  caps |= BigInt(iommufd_hw_capabilities.IOMMU_HW_CAP_PCI_ATS_NOT_SUPPORTED);
  cmd.out_capabilities = caps;
  cmd.out_max_pasid_log2 =
    (dev.mock?.flags ?? 0) & mock_device_flags.MOCK_FLAGS_DEVICE_PASID ? MOCK_PASID_WIDTH : 0;
  return respond(u);
}
