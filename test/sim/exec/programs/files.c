/*
 * Descriptors of simulated files behave as the kernel's: a dup and a fork child keep the
 * iommufd context alive after the first descriptor is closed; close-on-exec descriptors are
 * gone in an exec'd image, others are still the same file; an event queue's descriptor holds
 * its object (EBUSY) until closed, then the object can go. Run as "files" (the test) or
 * "files exec FD ID" (the exec'd image, which checks it still reaches object ID through FD).
 */
#include <sys/wait.h>
#include "common.h"

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "exec")) {
		struct iommu_destroy d = { .size = sizeof d, .id = 9999 };
		int fd = atoi(argv[2]);
		EXPECT_ERRNO(ENOENT, ioctl(fd, IOMMU_DESTROY, &d));
		d.id = atoi(argv[3]);
		CHECK(ioctl(fd, IOMMU_DESTROY, &d) == 0);
		return 0;
	}
	int fd = open("/dev/iommu", O_RDWR);
	uint32_t ioas = ioas_alloc(fd);
	int copy = dup(fd);
	CHECK(copy > fd && close(fd) == 0);
	struct iommu_destroy d = { .size = sizeof d, .id = ioas };
	CHECK(ioctl(copy, IOMMU_DESTROY, &d) == 0);

	/* A fork child uses the same context, even after the parent closed its descriptor. */
	ioas = ioas_alloc(copy);
	pid_t child = fork();
	if (child == 0) {
		usleep(50000);
		d.id = ioas;
		CHECK(ioctl(copy, IOMMU_DESTROY, &d) == 0);
		_exit(0);
	}
	CHECK(close(copy) == 0);
	int status;
	CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* exec: a descriptor without O_CLOEXEC is still the same file in the new image. */
	fd = open("/dev/iommu", O_RDWR);
	ioas = ioas_alloc(fd);
	child = fork();
	if (child == 0) {
		char f[16], id[16];
		snprintf(f, sizeof f, "%d", fd);
		snprintf(id, sizeof id, "%u", ioas);
		execl(argv[0], argv[0], "exec", f, id, (char *)NULL);
		_exit(127);
	}
	CHECK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* A fault queue's file holds the queue until it is closed. */
	struct iommu_fault_alloc fa = { .size = sizeof fa };
	CHECK(ioctl(fd, IOMMU_FAULT_QUEUE_ALLOC, &fa) == 0);
	CHECK(fcntl(fa.out_fault_fd, F_GETFD) == FD_CLOEXEC);
	d.id = fa.out_fault_id;
	EXPECT_ERRNO(EBUSY, ioctl(fd, IOMMU_DESTROY, &d));
	CHECK(close(fa.out_fault_fd) == 0);
	CHECK(ioctl(fd, IOMMU_DESTROY, &d) == 0);
	printf("files: ok\n");
	return 0;
}
