/*
 * Invalidates in a loop until killed; with "fork" a child does it and is killed by its
 * parent, which must then still get answers from the simulator (the lock the child held
 * is recovered, the child's unread messages skipped) and exits 0.
 */
#include <signal.h>
#include <sys/wait.h>
#include "common.h"

static void loop(int fd, uint32_t viommu)
{
	struct iommu_viommu_invalidate_selftest e[64] = { 0 };
	for (int i = 0; i < 64; i++)
		e[i].vdev_id = 1;
	for (;;) {
		struct iommu_hwpt_invalidate inv = {
			.size = sizeof inv, .hwpt_id = viommu, .data_uptr = (uintptr_t)e,
			.data_type = IOMMU_VIOMMU_INVALIDATE_DATA_SELFTEST, .entry_len = sizeof e[0],
			.entry_num = 64,
		};
		CHECK(ioctl(fd, IOMMU_HWPT_INVALIDATE, &inv) == 0 && inv.entry_num == 64);
	}
}

int main(int argc, char **argv)
{
	int fd = open("/dev/iommu", O_RDWR);
	uint32_t viommu = mock_viommu(fd, NULL);

	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc < 2 || strcmp(argv[1], "fork")) {
		printf("looping\n");
		loop(fd, viommu);
	}
	for (int round = 0; round < 5; round++) {
		pid_t child = fork();
		CHECK(child >= 0);
		if (child == 0)
			loop(fd, viommu);
		usleep(20000);
		CHECK(kill(child, SIGKILL) == 0);
		CHECK(waitpid(child, NULL, 0) == child);
		struct iommu_destroy d = { .size = sizeof d, .id = 9999 };
		EXPECT_ERRNO(ENOENT, ioctl(fd, IOMMU_DESTROY, &d));
	}
	printf("parent went on after its children died mid-ioctl\n");
	return 0;
}
