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
#include "ioctl-table.h"

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

/* Sends a request without payload; the reply's return value, or -1 with errno. */
static int64_t simple_call(uint32_t type, int fd, uint64_t a, uint64_t b)
{
	struct sim_request *r = sim_begin(type, fd);
	struct sim_reply rep;
	int64_t ret;

	if (!r)
		return -1;
	r->hdr.a = a;
	r->hdr.b = b;
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
	return ret;
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
	if (simple_call(SIM_REQ_OPEN, fd, (uint64_t)(unsigned)flags, ino) < 0) {
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
	simple_call(SIM_REQ_CLOSE, fd, 0, 0);
	sim_fd_set(fd, 0);
}

static void duplicated(int old, int fd)
{
	uint64_t ino;

	if (fd < 0 || !sim_fd_kind(old) || fd_inode(fd, &ino) < 0)
		return;
	if (fd >= SIM_FD_TABLE || simple_call(SIM_REQ_DUP, old, (uint64_t)fd, ino) < 0)
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

/* ---- ioctl ---- */

static const struct sim_ioctl *find_ioctl(uint32_t number)
{
	size_t lo = 0, hi = sizeof sim_ioctls / sizeof sim_ioctls[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (sim_ioctls[mid].number == number)
			return &sim_ioctls[mid];
		if (sim_ioctls[mid].number < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A field of the struct as the kernel's copy sees it: zero beyond the user's size. */
static uint64_t field(const unsigned char *s, size_t have, struct sim_field f)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64 = 0;

	if ((size_t)f.offset + f.size > have)
		return 0;
	switch (f.size) {
	case 1: memcpy(&u8, s + f.offset, 1); return u8;
	case 2: memcpy(&u16, s + f.offset, 2); return u16;
	case 4: memcpy(&u32, s + f.offset, 4); return u32;
	case 8: memcpy(&u64, s + f.offset, 8); return u64;
	}
	return 0;
}

/*
 * The argument struct (as long as its size word says) and the entry arrays it points to.
 * One read of sizeof(struct) usually covers the size word and the struct; a longer struct,
 * or one whose read faults, is read again as long as it says (or only its size word).
 */
static void prefetch(struct sim_request *r, uint32_t number, uint64_t arg)
{
	const struct sim_ioctl *d = find_ioctl(number);
	unsigned char s[SIM_PREFETCH_STRUCT_MAX];
	size_t n = d && d->size >= 4 ? d->size : 64, have;
	uint32_t usize;

	if (sim_read_self(arg, s, n) < 0) {
		if (sim_read_self(arg, s, 4) < 0)
			return;
		n = 4;
	}
	memcpy(&usize, s, sizeof usize);
	if (usize != n) {
		size_t want = usize < 4 ? 4 : usize > SIM_PREFETCH_STRUCT_MAX ? SIM_PREFETCH_STRUCT_MAX : usize;
		if (want < n || sim_read_self(arg, s, want) == 0)
			n = want;
	}
	if (!sim_append_region(r, arg, n, 1) || !d)
		return;
	have = n < usize ? n : usize;
	for (uint32_t i = 0; i < d->narrays; i++) {
		const struct sim_array *a = &d->arrays[i];
		uint64_t ptr = field(s, have, a->pointer);
		uint64_t total = field(s, have, a->entry_len) * field(s, have, a->count);
		if (ptr && total && total <= SIM_PREFETCH_ARRAY_MAX)
			sim_append_region(r, ptr, (size_t)total, 0);
	}
}

static int sim_ioctl(int fd, uint32_t number, uint64_t arg)
{
	struct sim_request *r = sim_begin(SIM_REQ_IOCTL, fd);
	struct sim_reply rep;
	int64_t ret;
	int status;

	if (!r)
		return -1;
	r->hdr.a = number;
	r->hdr.b = arg;
	prefetch(r, number, arg);
	if (sim_call(r, &rep) < 0) {
		sim_end();
		return -1;
	}
	ret = rep.ret;
	status = rep.status;
	if (sim_apply_writes(&rep) < 0 && !status)
		status = EFAULT;
	sim_end();
	if (status) {
		errno = status;
		return -1;
	}
	return (int)ret;
}

EXPORT int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	sim_resolve();
	if (!sim_fd_kind(fd))
		return sim_real.ioctl(fd, request, arg);
	return sim_ioctl(fd, (uint32_t)request, (uint64_t)(uintptr_t)arg);
}

/* ---- read, write, poll on the files kernel objects hand out ---- */

EXPORT ssize_t read(int fd, void *buf, size_t count)
{
	sim_resolve();
	if (!sim_fd_kind(fd))
		return sim_real.read(fd, buf, count);
	return (ssize_t)simple_call(SIM_REQ_READ, fd, (uint64_t)(uintptr_t)buf, count);
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
		simple_call(SIM_REQ_MUNMAP, -1, (uint64_t)rep.ret, 0);
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
		simple_call(SIM_REQ_MUNMAP, -1, mappings[i].id, 0);
		mappings[i] = mappings[--mapping_count];
	}
	return rc;
}
