/*
 * The preload library's side of the channel to the simulator (see protocol.ts): one exchange
 * at a time per process (a mutex) and across the processes sharing the socket (a POSIX record
 * lock, which the kernel drops when its holder dies), service requests answered from the
 * process's own memory without ever dereferencing a pointer the program passed.
 */
#ifndef UAPI_GEN_SIM_CHANNEL_H
#define UAPI_GEN_SIM_CHANNEL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "protocol.h"

/* The real libc functions the preload wraps, resolved with dlsym(RTLD_NEXT). */
struct sim_real {
	int (*open)(const char *, int, ...);
	int (*openat)(int, const char *, int, ...);
	int (*close)(int);
	int (*dup)(int);
	int (*dup2)(int, int);
	int (*dup3)(int, int, int);
	int (*fcntl)(int, int, ...);
	int (*ioctl)(int, unsigned long, ...);
	ssize_t (*read)(int, void *, size_t);
	ssize_t (*write)(int, const void *, size_t);
	int (*poll)(void *, unsigned long, int);
	pid_t (*fork)(void);
	void *(*mmap)(void *, size_t, int, int, int, off_t);
	int (*munmap)(void *, size_t);
};
extern struct sim_real sim_real;
void sim_resolve(void);

/* Simulated fds: the kind of each (0: not simulated). */
#define SIM_FD_TABLE 65536
int sim_fd_kind(int fd);
void sim_fd_set(int fd, int kind);
int sim_fd_count(void);
/* True when fd is one of the channel's own descriptors. */
int sim_private_fd(int fd);
/* Moves the channel's descriptors away from fd, which the program is about to take. */
void sim_vacate(int fd);

/* Whether a simulator is attached (the environment named a channel). */
int sim_active(void);
void sim_attach(void);
void sim_after_fork(void);

/* A request being built: its header and payload (a static buffer, valid under the lock). */
struct sim_request {
	struct sim_hdr hdr;
	unsigned char *payload;
	size_t len;
};

/* The reply: return value, errno, and its payload (valid until sim_end). */
struct sim_reply {
	int64_t ret;
	int32_t status;
	const unsigned char *payload;
	size_t len;
};

/* Takes the locks and starts a request of type `type` on fd; NULL (EDEADLK) when re-entered. */
struct sim_request *sim_begin(uint32_t type, int fd);
/* The lock alone (-1, EDEADLK, when re-entered), and a request under it. */
int sim_lock(void);
struct sim_request *sim_request(uint32_t type, int fd);
/* fork, keeping the simulator's descriptor tables exact (the parent registers the child). */
pid_t sim_fork(pid_t (*real_fork)(void));
/* Appends bytes to the payload; false when it would not fit. */
int sim_append(struct sim_request *r, const void *data, size_t n);
/* Appends a region of the process's memory, read without faulting; false if unreadable. */
int sim_append_region(struct sim_request *r, uint64_t addr, size_t n, int probe_write);
/* Sends it, answers service requests, and fills the reply; -1 (errno EIO) if the channel broke. */
int sim_call(struct sim_request *r, struct sim_reply *out);
/* Releases the locks. */
void sim_end(void);

/* Copies from or to the process's own memory; -1 with errno EFAULT when any byte faults. */
extern int sim_pipe_fds[2];
int sim_read_self(uint64_t addr, void *buf, size_t n);
int sim_write_self(uint64_t addr, const void *buf, size_t n);

/* A request without payload: the reply's return value, or -1 with errno. */
int64_t sim_simple_call(uint32_t type, int fd, uint64_t a, uint64_t b);

/* The answer to a service request, built in buf; its length. */
size_t sim_answer(const struct sim_hdr *h, const unsigned char *payload, unsigned char *buf);

/* Applies the reply's write-back regions; -1 (EFAULT) if one faulted. */
int sim_apply_writes(const struct sim_reply *rep);

#endif
