/*
 * The preload library of `uapi-gen sim exec`: LD_PRELOADed into an unmodified program, it
 * turns open("/dev/iommu") into a simulated file and forwards everything done on simulated
 * descriptors (ioctl, read, write, poll, close, dup, fcntl's F_DUPFD, fork) to the simulator
 * over the channel (channel.c). A simulated descriptor is a real one (a memfd placeholder), so
 * its number is allocated by the kernel as any fd's would be, and close-on-exec, fork and exec
 * keep their meaning. Everything else goes straight to libc.
 *
 * With an ioctl the preload sends the argument struct as the size word says (at most
 * SIM_PREFETCH_STRUCT_MAX bytes) and the entry arrays the generated table (ioctl-table.h)
 * locates, each read with process_vm_readv on this process, so a bad pointer is found
 * without crashing; the simulator asks for anything else it needs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"

#define EXPORT __attribute__((visibility("default")))

__attribute__((constructor)) static void preload_init(void)
{
	sim_attach();
}

static int is_device(const char *path)
{
	return path && strcmp(path, "/dev/iommu") == 0;
}

static int fd_inode(int fd, uint64_t *ino)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	*ino = (uint64_t)st.st_ino;
	return 0;
}

static int sim_open(int flags)
{
	int fd = memfd_create("iommufd", (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
	uint64_t ino;

	if (fd < 0)
		return -1;
	if (fd >= SIM_FD_TABLE || fd_inode(fd, &ino) < 0) {
		sim_real.close(fd);
		errno = EMFILE;
		return -1;
	}
	if (sim_simple_call(SIM_REQ_OPEN, fd, (uint64_t)(unsigned)flags, ino) < 0) {
		int e = errno;
		sim_real.close(fd);
		errno = e;
		return -1;
	}
	sim_fd_set(fd, SIM_FD_KIND_IOMMUFD);
	return fd;
}

static int open_mode(int flags, va_list ap)
{
	return (flags & O_CREAT) || (flags & __O_TMPFILE) == __O_TMPFILE ? va_arg(ap, int) : 0;
}

EXPORT int open(const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	sim_resolve();
	if (sim_active() && is_device(path))
		return sim_open(flags);
	return sim_real.open(path, flags, mode);
}

EXPORT int open64(const char *path, int flags, ...)
	__attribute__((alias("open")));

EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = open_mode(flags, ap);
	va_end(ap);
	sim_resolve();
	if (sim_active() && is_device(path))
		return sim_open(flags);
	return sim_real.openat(dirfd, path, flags, mode);
}

EXPORT int openat64(int dirfd, const char *path, int flags, ...)
	__attribute__((alias("openat")));

/* The _FORTIFY_SOURCE entry points (no mode argument). */
EXPORT int __open_2(const char *path, int flags)
{
	return open(path, flags);
}

EXPORT int __open64_2(const char *path, int flags)
{
	return open(path, flags);
}

EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	return openat(dirfd, path, flags);
}

EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	return openat(dirfd, path, flags);
}

/* The simulator drops its reference for fd (the kernel's close never fails for it). */
static void forget(int fd)
{
	if (!sim_fd_kind(fd))
		return;
	sim_simple_call(SIM_REQ_CLOSE, fd, 0, 0);
	sim_fd_set(fd, 0);
}

static void duplicated(int old, int fd)
{
	uint64_t ino;

	if (fd < 0 || !sim_fd_kind(old) || fd_inode(fd, &ino) < 0)
		return;
	if (fd >= SIM_FD_TABLE || sim_simple_call(SIM_REQ_DUP, old, (uint64_t)fd, ino) < 0)
		return;
	sim_fd_set(fd, sim_fd_kind(old));
}

EXPORT int close(int fd)
{
	sim_resolve();
	if (sim_private_fd(fd)) {
		errno = EBADF;
		return -1;
	}
	forget(fd);
	return sim_real.close(fd);
}

EXPORT int dup(int old)
{
	int fd;

	sim_resolve();
	fd = sim_real.dup(old);
	duplicated(old, fd);
	return fd;
}

/* dup2 and dup3 close `fd` first when it is open: the simulator hears of both halves. */
static int dup_onto(int old, int fd, int flags, int three)
{
	int ret;

	sim_resolve();
	if (old != fd && sim_real.fcntl(old, F_GETFD) >= 0) {
		sim_vacate(fd);
		forget(fd);
	}
	ret = three ? sim_real.dup3(old, fd, flags) : sim_real.dup2(old, fd);
	if (ret >= 0 && old != fd)
		duplicated(old, ret);
	return ret;
}

EXPORT int dup2(int old, int fd)
{
	return dup_onto(old, fd, 0, 0);
}

EXPORT int dup3(int old, int fd, int flags)
{
	return dup_onto(old, fd, flags, 1);
}

EXPORT int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	sim_resolve();
	if (cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC)
		return sim_real.fcntl(fd, cmd, arg);
	ret = sim_real.fcntl(fd, cmd, (int)(intptr_t)arg);
	duplicated(fd, ret);
	return ret;
}

EXPORT int fcntl64(int fd, int cmd, ...) __attribute__((alias("fcntl")));

EXPORT pid_t fork(void)
{
	sim_resolve();
	return sim_fork(sim_real.fork);
}

