/**
 * Creating the objects a scenario starts from, with the allocation rules the invalidation
 * paths depend on (the arm-smmu-v3, intel and selftest drivers): nested HWPT data is
 * encoded into user memory and copied back with the per-struct helper, then checked as each
 * driver does. A refusal is returned as "ERRNO: why", for the runner to report.
 */
import {
  iommu_hwpt_arm_smmuv3,
  iommu_hwpt_data_type,
  iommu_hwpt_vtd_s1,
  iommu_viommu_type,
} from "../../../out/ts/iommufd.js";
import {
  iommu_hwpt_selftest,
  iommu_hwpt_selftest_data_type,
  iommu_viommu_selftest_type,
  MOCK_DEV_CACHE_NUM,
  MOCK_NESTED_DOMAIN_IOTLB_NUM,
} from "../../../out/ts/iommufd_test.js";
import type { StructCodec } from "../../runtime/codec.js";
import { copyStructFromUser, offsetOfEnd } from "./copy-helpers.js";
import type { Kernel } from "./kernel.js";
import {
  VdevTable,
  type Device,
  type DeviceIommu,
  type HwptNested,
  type HwptPaging,
  type Ioas,
  type Viommu,
  type Vdevice,
} from "./objects.js";

export type Refusal = { readonly refused: string };
export type Created<T> = T | Refusal;

export function isRefusal(x: unknown): x is Refusal {
  return typeof x === "object" && x !== null && "refused" in x;
}

export function createIoas(k: Kernel): Ioas {
  return k.objects.add<Ioas>({ kind: "ioas", holds: [], hwpts: [] });
}

export function createDevice(
  k: Kernel,
  iommu: DeviceIommu,
  opts: { sid?: number; ats?: boolean; cacheDefault?: number },
): Device {
  const ats = opts.ats ?? true;
  const sid = opts.sid ?? 0;
  if (iommu === "smmu" && ats) k.smmu.atsDevices.add(sid);
  const cache = Array.from({ length: MOCK_DEV_CACHE_NUM }, () => opts.cacheDefault ?? 0xbaddad);
  return k.objects.add<Device>({
    kind: "device",
    iommu,
    sid,
    ats,
    cache,
    attached: undefined,
    vdev: undefined,
    mock: undefined,
    holds: [],
  });
}

export function createHwptPaging(
  k: Kernel,
  ioas: Ioas,
  dev: Device,
  nestParent: boolean,
): HwptPaging {
  // The host SMMU driver gives each stage-2 domain its own VMID.
  const vmid = dev.iommu === "smmu" ? k.nextVmid++ : 0;
  const hwpt = k.objects.add<HwptPaging>({
    kind: "hwpt_paging",
    iommu: dev.iommu,
    nestParent,
    vmid,
    ioas,
    autoDomain: false,
    pasidCompat: false,
    fault: undefined,
    dirtyOps: false,
    holds: [ioas, dev],
  });
  ioas.hwpts.push(hwpt);
  return hwpt;
}

/** __iommu_copy_struct_from_user: min_last ≤ length ≤ sizeof, else EINVAL; NULL or a fault EFAULT. */
function copyData<T>(
  k: Kernel,
  codec: StructCodec<T>,
  minLast: string,
  bytes: Uint8Array,
): Created<T> {
  if (
    bytes.length < offsetOfEnd(codec as StructCodec<unknown>, minLast, k.abi) ||
    bytes.length > codec.size(k.abi)
  ) {
    return {
      refused: `EINVAL: data is ${bytes.length} bytes, ${codec.name} takes ${codec.size(k.abi)}`,
    };
  }
  const copied = copyStructFromUser(
    k.mem,
    codec.size(k.abi),
    k.mem.map(bytes),
    BigInt(bytes.length),
  );
  return "value" in copied
    ? codec.decode(copied.value, k.abi, 0, { validate: false })
    : { refused: `${copied.errno}: copying the data faulted` };
}

// STE fields a guest may set (arm_vsmmu_alloc_domain_nested); positions from the Linux
// STRTAB_STE_* masks (general knowledge, not in the reference): word 0 V, Cfg, S1Fmt,
// S1ContextPtr, S1CDMax; word 1 S1DSS, S1CIR, S1COR, S1CSH, S1STALLD, EATS.
const STE0_ALLOWED =
  0x1n | (0x7n << 1n) | (0x3n << 4n) | (((1n << 46n) - 1n) << 6n) | (0x1fn << 59n);
const STE1_ALLOWED = 0xffn | (1n << 27n) | (0x3n << 28n);
const STE_CFG_OK = new Set([0n, 4n, 5n]); // abort, bypass, stage-1 translate
const STE_EATS_OK = new Set([0n, 1n]); // ABT, TRANS

function checkSte(ste: bigint[]): bigint[] | Refusal {
  const [w0 = 0n, w1 = 0n] = ste;
  if ((w0 & 1n) === 0n) return [0n, 0n]; // V=0: an abort STE
  if ((w0 & ~STE0_ALLOWED) !== 0n || (w1 & ~STE1_ALLOWED) !== 0n)
    return { refused: "EIO: STE bit outside the allowed fields" };
  if (!STE_CFG_OK.has((w0 >> 1n) & 7n))
    return { refused: "EIO: STE.Cfg must be abort, bypass or stage-1" };
  if (!STE_EATS_OK.has((w1 >> 28n) & 3n)) return { refused: "EIO: STE.EATS must be ABT or TRANS" };
  return [w0, w1];
}

/** IOMMU_HWPT_ALLOC of a nested HWPT on a nest-parent HWPT (mock, VT-d) or a vIOMMU (mock, SMMUv3). */
export function createHwptNested(
  k: Kernel,
  parent: HwptPaging | Viommu,
  dev: Device,
  dataType: number,
  data: Uint8Array,
): Created<HwptNested> {
  if (parent.kind === "hwpt_paging" && !parent.nestParent)
    return { refused: "EINVAL: the parent is not a nest parent" };
  if (parent.iommu !== dev.iommu) return { refused: "EINVAL: the parent belongs to another IOMMU" };
  const base = {
    kind: "hwpt_nested" as const,
    iommu: dev.iommu,
    holds: [parent, dev],
    flushes: [] as string[],
    viommu: parent.kind === "viommu" ? parent : undefined,
    pasidCompat: false,
    fault: undefined,
  };
  const iotlb = (v: number): number[] =>
    Array.from({ length: MOCK_NESTED_DOMAIN_IOTLB_NUM }, () => v);
  if (dev.iommu === "mock") {
    if (dataType !== iommu_hwpt_selftest_data_type.IOMMU_HWPT_DATA_SELFTEST)
      return { refused: "EOPNOTSUPP: the mock takes IOMMU_HWPT_DATA_SELFTEST" };
    const d = copyData(k, iommu_hwpt_selftest, "iotlb", data);
    return isRefusal(d)
      ? d
      : k.objects.add<HwptNested>({ ...base, iotlb: iotlb(d.iotlb), ste: [] });
  }
  if (dev.iommu === "vtd") {
    if (dataType !== iommu_hwpt_data_type.IOMMU_HWPT_DATA_VTD_S1)
      return { refused: "EOPNOTSUPP: VT-d takes IOMMU_HWPT_DATA_VTD_S1" };
    const d = copyData(k, iommu_hwpt_vtd_s1, "__reserved", data);
    return isRefusal(d) ? d : k.objects.add<HwptNested>({ ...base, iotlb: iotlb(0), ste: [] });
  }
  if (parent.kind !== "viommu")
    return { refused: "EOPNOTSUPP: SMMUv3 nested HWPTs are allocated on a vIOMMU" };
  if (dataType !== iommu_hwpt_data_type.IOMMU_HWPT_DATA_ARM_SMMUV3)
    return { refused: "EOPNOTSUPP: SMMUv3 takes IOMMU_HWPT_DATA_ARM_SMMUV3" };
  const d = copyData(k, iommu_hwpt_arm_smmuv3, "ste", data);
  if (isRefusal(d)) return d;
  const ste = checkSte(d.ste);
  return isRefusal(ste) ? ste : k.objects.add<HwptNested>({ ...base, iotlb: iotlb(0), ste });
}

/**
 * IOMMU_VIOMMU_ALLOC (v6.13+). A "v6.8" scenario may still declare one, so it can check what
 * that kernel answers for such an ID (ENOENT: its lookup only knows nested HWPTs).
 */
export function createViommu(
  k: Kernel,
  type: number,
  hwpt: HwptPaging,
  dev: Device,
  vmid: number | undefined,
  invalidateOp = true,
): Created<Viommu> {
  const iommu =
    type === iommu_viommu_type.IOMMU_VIOMMU_TYPE_ARM_SMMUV3
      ? "smmu"
      : type === iommu_viommu_selftest_type.IOMMU_VIOMMU_TYPE_SELFTEST
        ? "mock"
        : undefined;
  if (!iommu || iommu !== dev.iommu)
    return { refused: `EOPNOTSUPP: vIOMMU type ${type} does not match the device's IOMMU` };
  if (!hwpt.nestParent) return { refused: "EINVAL: hwpt is not a nest parent" };
  if (hwpt.iommu !== dev.iommu) return { refused: "EINVAL: the nest parent is on another IOMMU" };
  // The vSMMU takes the VMID of its stage-2 parent (v6.13–v6.17) unless the scenario names one.
  return k.objects.add<Viommu>({
    kind: "viommu",
    iommu,
    vmid: vmid ?? hwpt.vmid,
    invalidateOp,
    vdevs: new VdevTable(),
    veventqs: [],
    holds: [hwpt, dev],
  });
}

/** IOMMU_VDEVICE_ALLOC: virt_id is the guest's ID of the device (the vSID on SMMUv3). */
export function createVdevice(
  k: Kernel,
  viommu: Viommu,
  dev: Device,
  virtId: bigint,
): Created<Vdevice> {
  if (dev.iommu !== viommu.iommu) return { refused: "EINVAL: the device is behind another IOMMU" };
  if (virtId > (1n << 64n) - 1n || virtId < 0n)
    return { refused: "EINVAL: virt_id does not fit 64 bits" };
  if (viommu.vdevs.has(virtId)) return { refused: "EEXIST: virt_id is taken" };
  const vdev = k.objects.add<Vdevice>({
    kind: "vdevice",
    viommu,
    dev,
    virtId,
    holds: [viommu, dev],
  });
  viommu.vdevs.set(virtId, vdev);
  dev.vdev ??= vdev;
  return vdev;
}
