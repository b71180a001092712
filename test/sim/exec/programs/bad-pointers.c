/*
 * Bad pointers get EFAULT as the kernel gives it, and the process does not crash: the
 * argument itself (NULL, unmapped, running off the end of a mapping), the entry array an
 * argument points to (entry_num then comes back 0), and a read-only argument the kernel
 * must write back to (the allocation is then undone: the next one gets the same ID).
 */
#include "common.h"

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	int fd = open("/dev/iommu", O_RDWR);
	unsigned char *map;

	CHECK(fd >= 0);
	EXPECT_ERRNO(EFAULT, ioctl(fd, IOMMU_DESTROY, NULL));
	EXPECT_ERRNO(EFAULT, ioctl(fd, IOMMU_DESTROY, (void *)0x10));

	/* The size word is mapped, the rest of the struct is not. */
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(map != MAP_FAILED);
	CHECK(munmap(map + page, page) == 0);
	struct iommu_destroy *edge = (void *)(map + page - 4);
	edge->size = sizeof *edge;
	EXPECT_ERRNO(EFAULT, ioctl(fd, IOMMU_DESTROY, edge));

	/* The entry array is not mapped: EFAULT, and no entry handled. */
	uint32_t dev;
	uint32_t viommu = mock_viommu(fd, &dev);
	struct iommu_hwpt_invalidate inv = {
		.size = sizeof inv,
		.hwpt_id = viommu,
		.data_uptr = (uintptr_t)(map + page),
		.data_type = IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST,
		.entry_len = sizeof(struct iommu_viommu_invalidate_selftest),
		.entry_num = 2,
	};
	EXPECT_ERRNO(EFAULT, ioctl(fd, IOMMU_HWPT_INVALIDATE, &inv));
	CHECK(inv.entry_num == 0);

	/* A read-only argument: copied in, but the ID cannot be written back. */
	struct iommu_ioas_alloc *ro = (void *)map;
	ro->size = sizeof *ro;
	ro->flags = 0;
	CHECK(mprotect(map, page, PROT_READ) == 0);
	EXPECT_ERRNO(EFAULT, ioctl(fd, IOMMU_IOAS_ALLOC, ro));
	uint32_t id = ioas_alloc(fd);
	struct iommu_destroy d = { .size = sizeof d, .id = id };
	CHECK(ioctl(fd, IOMMU_DESTROY, &d) == 0);
	CHECK(ioas_alloc(fd) == id);

	/* A NULL data pointer the driver copies from. */
	struct iommu_hwpt_alloc nested = {
		.size = sizeof nested, .dev_id = dev, .pt_id = viommu,
		.data_type = IOMMU_HWPT_DATA_SELFTEST, .data_len = sizeof(struct iommu_hwpt_selftest),
	};
	EXPECT_ERRNO(EFAULT, ioctl(fd, IOMMU_HWPT_ALLOC, &nested));
	printf("bad pointers: all EFAULT\n");
	return 0;
}
