/**
 * The kernel allocator as the invalidation paths see it: kcalloc fails (NULL, so ENOMEM)
 * when the request is above KMALLOC_MAX_SIZE or when a `nomem` fault is armed. A zero-size
 * request succeeds (ZERO_SIZE_PTR), which is why SMMUv3 reaches its copy helper with
 * entry_num 0 (drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-iommufd.c).
 */
/** 4 MiB: 1 << (MAX_PAGE_ORDER + PAGE_SHIFT) on x86_64 and arm64 with 4 KiB pages. */
export const KMALLOC_MAX_SIZE = 4n << 20n;
const KMALLOC_MAX = Number(KMALLOC_MAX_SIZE);

export class KernelAllocator {
  private failNext = false;
  /** Allocations attempted, for tests that check a path allocates (or does not). */
  attempts = 0;

  /** Arms the `nomem` fault: the next allocation fails. */
  failNextAllocation(): void {
    this.failNext = true;
  }

  /** kcalloc(n, size): true when it returns memory. The simulator keeps no storage here. */
  kcalloc(n: bigint | number, size: number): boolean {
    this.attempts++;
    if (this.failNext) {
      this.failNext = false;
      return false;
    }
    // Below 2^53 the product is exact as a number, which spares a bigint per call.
    const count = Number(n);
    return count * size <= 2 ** 53
      ? count * size <= KMALLOC_MAX
      : BigInt(n) * BigInt(size) <= KMALLOC_MAX_SIZE;
  }
}
