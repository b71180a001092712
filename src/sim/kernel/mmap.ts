/**
 * mmap of the iommufd file (iommufd_fops_mmap, main.c, and _iommufd_alloc_mmap, driver.c): a
 * driver offers a region (the mock vIOMMU its page) at an offset the core picks, the lowest
 * free from PAGE_SIZE up; user space maps exactly that offset and length, shared and not
 * executable. A mapping holds its owner (destroying it is EBUSY) until unmapped.
 */
import type { Errno } from "../errno.js";
import type { MmapResult } from "./file.js";
import type { AnyKernel } from "./kernel.js";
import type { KernelObject } from "./objects.js";

export interface MmapRegion {
  readonly offset: bigint;
  readonly length: bigint;
  readonly owner: KernelObject;
  readonly bytes: Uint8Array;
}

/** MAP_SHARED (and MAP_SHARED_VALIDATE, which has its bit); PROT_EXEC. */
const MAP_SHARED = 0x1;
const PROT_EXEC = 0x4;

/** _iommufd_alloc_mmap: the region's offset. */
export function allocMmap(k: AnyKernel, owner: KernelObject, bytes: Uint8Array): bigint {
  const length = BigInt(bytes.length);
  let start = BigInt(k.machine.pageSize);
  for (const r of [...k.ctx.mmaps.values()].sort((a, b) => (a.offset < b.offset ? -1 : 1))) {
    if (start + length <= r.offset) break;
    if (r.offset + r.length > start) start = r.offset + r.length;
  }
  k.ctx.mmaps.set(start, { offset: start, length, owner, bytes });
  return start;
}

export function destroyMmap(k: AnyKernel, offset: bigint): void {
  k.ctx.mmaps.delete(offset);
}

/** iommufd_fops_mmap. */
export function mmapRegion(
  k: AnyKernel,
  length: bigint,
  offset: bigint,
  prot: number,
  flags: number,
): MmapResult {
  if (!(flags & MAP_SHARED)) return { errno: "EINVAL" };
  if (prot & PROT_EXEC) return { errno: "EPERM" };
  // The region containing the offset, which must be its start, mapped whole.
  const r = [...k.ctx.mmaps.values()].find(
    (x) => offset >= x.offset && offset < x.offset + x.length,
  );
  const refuse: Errno = "ENXIO";
  if (!r || r.offset !== offset || r.length !== length || !k.objects.get(r.owner.id))
    return { errno: refuse };
  k.objects.hold(r.owner);
  const mapping = k.ctx.nextMapping++;
  k.ctx.mappings.set(mapping, r.owner);
  return { errno: "OK", mapping, bytes: r.bytes };
}

export function munmapRegion(k: AnyKernel, mapping: number): void {
  const owner = k.ctx.mappings.get(mapping);
  if (!owner) return;
  k.ctx.mappings.delete(mapping);
  k.objects.drop(owner);
}
