/* Helpers the test programs share: a failed check prints where and exits 1. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/iommufd.h>
#include "iommufd_test.h"

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "%s:%d: %s (errno %d)\n", __FILE__, __LINE__, #cond, \
				errno);                                              \
			exit(1);                                                     \
		}                                                                    \
	} while (0)

/* ioctl that must fail with `e`. */
#define EXPECT_ERRNO(e, call) CHECK((call) == -1 && errno == (e))

static inline uint32_t ioas_alloc(int fd)
{
	struct iommu_ioas_alloc c = { .size = sizeof c };
	CHECK(ioctl(fd, IOMMU_IOAS_ALLOC, &c) == 0);
	return c.out_ioas_id;
}

/* A mock device attached to `pt`: its device ID, and its selftest object in *stdev. */
static inline uint32_t mock_device(int fd, uint32_t pt, uint32_t *stdev)
{
	struct iommu_test_cmd c = { .size = sizeof c, .op = IOMMU_TEST_OP_MOCK_DOMAIN, .id = pt };
	CHECK(ioctl(fd, IOMMU_TEST_CMD, &c) == 0);
	if (stdev)
		*stdev = c.mock_domain.out_stdev_id;
	return c.mock_domain.out_idev_id;
}

static inline uint32_t hwpt_alloc(int fd, uint32_t dev, uint32_t pt, uint32_t flags)
{
	struct iommu_hwpt_alloc c = { .size = sizeof c, .flags = flags, .dev_id = dev, .pt_id = pt };
	CHECK(ioctl(fd, IOMMU_HWPT_ALLOC, &c) == 0);
	return c.out_hwpt_id;
}

static inline uint32_t viommu_alloc(int fd, uint32_t dev, uint32_t hwpt)
{
	struct iommu_viommu_alloc c = { .size = sizeof c, .type = IOMMU_VIOMMU_TYPE_SELFTEST,
					.dev_id = dev, .hwpt_id = hwpt };
	CHECK(ioctl(fd, IOMMU_VIOMMU_ALLOC, &c) == 0);
	return c.out_viommu_id;
}

/* A mock vIOMMU with one vDEVICE (virt_id 1): its ID; *dev gets the device. */
static inline uint32_t mock_viommu(int fd, uint32_t *dev)
{
	uint32_t ioas = ioas_alloc(fd);
	uint32_t d = mock_device(fd, ioas, NULL);
	uint32_t parent = hwpt_alloc(fd, d, ioas, IOMMU_HWPT_ALLOC_NEST_PARENT);
	uint32_t viommu = viommu_alloc(fd, d, parent);
	struct iommu_vdevice_alloc v = { .size = sizeof v, .viommu_id = viommu, .dev_id = d,
					 .virt_id = 1 };
	CHECK(ioctl(fd, IOMMU_VDEVICE_ALLOC, &v) == 0);
	if (dev)
		*dev = d;
	return viommu;
}
