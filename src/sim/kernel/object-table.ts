/**
 * The table of one iommufd context's objects (the kernel's xarray): an ID is the lowest one
 * free (xa_alloc), reserved at allocation and visible to lookups only once the object is
 * finalized, so a failed creation gives its ID back unseen. IOMMU_DESTROY answers ENOENT for
 * an ID that names nothing and EBUSY while anything holds the object; a device is held by
 * its driver until unbound, so it is always busy.
 */
import type { Errno } from "../errno.js";
import type { KernelObject, ObjectKind, ObjectOfKind } from "./objects.js";

type Unbuilt<T extends KernelObject> = Omit<T, "id" | "users">;

/** What the kernel does when an object goes (its ops->destroy), besides releasing holds. */
export type DestroyHook = (obj: KernelObject) => void;

export class ObjectTable {
  private readonly byId = new Map<number, KernelObject>();
  /** IDs allocated but not finalized (XA_ZERO_ENTRY): taken, yet not found by lookups. */
  private readonly reserved = new Set<number>();
  /** Every ID from here up is free; below it, only those in `freed`. */
  private next = 1;
  /** Freed IDs below `next`, as a min-heap: the lowest free ID is its top or `next`. */
  private readonly freed: number[] = [];

  constructor(private readonly onDestroy: DestroyHook = () => {}) {}

  private takeId(): number {
    return this.freed.length ? heapPop(this.freed) : this.next++;
  }

  private freeId(id: number): void {
    heapPush(this.freed, id);
  }

  /** _iommufd_object_alloc: the object with its ID and holds, not yet visible. */
  alloc<T extends KernelObject>(spec: Unbuilt<T>): T {
    const obj = { ...spec, id: this.takeId(), users: 0 } as unknown as T;
    for (const h of obj.holds) h.users++;
    this.reserved.add(obj.id);
    return obj;
  }

  /** iommufd_object_finalize: lookups find it from now on. */
  finalize(obj: KernelObject): void {
    this.reserved.delete(obj.id);
    this.byId.set(obj.id, obj);
  }

  /** Allocated and finalized at once. */
  add<T extends KernelObject>(spec: Unbuilt<T>): T {
    const obj = this.alloc<T>(spec);
    this.finalize(obj);
    return obj;
  }

  /** iommufd_object_abort_and_destroy: a creation that failed undoes itself. */
  abort(obj: KernelObject): void {
    this.reserved.delete(obj.id);
    this.remove(obj);
  }

  get(id: number): KernelObject | undefined {
    return this.byId.get(id);
  }

  /** iommufd_get_object(id, type): the object, or ENOENT when missing or of another kind. */
  find<K extends ObjectKind>(id: number, kind: K): ObjectOfKind<K> | "ENOENT" {
    const obj = this.byId.get(id);
    return obj?.kind === kind ? (obj as ObjectOfKind<K>) : "ENOENT";
  }

  all(): KernelObject[] {
    return [...this.byId.values()];
  }

  /** A reference taken after creation (an attachment, an open file). */
  hold(obj: KernelObject): void {
    obj.users++;
  }

  drop(obj: KernelObject): void {
    obj.users--;
  }

  /** iommufd_object_put_and_try_destroy: drops a reference and destroys it if it was the last. */
  dropAndTryDestroy(obj: KernelObject): void {
    obj.users--;
    if (obj.users === 0 && this.byId.get(obj.id) === obj) {
      this.byId.delete(obj.id);
      this.remove(obj);
    }
  }

  /** IOMMU_DESTROY. */
  destroy(id: number): Errno {
    const obj = this.byId.get(id);
    if (!obj) return "ENOENT";
    if (obj.users > 0 || obj.kind === "device") return "EBUSY";
    this.byId.delete(id);
    this.remove(obj);
    return "OK";
  }

  /**
   * iommufd_object_tombstone_user: destroyed, but its ID stays taken (lookups find nothing)
   * until the file is released, so user space holding the ID gets ENOENT, not a new object.
   */
  tombstone(obj: KernelObject): void {
    if (this.byId.get(obj.id) !== obj || obj.users > 0) return;
    this.byId.delete(obj.id);
    this.reserved.add(obj.id);
    this.onDestroy(obj);
    for (const h of obj.holds) h.users--;
  }

  /** An object leaving the table (a device when its driver unbinds it). */
  unlink(obj: KernelObject): void {
    if (this.byId.get(obj.id) !== obj) return;
    this.byId.delete(obj.id);
    this.remove(obj);
  }

  private remove(obj: KernelObject): void {
    this.onDestroy(obj);
    for (const h of obj.holds) h.users--;
    this.freeId(obj.id);
  }

  /**
   * The file's release: destroys every object, each once nothing else uses it (leaves first,
   * as iommufd_fops_release repeats over the objects until none is left). Devices go when
   * their selftest objects unbind them; any left over (scenario devices) go last.
   */
  releaseAll(): void {
    while (this.byId.size) {
      let destroyed = 0;
      for (const obj of [...this.byId.values()])
        if (obj.users === 0 && obj.kind !== "device" && this.byId.get(obj.id) === obj) {
          this.byId.delete(obj.id);
          this.remove(obj);
          destroyed++;
        }
      if (destroyed) continue;
      const rest = this.all();
      if (rest.some((o) => o.kind !== "device"))
        throw new Error("internal: iommufd objects still hold each other at release");
      rest.forEach((o) => this.unlink(o));
    }
    this.reserved.clear();
    this.freed.length = 0;
    this.next = 1;
  }
}

function heapPush(h: number[], x: number): void {
  h.push(x);
  for (let i = h.length - 1; i > 0;) {
    const p = (i - 1) >> 1;
    if (h[p]! <= h[i]!) break;
    [h[p], h[i]] = [h[i]!, h[p]!];
    i = p;
  }
}

function heapPop(h: number[]): number {
  const top = h[0]!;
  const last = h.pop()!;
  if (h.length) {
    h[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]! < h[m]!) m = l;
      if (r < h.length && h[r]! < h[m]!) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
  return top;
}
