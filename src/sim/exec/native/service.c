/*
 * Service requests of the simulator, answered from this process during a call: its memory
 * read or written (copy_from_user, copy_to_user), a range probed, a descriptor opened for a
 * new file the kernel hands out (a memfd placeholder) or closed again.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "channel.h"

/* The answer to one service request, built in `buf` (a header, then the payload). */
size_t sim_answer(const struct sim_hdr *h, const unsigned char *payload, unsigned char *buf)
{
	struct sim_hdr *a = (struct sim_hdr *)buf;
	unsigned char *out = buf + sizeof *a;
	uint64_t addr = h->a, n = h->b;

	memset(a, 0, sizeof *a);
	a->type = SIM_ANS_SVC;
	a->pid = h->pid;
	a->seq = h->seq;
	switch (h->type) {
	case SIM_SVC_READ:
		if (n > SIM_MAX_PAYLOAD || sim_read_self(addr, out, n) < 0)
			a->status = EFAULT;
		else
			a->len = (uint32_t)n;
		break;
	case SIM_SVC_WRITE:
		if (sim_write_self(addr, payload, h->len) < 0)
			a->status = EFAULT;
		break;
	case SIM_SVC_PROBE:
		while (n && !a->status) {
			size_t chunk = n < SIM_MAX_PAYLOAD ? n : SIM_MAX_PAYLOAD;
			if (sim_read_self(addr, out, chunk) < 0 ||
			    (h->c && sim_write_self(addr, out, chunk) < 0))
				a->status = EFAULT;
			addr += chunk;
			n -= chunk;
		}
		break;
	case SIM_SVC_NEWFD: {
		static const char *names[] = { "iommufd", "iommufd", "iommufd-eventq", "iommufd-access" };
		int fd = memfd_create(names[h->a < 4 ? h->a : 0], h->b ? MFD_CLOEXEC : 0);
		struct stat st;
		if (fd < 0 || fd >= SIM_FD_TABLE || fstat(fd, &st) < 0) {
			if (fd >= 0)
				sim_real.close(fd);
			a->status = fd < 0 ? errno : EMFILE;
			break;
		}
		sim_fd_set(fd, (int)h->a);
		a->a = (uint64_t)fd;
		a->b = (uint64_t)st.st_ino;
		break;
	}
	case SIM_SVC_CLOSEFD:
		if (sim_fd_kind(h->fd)) {
			sim_fd_set(h->fd, 0);
			sim_real.close(h->fd);
		}
		break;
	default:
		a->status = ENOSYS;
	}
	return sizeof *a + a->len;
}

