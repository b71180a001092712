/*
 * ioctl on a simulated descriptor: the argument struct (as long as its size word says, up to
 * SIM_PREFETCH_STRUCT_MAX bytes) and the entry arrays the generated table (ioctl-table.h)
 * locates are sent along, each read without faulting; the reply's write-backs are applied.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "channel.h"
#include "ioctl-table.h"

#define EXPORT __attribute__((visibility("default")))

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

