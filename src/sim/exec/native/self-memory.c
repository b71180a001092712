/*
 * The process's own memory, read and written for the simulator without ever dereferencing a
 * pointer the program passed: process_vm_readv/writev on itself, or, where those are not
 * allowed (a seccomp filter), a pipe: write() from a bad address or read() into one fails
 * with EFAULT instead of crashing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "channel.h"

int sim_pipe_fds[2] = { -1, -1 };
static int use_pipe;

/* A private pipe for the fallback copies, kept far from the program's descriptors. */
static int fallback_pipe(void)
{
	int p[2];

	if (sim_pipe_fds[0] >= 0)
		return 0;
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	sim_pipe_fds[0] = sim_real.fcntl(p[0], F_DUPFD_CLOEXEC, 900);
	sim_pipe_fds[1] = sim_real.fcntl(p[1], F_DUPFD_CLOEXEC, 900);
	sim_real.close(p[0]);
	sim_real.close(p[1]);
	return sim_pipe_fds[0] >= 0 && sim_pipe_fds[1] >= 0 ? 0 : -1;
}

/*
 * Copies through the pipe, 4 KiB at a time: write() from a bad source or read() into a bad
 * destination fails with EFAULT instead of crashing the process.
 */
static int pipe_copy(const void *src, void *dst, size_t n)
{
	unsigned char drain[4096];

	if (fallback_pipe() < 0)
		return -1;
	while (n) {
		size_t chunk = n < sizeof drain ? n : sizeof drain;
		ssize_t w = sim_real.write(sim_pipe_fds[1], src, chunk);
		if (w <= 0)
			return -1;
		ssize_t r = sim_real.read(sim_pipe_fds[0], dst, (size_t)w);
		if (r != w) {
			while (r < w) { /* the destination faulted: empty the pipe */
				ssize_t d = sim_real.read(sim_pipe_fds[0], drain, (size_t)(w - (r > 0 ? r : 0)));
				if (d <= 0)
					break;
				r = (r > 0 ? r : 0) + d;
			}
			return -1;
		}
		src = (const unsigned char *)src + w;
		dst = (unsigned char *)dst + w;
		n -= (size_t)w;
	}
	return 0;
}

static int vm_copy(uint64_t addr, void *buf, size_t n, int to_process)
{
	struct iovec local = { buf, n };
	struct iovec remote = { (void *)(uintptr_t)addr, n };
	ssize_t done;

	if (n == 0)
		return 0;
	if (!use_pipe) {
		done = to_process ? process_vm_writev(getpid(), &local, 1, &remote, 1, 0)
				  : process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
		if (done == (ssize_t)n)
			return 0;
		if (done >= 0 || errno == EFAULT) {
			errno = EFAULT;
			return -1;
		}
		/* Not allowed here (a seccomp filter, no CONFIG_CROSS_MEMORY_ATTACH): use the pipe. */
		use_pipe = 1;
	}
	if (to_process ? pipe_copy(buf, (void *)(uintptr_t)addr, n)
		       : pipe_copy((void *)(uintptr_t)addr, buf, n)) {
		errno = EFAULT;
		return -1;
	}
	return 0;
}

int sim_read_self(uint64_t addr, void *buf, size_t n)
{
	return vm_copy(addr, buf, n, 0);
}

int sim_write_self(uint64_t addr, const void *buf, size_t n)
{
	return vm_copy(addr, (void *)buf, n, 1);
}

