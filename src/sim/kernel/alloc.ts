/**
 * The kernel allocator as the invalidation paths see it: kcalloc fails (NULL, so ENOMEM)
 * when the request is above KMALLOC_MAX_SIZE or when a `nomem` fault is armed. A zero-size
 * request succeeds (ZERO_SIZE_PTR), which is why SMMUv3 reaches its copy helper with
 * entry_num 0 (../shared/reference/iommufd-uapi.md §3.3).
 */
/** 4 MiB: 1 << (MAX_PAGE_ORDER + PAGE_SHIFT) on x86_64 and arm64 with 4 KiB pages. */
export const KMALLOC_MAX_SIZE = 4n << 20n;

export class KernelAllocator {
  private failNext = false;
  /** Allocations attempted, for tests that check a path allocates (or does not). */
  attempts = 0;

  /** Arms the `nomem` fault: the next allocation fails. */
  failNextAllocation(): void {
    this.failNext = true;
  }

  /** kcalloc(n, size): true when it returns memory. The simulator keeps no storage here. */
  kcalloc(n: bigint, size: number): boolean {
    this.attempts++;
    if (this.failNext) {
      this.failNext = false;
      return false;
    }
    return n * BigInt(size) <= KMALLOC_MAX_SIZE;
  }
}
