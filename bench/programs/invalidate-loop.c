/*
 * `sim exec` benchmark program: N IOMMU_HWPT_INVALIDATE calls of 64 entries each on a mock
 * vIOMMU ("sim", run under uapi-gen sim exec), or the same loop of ioctls on /dev/null, a
 * native ioctl that does nothing ("native"). Prints the calls per second of the loop alone.
 *
 * usage: invalidate-loop sim|native N
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include "iommufd_test.h"

#define ENTRIES 64

static void die(const char *what)
{
	fprintf(stderr, "invalidate-loop: %s: %s\n", what, strerror(errno));
	exit(1);
}

static uint32_t mock_viommu(int fd)
{
	struct iommu_ioas_alloc ioas = { .size = sizeof ioas };
	struct iommu_test_cmd dev = { .size = sizeof dev, .op = IOMMU_TEST_OP_MOCK_DOMAIN };
	struct iommu_hwpt_alloc hwpt = { .size = sizeof hwpt, .flags = IOMMU_HWPT_ALLOC_NEST_PARENT };
	struct iommu_viommu_alloc viommu = { .size = sizeof viommu, .type = IOMMU_VIOMMU_TYPE_SELFTEST };
	struct iommu_vdevice_alloc vdev = { .size = sizeof vdev, .virt_id = 1 };

	if (ioctl(fd, IOMMU_IOAS_ALLOC, &ioas))
		die("IOMMU_IOAS_ALLOC");
	dev.id = ioas.out_ioas_id;
	if (ioctl(fd, IOMMU_TEST_CMD, &dev))
		die("IOMMU_TEST_OP_MOCK_DOMAIN");
	hwpt.dev_id = viommu.dev_id = vdev.dev_id = dev.mock_domain.out_idev_id;
	hwpt.pt_id = ioas.out_ioas_id;
	if (ioctl(fd, IOMMU_HWPT_ALLOC, &hwpt))
		die("IOMMU_HWPT_ALLOC");
	viommu.hwpt_id = hwpt.out_hwpt_id;
	if (ioctl(fd, IOMMU_VIOMMU_ALLOC, &viommu))
		die("IOMMU_VIOMMU_ALLOC");
	vdev.viommu_id = viommu.out_viommu_id;
	if (ioctl(fd, IOMMU_VDEVICE_ALLOC, &vdev))
		die("IOMMU_VDEVICE_ALLOC");
	return viommu.out_viommu_id;
}

int main(int argc, char **argv)
{
	int sim = argc == 3 && !strcmp(argv[1], "sim");
	long n = argc == 3 ? atol(argv[2]) : 0;
	static struct iommu_viommu_invalidate_selftest e[ENTRIES];
	struct timespec t0, t1;
	int fd;

	if (n <= 0)
		return fprintf(stderr, "usage: invalidate-loop sim|native N\n"), 2;
	fd = open(sim ? "/dev/iommu" : "/dev/null", O_RDWR);
	if (fd < 0)
		die("open");
	for (int i = 0; i < ENTRIES; i++)
		e[i] = (struct iommu_viommu_invalidate_selftest){ .vdev_id = 1, .cache_id = i % 4 };
	struct iommu_hwpt_invalidate inv = {
		.size = sizeof inv,
		.hwpt_id = sim ? mock_viommu(fd) : 0,
		.data_uptr = (uintptr_t)e,
		.data_type = IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST,
		.entry_len = sizeof e[0],
	};
	for (long i = -n / 10; i < n; i++) { /* the first tenth warms up, untimed */
		if (i == 0)
			clock_gettime(CLOCK_MONOTONIC, &t0);
		inv.entry_num = ENTRIES;
		int rc = ioctl(fd, IOMMU_HWPT_INVALIDATE, &inv);
		if (sim ? rc || inv.entry_num != ENTRIES : rc != -1 || errno != ENOTTY)
			die("IOMMU_HWPT_INVALIDATE");
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("%.0f\n", n / s);
	return 0;
}
