/**
 * What each kind of object undoes when it is destroyed (its ops->destroy), besides dropping
 * the references it took at creation: a vDEVICE leaves its vIOMMU's table, a paging HWPT its
 * IOAS's list, a vEVENTQ its vIOMMU's, a HWPT its fault queue, and a selftest object detaches
 * and unbinds its device (whose vDEVICE goes too, leaving a tombstone).
 */
import { detachDevice } from "./attach.js";
import { destroyMmap } from "./mmap.js";
import type { AnyKernel } from "./kernel.js";
import type { KernelObject, ObjectKind, ObjectOfKind } from "./objects.js";

type Hook<K extends ObjectKind> = (k: AnyKernel, obj: ObjectOfKind<K>) => void;

const remove = <T>(list: T[], x: T): void => {
  const i = list.indexOf(x);
  if (i >= 0) list.splice(i, 1);
};

const HOOKS: { readonly [K in ObjectKind]: Hook<K> } = {
  ioas: (k, ioas) => {
    if (k.ctx.vfioIoas === ioas) k.ctx.vfioIoas = undefined;
  },
  device: () => {},
  selftest: (k, s) => {
    detachDevice(k, s.idev);
    // Unbinding a device destroys its vDEVICE and leaves a tombstone in its ID.
    if (s.idev.vdev) k.objects.tombstone(s.idev.vdev);
    k.objects.unlink(s.idev);
  },
  hwpt_paging: (k, h) => {
    if (h.ioas) remove(h.ioas.hwpts, h);
    if (h.fault) k.objects.drop(h.fault);
  },
  hwpt_nested: (k, h) => {
    if (h.fault) k.objects.drop(h.fault);
  },
  viommu: (k, v) => {
    if (v.mmapOffset !== undefined) destroyMmap(k, v.mmapOffset);
  },
  vdevice: (_k, v) => {
    if (v.viommu.vdevs.get(v.virtId) === v) v.viommu.vdevs.delete(v.virtId);
    if (v.dev.vdev === v) v.dev.vdev = undefined;
  },
  fault: () => {},
  veventq: (_k, q) => remove(q.viommu.veventqs, q),
};

export function destroyHook(k: AnyKernel, obj: KernelObject): void {
  (HOOKS[obj.kind] as Hook<ObjectKind>)(k, obj as never);
}
