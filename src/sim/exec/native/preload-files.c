/*
 * The calls on the files kernel objects hand out besides ioctl: read and write (event
 * queues), poll (mixing simulated and real descriptors), mmap and munmap (a driver's pages).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT ssize_t read(int fd, void *buf, size_t count)
{
	sim_resolve();
	if (!sim_fd_kind(fd))
		return sim_real.read(fd, buf, count);
	return (ssize_t)sim_simple_call(SIM_REQ_READ, fd, (uint64_t)(uintptr_t)buf, count);
}

EXPORT ssize_t write(int fd, const void *buf, size_t count)
{
	struct sim_request *r;
	struct sim_reply rep;
	int64_t ret;

	sim_resolve();
	if (!sim_fd_kind(fd))
		return sim_real.write(fd, buf, count);
	r = sim_begin(SIM_REQ_WRITE, fd);
	if (!r)
		return -1;
	r->hdr.a = (uint64_t)(uintptr_t)buf;
	r->hdr.b = count;
	if (count && count <= SIM_PREFETCH_ARRAY_MAX)
		sim_append_region(r, (uint64_t)(uintptr_t)buf, count, 0);
	if (sim_call(r, &rep) < 0) {
		sim_end();
		return -1;
	}
	ret = rep.ret;
	sim_end();
	if (rep.status) {
		errno = rep.status;
		return -1;
	}
	return (ssize_t)ret;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Asks the simulator for the revents of the simulated entries; how many are ready, or -1. */
static int poll_simulated(struct pollfd *fds, nfds_t n)
{
	struct sim_request *r = sim_begin(SIM_REQ_POLL, -1);
	struct sim_reply rep;
	int ready = 0;

	if (!r)
		return -1;
	for (nfds_t i = 0; i < n; i++) {
		struct sim_poll_entry e = { fds[i].fd, fds[i].events, 0 };
		if (sim_fd_kind(fds[i].fd) && !sim_append(r, &e, sizeof e))
			break;
	}
	if (sim_call(r, &rep) < 0) {
		sim_end();
		return -1;
	}
	for (size_t at = 0; at + sizeof(struct sim_poll_entry) <= rep.len; at += sizeof(struct sim_poll_entry)) {
		struct sim_poll_entry e;
		memcpy(&e, rep.payload + at, sizeof e);
		for (nfds_t i = 0; i < n; i++)
			if (fds[i].fd == e.fd && sim_fd_kind(fds[i].fd))
				fds[i].revents = e.revents;
	}
	sim_end();
	for (nfds_t i = 0; i < n; i++)
		ready += sim_fd_kind(fds[i].fd) && fds[i].revents;
	return ready;
}

/*
 * A poll mixing simulated and real descriptors: the simulated ones are asked for, the real
 * ones polled in slices of at most 10 ms until something is ready or the time is up (events
 * on simulated files only arise from calls into the simulator, by this or another process).
 */
EXPORT int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	struct pollfd local[64], *others;
	long long deadline = timeout < 0 ? -1 : now_ms() + timeout;
	int simulated = 0, ready;

	sim_resolve();
	for (nfds_t i = 0; i < n; i++)
		simulated += sim_fd_kind(fds[i].fd) != 0;
	if (!simulated)
		return sim_real.poll(fds, n, timeout);
	others = n <= 64 ? local : malloc(n * sizeof *others);
	if (!others) {
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		long long left = deadline < 0 ? 10 : deadline - now_ms();
		ready = poll_simulated(fds, n);
		if (ready < 0)
			break;
		for (nfds_t i = 0; i < n; i++) {
			others[i] = fds[i];
			if (sim_fd_kind(fds[i].fd))
				others[i].fd = -1;
		}
		int got = sim_real.poll(others, n, ready || left <= 0 ? 0 : left < 10 ? (int)left : 10);
		if (got < 0) {
			ready = -1;
			break;
		}
		for (nfds_t i = 0; i < n; i++)
			if (!sim_fd_kind(fds[i].fd)) {
				fds[i].revents = others[i].revents;
				ready += others[i].revents != 0;
			}
		if (ready || (deadline >= 0 && now_ms() >= deadline))
			break;
	}
	if (others != local)
		free(others);
	return ready;
}

/* ---- mmap of a simulated file (the iommufd's driver pages) ---- */

/* Mappings of simulated files: where, how long, and the simulator's number for each. */
#define SIM_MAPPINGS 64
static struct { uintptr_t addr; size_t len; uint64_t id; } mappings[SIM_MAPPINGS];
static int mapping_count;

static void *sim_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t alen = (len + page - 1) & ~(page - 1);
	struct sim_request *r;
	struct sim_reply rep;
	void *p = MAP_FAILED;

	/* What the mmap system call checks before the file's mmap op. */
	if (!len || alen < len || (off & (off_t)(page - 1))) {
		errno = !len || (off & (off_t)(page - 1)) ? EINVAL : ENOMEM;
		return MAP_FAILED;
	}
	if (mapping_count == SIM_MAPPINGS) {
		errno = ENOMEM;
		return MAP_FAILED;
	}
	r = sim_begin(SIM_REQ_MMAP, fd);
	if (!r)
		return MAP_FAILED;
	r->hdr.a = alen;
	r->hdr.b = (uint64_t)off;
	r->hdr.c = (uint64_t)(unsigned)prot | (uint64_t)(unsigned)flags << 32;
	if (sim_call(r, &rep) < 0) {
		sim_end();
		return MAP_FAILED;
	}
	if (rep.status) {
		sim_end();
		errno = rep.status;
		return MAP_FAILED;
	}
	/* The driver's pages, as a shared mapping of their bytes (reads see what it wrote). */
	p = sim_real.mmap(addr, alen, PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS | (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)), -1, 0);
	if (p != MAP_FAILED) {
		memcpy(p, rep.payload, rep.len < alen ? rep.len : alen);
		if (prot != (PROT_READ | PROT_WRITE))
			mprotect(p, alen, prot);
		mappings[mapping_count].addr = (uintptr_t)p;
		mappings[mapping_count].len = alen;
		mappings[mapping_count++].id = (uint64_t)rep.ret;
	}
	sim_end();
	if (p == MAP_FAILED) {
		int e = errno;
		sim_simple_call(SIM_REQ_MUNMAP, -1, (uint64_t)rep.ret, 0);
		errno = e;
	}
	return p;
}

EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	sim_resolve();
	if (flags & MAP_ANONYMOUS || !sim_fd_kind(fd))
		return sim_real.mmap(addr, len, prot, flags, fd, off);
	return sim_mmap(addr, len, prot, flags, fd, off);
}

EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
	__attribute__((alias("mmap")));

/* A mapping entirely unmapped is gone for the simulator too (its owner is no longer busy). */
EXPORT int munmap(void *addr, size_t len)
{
	int rc;

	sim_resolve();
	rc = sim_real.munmap(addr, len);
	if (rc || !mapping_count)
		return rc;
	for (int i = mapping_count - 1; i >= 0; i--) {
		uintptr_t a = (uintptr_t)addr;
		if (mappings[i].addr < a || mappings[i].addr + mappings[i].len > a + len)
			continue;
		sim_simple_call(SIM_REQ_MUNMAP, -1, mappings[i].id, 0);
		mappings[i] = mappings[--mapping_count];
	}
	return rc;
}
