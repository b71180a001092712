/**
 * The mock devices of the selftest (selftest.c): IOMMU_TEST_OP_MOCK_DOMAIN makes a selftest
 * object, a mock device with its cache slots at IOMMU_TEST_DEV_CACHE_DEFAULT, binds it
 * (a device object) and attaches it to the page table or IOAS `id`; destroying the selftest
 * object detaches and unbinds it. The device raises page faults and vIOMMU events on demand.
 */
import type { iommu_test_cmd } from "../../../../out/ts/iommufd_test.js";
import {
  IOMMU_TEST_DEV_CACHE_DEFAULT,
  iommu_test_mock_domain,
  iommu_veventq_selftest_type,
  iommu_viommu_event_selftest,
  mock_device_flags,
  MOCK_DEV_CACHE_NUM,
} from "../../../../out/ts/iommufd_test.js";
import { iommu_hwpt_pgfault_flags } from "../../../../out/ts/iommufd.js";
import type { Errno } from "../../errno.js";
import { attachDevice, detachDevice } from "../attach.js";
import { reportEvent, reportFault } from "../eventq.js";
import type { Device, Selftest } from "../objects.js";
import type { OpResult, Ucmd } from "../ucmd.js";
import { respondPayload } from "./test-cmd.js";

type Cmd = iommu_test_cmd;

const VALID_FLAGS =
  mock_device_flags.MOCK_FLAGS_DEVICE_NO_DIRTY | mock_device_flags.MOCK_FLAGS_DEVICE_PASID;

/** iommufd_test_mock_domain (also the _FLAGS op, whose flags are given). */
export function mockDomain(u: Ucmd<Cmd>, flags: number): OpResult {
  const { k } = u;
  const sobj = k.objects.alloc<Selftest>({
    kind: "selftest",
    idev: undefined as unknown as Device,
    holds: [],
  });
  if (flags & ~VALID_FLAGS) {
    k.objects.abort(sobj);
    return "EINVAL";
  }
  // iommufd_device_bind: the device object is finalized at once.
  const idev = k.objects.add<Device>({
    kind: "device",
    iommu: "mock",
    sid: 0,
    ats: false,
    cache: Array.from({ length: MOCK_DEV_CACHE_NUM }, () => IOMMU_TEST_DEV_CACHE_DEFAULT),
    attached: undefined,
    vdev: undefined,
    mock: { flags, viommu: undefined, vdevId: 0n },
    holds: [],
  });
  sobj.idev = idev;
  const pt = attachDevice(k, idev, u.cmd.id);
  if (typeof pt === "string") {
    k.objects.unlink(idev);
    k.objects.abort(sobj);
    return pt;
  }
  const rc = respondPayload(u, iommu_test_mock_domain, {
    out_stdev_id: sobj.id,
    out_hwpt_id: pt,
    out_idev_id: idev.id,
  });
  if (rc !== "OK") {
    detachDevice(k, idev);
    k.objects.unlink(idev);
    k.objects.abort(sobj);
    return rc;
  }
  k.objects.finalize(sobj);
  return "OK";
}

/** iommufd_test_trigger_iopf: one page request (the last of its group) from the device. */
export function mockTriggerIopf(u: Ucmd<Cmd>): OpResult {
  const t = u.cmd.trigger_iopf!;
  const dev = u.k.objects.find(t.dev_id, "device");
  if (typeof dev === "string") return dev;
  if (!dev.mock) return "EINVAL";
  const F = iommu_hwpt_pgfault_flags;
  let flags = F.IOMMU_PGFAULT_FLAGS_LAST_PAGE as number;
  if (t.pasid !== 0) flags |= F.IOMMU_PGFAULT_FLAGS_PASID_VALID;
  // The core hands a request to the handler of the device's domain; a request with a PASID
  // no domain is attached to goes to the RID's nested domain (the mock keeps user PASID
  // tables). No handler: the core answers the device itself.
  const hwpt = dev.attached;
  if (t.pasid !== 0 && hwpt?.kind !== "hwpt_nested") return "OK";
  reportFault(dev, hwpt, { flags, pasid: t.pasid, grpid: t.grpid, perm: t.perm, addr: t.addr });
  return "OK";
}

/** iommufd_test_trigger_vevent: an event with the device's vDEVICE ID on its vIOMMU. */
export function mockTriggerVevent(u: Ucmd<Cmd>): OpResult {
  const dev = u.k.objects.find(u.cmd.trigger_vevent!.dev_id, "device");
  if (typeof dev === "string") return dev;
  const mock = dev.mock;
  if (!mock?.viommu || !mock.vdevId) return "ENOENT";
  const data = iommu_viommu_event_selftest.encode(
    { virt_id: Number(mock.vdevId & 0xffffffffn) },
    u.k.abi,
  );
  const rc: Errno = reportEvent(
    mock.viommu,
    iommu_veventq_selftest_type.IOMMU_VEVENTQ_TYPE_SELFTEST,
    data,
  );
  return rc;
}
