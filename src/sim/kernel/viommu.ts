/**
 * IOMMU_VIOMMU_ALLOC and IOMMU_VDEVICE_ALLOC (drivers/iommu/iommufd/viommu.c) for the mock
 * driver, whose only vIOMMU type is IOMMU_VIOMMU_TYPE_SELFTEST: a vIOMMU on a nest-parent
 * paging HWPT, and a device's one vDEVICE on it, named by a virt_id unique on the vIOMMU.
 */
import type {
  iommu_hw_queue_alloc,
  iommu_vdevice_alloc,
  iommu_viommu_alloc,
} from "../../../out/ts/iommufd.js";
import { iommu_viommu_type } from "../../../out/ts/iommufd.js";
import {
  iommu_hw_queue_selftest_type,
  iommu_viommu_selftest,
  iommu_viommu_selftest_type,
} from "../../../out/ts/iommufd_test.js";
import type { Errno } from "../errno.js";
import { copyUserData, copyUserDataOut, type UserData } from "./copy-helpers.js";
import type { AnyKernel } from "./kernel.js";
import { VdevTable, type Vdevice, type Viommu } from "./objects.js";
import { allocMmap } from "./mmap.js";
import { respond, type OpResult, type Ucmd } from "./ucmd.js";

const SELFTEST = iommu_viommu_selftest_type.IOMMU_VIOMMU_TYPE_SELFTEST;

/**
 * mock_viommu_init with data: out_data echoes in_data, and two pages are offered to mmap,
 * the first word holding in_data (a loopback the test reads through the mapping).
 */
function mockViommuData(k: AnyKernel, viommu: Viommu, data: UserData): Errno {
  const copied = copyUserData(k.mem, k.abi, iommu_viommu_selftest, data, SELFTEST, "out_data");
  if (!("value" in copied)) return copied.errno;
  const v = copied.value;
  const page = new Uint8Array(2 * k.machine.pageSize);
  new DataView(page.buffer).setUint32(0, v.in_data, k.abi.endian === "little");
  viommu.mmapOffset = allocMmap(k, viommu, page);
  const out = {
    ...v,
    out_data: v.in_data,
    out_mmap_length: BigInt(page.length),
    out_mmap_offset: viommu.mmapOffset,
  };
  return copyUserDataOut(k.mem, k.abi, iommu_viommu_selftest, data, SELFTEST, "out_data", out);
}

export function viommuAlloc(u: Ucmd<iommu_viommu_alloc>): OpResult {
  const { k, cmd } = u;
  if (cmd.flags || cmd.type === iommu_viommu_type.IOMMU_VIOMMU_TYPE_DEFAULT) return "EOPNOTSUPP";
  const dev = k.objects.find(cmd.dev_id, "device");
  if (typeof dev === "string") return dev;
  // get_viommu_size: the mock knows its own type only.
  if (dev.iommu !== "mock" || cmd.type !== SELFTEST) return "EOPNOTSUPP";
  const hwpt = k.objects.find(cmd.hwpt_id, "hwpt_paging");
  if (typeof hwpt === "string") return hwpt;
  if (!hwpt.nestParent) return "EINVAL";
  const viommu = k.objects.alloc<Viommu>({
    kind: "viommu",
    iommu: "mock",
    vmid: 0,
    invalidateOp: true,
    vdevs: new VdevTable(),
    veventqs: [],
    holds: [hwpt],
  });
  u.newObj = viommu;
  if (cmd.data_len) {
    const rc = mockViommuData(k, viommu, {
      type: cmd.type,
      uptr: cmd.data_uptr,
      len: cmd.data_len,
    });
    if (rc !== "OK") return rc;
  }
  cmd.out_viommu_id = viommu.id;
  return respond(u);
}

/** virt_id indexes an xarray: at most ULONG_MAX (64-bit hosts). */
const ULONG_MAX = (1n << 64n) - 1n;

export function vdeviceAlloc(u: Ucmd<iommu_vdevice_alloc>): OpResult {
  const { k, cmd } = u;
  if (cmd.virt_id > ULONG_MAX) return "EINVAL";
  const viommu = k.objects.find(cmd.viommu_id, "viommu");
  if (typeof viommu === "string") return viommu;
  const dev = k.objects.find(cmd.dev_id, "device");
  if (typeof dev === "string") return dev;
  if (viommu.iommu !== dev.iommu) return "EINVAL";
  if (dev.vdev) return "EEXIST";
  const vdev = k.objects.alloc<Vdevice>({
    kind: "vdevice",
    viommu,
    dev,
    virtId: cmd.virt_id,
    holds: [viommu, dev],
  });
  dev.vdev = vdev;
  if (viommu.vdevs.has(cmd.virt_id)) {
    k.objects.abort(vdev);
    return "EEXIST";
  }
  viommu.vdevs.set(cmd.virt_id, vdev);
  cmd.out_vdevice_id = vdev.id;
  const rc = respond(u);
  if (rc !== "OK") {
    k.objects.abort(vdev);
    return rc;
  }
  k.objects.finalize(vdev);
  return "OK";
}

export function hwQueueAlloc(u: Ucmd<iommu_hw_queue_alloc>): OpResult {
  const c = u.cmd;
  if (c.flags || c.type === 0) return "EOPNOTSUPP";
  if (!c.length) return "EINVAL";
  if (c.nesting_parent_iova + c.length - 1n > ULONG_MAX) return "EOVERFLOW";
  const viommu = u.k.objects.find(c.viommu_id, "viommu");
  if (typeof viommu === "string") return viommu;
  if (c.type !== iommu_hw_queue_selftest_type.IOMMU_HW_QUEUE_TYPE_SELFTEST) return "EOPNOTSUPP";
  return u.k.notModelled("IOMMU_HW_QUEUE_ALLOC (hardware queues and their pinned pages)");
}
