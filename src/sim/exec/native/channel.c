/*
 * The channel to the simulator: locking, messages, service requests (see channel.h).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "channel.h"

#define HDR sizeof(struct sim_hdr)
#define PAD8(n) (((n) + 7) & ~(size_t)7)

struct sim_real sim_real;

static int chan_fd = -1;
static int lock_fd = -1;
static int broken;
static uint32_t my_pid;
static uint32_t next_seq;
/*
 * The exchange lock, shared by every thread of every process of the program: a robust
 * process-shared mutex in the lock file the launcher made (it never costs a system call
 * uncontended, and when its holder dies the next locker is told, EOWNERDEAD).
 */
static pthread_mutex_t *lock;
static __thread int in_exchange;

/* Message buffers: used only under the locks. */
static unsigned char tx[HDR + SIM_MAX_PAYLOAD] __attribute__((aligned(8)));
static unsigned char rx[HDR + SIM_MAX_PAYLOAD] __attribute__((aligned(8)));
static struct sim_request request;

static unsigned char fd_kinds[SIM_FD_TABLE];
static int fd_total;

void sim_resolve(void)
{
	if (sim_real.ioctl)
		return;
	sim_real.open = dlsym(RTLD_NEXT, "open");
	sim_real.openat = dlsym(RTLD_NEXT, "openat");
	sim_real.close = dlsym(RTLD_NEXT, "close");
	sim_real.dup = dlsym(RTLD_NEXT, "dup");
	sim_real.dup2 = dlsym(RTLD_NEXT, "dup2");
	sim_real.dup3 = dlsym(RTLD_NEXT, "dup3");
	sim_real.fcntl = dlsym(RTLD_NEXT, "fcntl");
	sim_real.read = dlsym(RTLD_NEXT, "read");
	sim_real.write = dlsym(RTLD_NEXT, "write");
	sim_real.poll = dlsym(RTLD_NEXT, "poll");
	sim_real.fork = dlsym(RTLD_NEXT, "fork");
	sim_real.mmap = dlsym(RTLD_NEXT, "mmap");
	sim_real.munmap = dlsym(RTLD_NEXT, "munmap");
	sim_real.ioctl = dlsym(RTLD_NEXT, "ioctl");
}

int sim_fd_kind(int fd)
{
	return fd >= 0 && fd < SIM_FD_TABLE ? fd_kinds[fd] : 0;
}

void sim_fd_set(int fd, int kind)
{
	if (fd < 0 || fd >= SIM_FD_TABLE)
		return;
	fd_total += (kind != 0) - (fd_kinds[fd] != 0);
	fd_kinds[fd] = (unsigned char)kind;
}

int sim_fd_count(void)
{
	return fd_total;
}

int sim_active(void)
{
	return chan_fd >= 0;
}

/* ---- attaching, locking ---- */

static int env_fd(const char *name)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (!v || !*v)
		return -1;
	n = strtol(v, &end, 10);
	return *end || n < 0 || n > 1 << 20 ? -1 : (int)n;
}

int sim_private_fd(int fd)
{
	return fd >= 0 && (fd == chan_fd || fd == lock_fd || fd == sim_pipe_fds[0] || fd == sim_pipe_fds[1]);
}

static void publish(const char *name, int fd)
{
	char v[16];

	snprintf(v, sizeof v, "%d", fd);
	setenv(name, v, 1);
}

void sim_vacate(int fd)
{
	int *mine[] = { &chan_fd, &lock_fd, &sim_pipe_fds[0], &sim_pipe_fds[1] };

	for (unsigned i = 0; i < sizeof mine / sizeof mine[0]; i++) {
		if (*mine[i] != fd)
			continue;
		int moved = sim_real.fcntl(fd, i < 2 ? F_DUPFD : F_DUPFD_CLOEXEC, fd + 1);
		if (moved < 0)
			continue;
		sim_real.close(fd);
		*mine[i] = moved;
		if (i == 0)
			publish("UAPI_GEN_SIM_FD", moved);
		if (i == 1)
			publish("UAPI_GEN_SIM_LOCK_FD", moved);
	}
}

static void lock_all(void)
{
	if (pthread_mutex_lock(lock) == EOWNERDEAD)
		pthread_mutex_consistent(lock); /* its holder died mid-exchange: take over */
}

static void unlock_all(void)
{
	pthread_mutex_unlock(lock);
}

/* The exchange lock (also held across fork, see sim_fork). NULL (EDEADLK) when re-entered. */
int sim_lock(void)
{
	/* A signal handler calling in while this thread is mid-exchange cannot be served. */
	if (in_exchange) {
		errno = EDEADLK;
		return -1;
	}
	lock_all();
	in_exchange++;
	return 0;
}

/* Starts a request when the lock is held. */
struct sim_request *sim_request(uint32_t type, int fd)
{
	memset(&request.hdr, 0, sizeof request.hdr);
	request.hdr.type = type;
	request.hdr.fd = fd;
	request.payload = tx + HDR;
	request.len = 0;
	return &request;
}

struct sim_request *sim_begin(uint32_t type, int fd)
{
	return sim_lock() < 0 ? NULL : sim_request(type, fd);
}

void sim_end(void)
{
	in_exchange--;
	unlock_all();
}

int sim_append(struct sim_request *r, const void *data, size_t n)
{
	if (r->len + n > SIM_MAX_PAYLOAD)
		return 0;
	memcpy(r->payload + r->len, data, n);
	r->len += n;
	return 1;
}

int sim_append_region(struct sim_request *r, uint64_t addr, size_t n, int probe_write)
{
	struct sim_region reg = { .addr = addr, .len = (uint32_t)n, .flags = 0 };
	unsigned char *data = r->payload + r->len + sizeof reg;

	if (r->len + sizeof reg + PAD8(n) > SIM_MAX_PAYLOAD)
		return 0;
	if (sim_read_self(addr, data, n) < 0)
		return 0;
	/* Writing the same bytes back tells whether the kernel's copy_to_user would fault. */
	if (probe_write && sim_write_self(addr, data, n) == 0)
		reg.flags |= SIM_REGION_WRITABLE;
	memcpy(r->payload + r->len, &reg, sizeof reg);
	memset(data + n, 0, PAD8(n) - n);
	r->len += sizeof reg + PAD8(n);
	return 1;
}

static int channel_broken(void)
{
	if (!broken) {
		static const char msg[] =
			"uapi-gen sim exec: the simulator is gone; /dev/iommu calls fail with EIO\n";
		broken = 1;
		(void)!sim_real.write(2, msg, sizeof msg - 1);
	}
	errno = EIO;
	return -1;
}

static int send_message(const void *buf, size_t n)
{
	for (;;) {
		ssize_t s = send(chan_fd, buf, n, MSG_NOSIGNAL);
		if (s == (ssize_t)n)
			return 0;
		if (s < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

int sim_call(struct sim_request *r, struct sim_reply *out)
{
	struct sim_hdr *h = (struct sim_hdr *)tx;

	if (broken) {
		errno = EIO;
		return -1;
	}
	r->hdr.pid = my_pid;
	r->hdr.seq = ++next_seq;
	r->hdr.len = (uint32_t)r->len;
	memcpy(h, &r->hdr, HDR);
	if (send_message(tx, HDR + r->len) < 0)
		return channel_broken();
	for (;;) {
		ssize_t n = recv(chan_fd, rx, sizeof rx, 0);
		const struct sim_hdr *m = (const struct sim_hdr *)rx;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return channel_broken();
		/* Messages for an exchange of a process that died are skipped whole. */
		if ((size_t)n < HDR || m->pid != my_pid || m->seq != r->hdr.seq)
			continue;
		if (m->type == SIM_REPLY) {
			out->ret = (int64_t)m->a;
			out->status = m->status;
			out->payload = rx + HDR;
			out->len = m->len;
			return 0;
		}
		if (send_message(tx, sim_answer(m, rx + HDR, tx)) < 0)
			return channel_broken();
	}
}

/* Sends a request without payload; the reply's return value, or -1 with errno. */
int64_t sim_simple_call(uint32_t type, int fd, uint64_t a, uint64_t b)
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

int sim_apply_writes(const struct sim_reply *rep)
{
	size_t at = 0;
	int rc = 0;

	while (at + sizeof(struct sim_region) <= rep->len) {
		struct sim_region reg;
		memcpy(&reg, rep->payload + at, sizeof reg);
		at += sizeof reg;
		if (at + reg.len > rep->len)
			break;
		if (sim_write_self(reg.addr, rep->payload + at, reg.len) < 0)
			rc = -1;
		at += PAD8(reg.len);
	}
	if (rc)
		errno = EFAULT;
	return rc;
}

/* ---- process start and fork ---- */

/* Which simulated fds this process image still holds: asked at every start. */
static void hello(void)
{
	struct sim_request *r = sim_begin(SIM_REQ_HELLO, -1);
	struct sim_fd_entry confirmed[256];
	unsigned n = 0;
	size_t listed = 0;
	struct sim_reply rep;

	if (!r)
		return;
	r->hdr.a = (uint64_t)getppid();
	if (sim_call(r, &rep) == 0) {
		listed = rep.len;
		for (size_t at = 0; at + sizeof(struct sim_fd_entry) <= rep.len && n < 256;
		     at += sizeof(struct sim_fd_entry)) {
			struct sim_fd_entry e;
			struct stat st;
			memcpy(&e, rep.payload + at, sizeof e);
			if (fstat(e.fd, &st) == 0 && (uint64_t)st.st_ino == e.ino) {
				confirmed[n++] = e;
				sim_fd_set(e.fd, (int)e.kind);
			}
		}
	}
	sim_end();
	if (!listed)
		return;
	r = sim_begin(SIM_REQ_CONFIRM, -1);
	if (!r)
		return;
	sim_append(r, confirmed, n * sizeof confirmed[0]);
	sim_call(r, &rep);
	sim_end();
}

void sim_attach(void)
{
	struct stat st;
	int fd = env_fd("UAPI_GEN_SIM_FD");
	int lk = env_fd("UAPI_GEN_SIM_LOCK_FD");

	sim_resolve();
	if (fd < 0 || lk < 0 || fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode) || fstat(lk, &st) < 0 ||
	    (size_t)st.st_size < sizeof(pthread_mutex_t))
		return;
	lock = mmap(NULL, sizeof(pthread_mutex_t), PROT_READ | PROT_WRITE, MAP_SHARED, lk, 0);
	if (lock == MAP_FAILED) {
		lock = NULL;
		return;
	}
	chan_fd = fd;
	lock_fd = lk;
	my_pid = (uint32_t)getpid();
	pthread_atfork(NULL, NULL, sim_after_fork);
	hello();
}

/* In a fork child: its own pid, and no exchange of its own in progress. */
void sim_after_fork(void)
{
	in_exchange = 0;
	my_pid = (uint32_t)getpid();
	next_seq = 0;
}

/*
 * fork with simulated descriptors: the parent holds the exchange lock across the fork and
 * tells the simulator about the child before anyone can use or close a descriptor, so the
 * child holds exactly what the parent held at the fork. The child's first exchange waits
 * for the parent to release the lock.
 */
pid_t sim_fork(pid_t (*real_fork)(void))
{
	struct sim_reply rep;
	pid_t pid;

	if (!sim_active() || broken || !fd_total || sim_lock() < 0)
		return real_fork();
	pid = real_fork();
	if (pid == 0)
		return 0; /* sim_after_fork ran; the lock is the parent's to release */
	if (pid > 0) {
		struct sim_request *r = sim_request(SIM_REQ_FORK, -1);
		r->hdr.a = (uint64_t)pid;
		sim_call(r, &rep);
	}
	sim_end();
	return pid;
}
