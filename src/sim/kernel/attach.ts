/**
 * Attaching a device to a page table (drivers/iommu/iommufd/device.c): attach, replace and
 * detach, by the ID of a HWPT or of an IOAS, which picks an automatic paging domain on it
 * (an existing one that accepts the device, else a new one) and destroys an automatic
 * domain when its last device leaves. Each attachment holds a reference on its HWPT.
 */
import type { Errno } from "../errno.js";
import { autoRespondFaults } from "./eventq.js";
import { hwptPagingAlloc } from "./hwpt-alloc.js";
import type { AnyKernel } from "./kernel.js";
import { mockAttach } from "./mock/domain.js";
import type { Device, Hwpt, Ioas } from "./objects.js";

type Mode = "attach" | "replace";

/** iommufd_hw_pagetable_put: an automatic domain goes with its last user. */
function hwptPut(k: AnyKernel, hwpt: Hwpt): void {
  if (hwpt.kind === "hwpt_paging" && hwpt.autoDomain) k.objects.dropAndTryDestroy(hwpt);
  else k.objects.drop(hwpt);
}

/** iommufd_hw_pagetable_attach (no PASID). */
export function doAttach(k: AnyKernel, dev: Device, hwpt: Hwpt): Errno {
  if (dev.attached) return "EBUSY";
  const rc = mockAttach(dev, hwpt);
  if (rc !== "OK") return rc;
  k.objects.hold(hwpt);
  dev.attached = hwpt;
  return "OK";
}

/** iommufd_device_do_replace: the old HWPT, for the caller to put, or none if unchanged. */
function doReplace(k: AnyKernel, dev: Device, hwpt: Hwpt): Hwpt | undefined | Errno {
  const old = dev.attached;
  if (!old) return "EINVAL";
  if (hwpt === old) return undefined;
  const rc = mockAttach(dev, hwpt);
  if (rc !== "OK") return rc;
  autoRespondFaults(k, old, dev);
  k.objects.hold(hwpt);
  dev.attached = hwpt;
  return old;
}

function change(k: AnyKernel, dev: Device, hwpt: Hwpt, mode: Mode): Hwpt | undefined | Errno {
  if (mode === "replace") return doReplace(k, dev, hwpt);
  const rc = doAttach(k, dev, hwpt);
  return rc === "OK" ? undefined : rc;
}

/** iommufd_device_auto_get_domain: the ID of the domain used, or the errno. */
function autoDomain(k: AnyKernel, dev: Device, ioas: Ioas, mode: Mode): number | Errno {
  for (const hwpt of [...ioas.hwpts]) {
    if (!hwpt.autoDomain) continue;
    const r = change(k, dev, hwpt, mode);
    if (r === "EINVAL") continue; // not compatible with this device: try the next one
    if (typeof r === "string") return r;
    if (r) hwptPut(k, r);
    return hwpt.id;
  }
  const immediate = mode === "attach";
  const hwpt = hwptPagingAlloc(k, ioas, dev, 0, immediate, undefined);
  if (typeof hwpt === "string") return hwpt;
  let old: Hwpt | undefined;
  if (!immediate) {
    const r = doReplace(k, dev, hwpt);
    if (typeof r === "string") {
      k.objects.abort(hwpt);
      return r;
    }
    old = r;
  }
  hwpt.autoDomain = true;
  k.objects.finalize(hwpt);
  if (old) hwptPut(k, old);
  return hwpt.id;
}

/** iommufd_device_change_pt: the page table now used (pt_id out), or the errno. */
function changePt(k: AnyKernel, dev: Device, ptId: number, mode: Mode): number | Errno {
  const pt = k.objects.get(ptId);
  if (!pt) return "ENOENT";
  if (pt.kind === "ioas") return autoDomain(k, dev, pt, mode);
  if (pt.kind !== "hwpt_paging" && pt.kind !== "hwpt_nested") return "EINVAL";
  const r = change(k, dev, pt, mode);
  if (typeof r === "string") return r;
  if (r) hwptPut(k, r);
  return ptId;
}

export function attachDevice(k: AnyKernel, dev: Device, ptId: number): number | Errno {
  return changePt(k, dev, ptId, "attach");
}

export function replaceDevice(k: AnyKernel, dev: Device, ptId: number): number | Errno {
  return changePt(k, dev, ptId, "replace");
}

/** iommufd_device_detach: back to the blocking domain; faults it still had are answered. */
export function detachDevice(k: AnyKernel, dev: Device): void {
  const hwpt = dev.attached;
  if (!hwpt) return;
  dev.attached = undefined;
  mockAttach(dev, undefined);
  autoRespondFaults(k, hwpt, dev);
  hwptPut(k, hwpt);
}
