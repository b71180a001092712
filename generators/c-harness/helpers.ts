/**
 * The C every harness shares (`uapi-gen/harness.h`): splitmix64, byte-order access, and
 * canonical printing on top of three primitives: read stdin, write stdout or stderr, exit.
 * Hosted, the primitives are stdio. With UAPI_GEN_FREESTANDING they are raw system calls and
 * the header supplies `_start`, `memset` and `memcpy`, for targets whose C library does not
 * run under qemu-user (sh4) or that have no cross C library at all (riscv32, loongarch64).
 * Nothing divides (values print in hex, small numbers by subtraction), so the freestanding
 * builds need no division helpers: sh4 links libgcc for 64-bit shifts and products, clang
 * inlines them for riscv32 and loongarch64.
 */
import { HARNESS_PLATFORM } from "./platform.js";

const COMMON = String.raw`
/* stdout, buffered: a harness prints a line per field. */
static char uh_buf[4096];
static size_t uh_len;

static UH_UNUSED void uh_flush(void)
{
	uh_sys_write(1, uh_buf, uh_len);
	uh_len = 0;
}

static UH_UNUSED void uh_putc(char c)
{
	if (uh_len == sizeof uh_buf)
		uh_flush();
	uh_buf[uh_len++] = c;
}

static UH_UNUSED void uh_puts(const char *s)
{
	while (*s)
		uh_putc(*s++);
}

static UH_UNUSED void uh_puthex(unsigned long long v)
{
	/* 32-bit halves: some 32-bit targets get wide shifts by a variable count wrong. */
	uint32_t half[2];
	int i, shift, started = 0;

	half[0] = (uint32_t)(v >> 32);
	half[1] = (uint32_t)v;
	uh_puts("0x");
	for (i = 0; i < 2; i++) {
		for (shift = 28; shift >= 0; shift -= 4) {
			unsigned d = (half[i] >> shift) & 0xf;

			if (!d && !started && !(i == 1 && shift == 0))
				continue;
			started = 1;
			uh_putc("0123456789abcdef"[d]);
		}
	}
}

/* Decimal by subtraction: no division, so no support library on 32-bit targets. */
static UH_UNUSED char *uh_utoa(char *out, unsigned v)
{
	static const unsigned pow10[] = { 1000000000u, 100000000u, 10000000u, 1000000u,
					  100000u, 10000u, 1000u, 100u, 10u, 1u };
	int i, started = 0;

	for (i = 0; i < 10; i++) {
		char d = '0';

		while (v >= pow10[i]) {
			v -= pow10[i];
			d++;
		}
		if (d != '0' || started || i == 9) {
			*out++ = d;
			started = 1;
		}
	}
	*out = 0;
	return out;
}

/* snprintf for paths: only %s and %d (non-negative), always terminated. */
static UH_UNUSED void uh_fmt(char *b, size_t n, const char *fmt, ...)
{
	va_list ap;
	size_t at = 0;
	char num[12];
	const char *s;

	va_start(ap, fmt);
	for (; *fmt && at + 1 < n; fmt++) {
		if (fmt[0] != '%' || (fmt[1] != 's' && fmt[1] != 'd')) {
			b[at++] = *fmt;
			continue;
		}
		if (*++fmt == 's') {
			s = va_arg(ap, const char *);
		} else {
			uh_utoa(num, (unsigned)va_arg(ap, int));
			s = num;
		}
		while (*s && at + 1 < n)
			b[at++] = *s++;
	}
	va_end(ap);
	b[at] = 0;
}

static UH_UNUSED int uh_read(void *p, size_t n)
{
	return uh_sys_read(p, n) == n;
}

static UH_UNUSED void uh_err(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	uh_sys_write(2, s, n);
}

static UH_UNUSED int uh_error(const char *what, const char *name)
{
	uh_flush();
	uh_err(what);
	uh_err(name);
	uh_err("\n");
	return 2;
}

static UH_UNUSED void uh_zero(void *p, size_t n)
{
	unsigned char *c = p;

	while (n--)
		*c++ = 0;
}

/* The fill seed: the first 8 bytes of stdin, little-endian. */
static UH_UNUSED uint64_t uh_seed(void)
{
	unsigned char b[8];
	uint64_t v = 0;
	int i;

	if (!uh_read(b, 8))
		return 1;
	for (i = 7; i >= 0; i--)
		v = (v << 8) | b[i];
	return v;
}

/* splitmix64: the same sequence as the TypeScript side draws. */
static UH_UNUSED uint64_t uh_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static UH_UNUSED uint64_t uh_get(const void *p, unsigned n, int le)
{
	const unsigned char *c = p;
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)c[le ? i : n - 1 - i] << (8 * i);
	return v;
}

static UH_UNUSED void uh_put(void *p, unsigned n, int le, uint64_t v)
{
	unsigned char *c = p;
	unsigned i;

	for (i = 0; i < n; i++)
		c[le ? i : n - 1 - i] = (unsigned char)(v >> (8 * i));
}

/* path=value, in hex: 0x2a, -0x2a. */
static UH_UNUSED void uh_u(const char *path, unsigned long long v)
{
	uh_puts(path);
	uh_putc('=');
	uh_puthex(v);
	uh_putc('\n');
}

static UH_UNUSED void uh_s(const char *path, long long v)
{
	uh_puts(path);
	uh_putc('=');
	if (v < 0)
		uh_putc('-');
	uh_puthex(v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
	uh_putc('\n');
}

/* <kind> <name> <sizeof> <alignof> */
static UH_UNUSED void uh_head(const char *tag, size_t size, size_t align)
{
	char num[12];

	uh_puts(tag);
	uh_putc(' ');
	uh_utoa(num, (unsigned)size);
	uh_puts(num);
	uh_putc(' ');
	uh_utoa(num, (unsigned)align);
	uh_puts(num);
	uh_putc('\n');
}

static UH_UNUSED void uh_hex(const char *name, const void *p, size_t n)
{
	const unsigned char *c = p;
	size_t i;

	uh_puts("bytes ");
	uh_puts(name);
	uh_putc(' ');
	for (i = 0; i < n; i++) {
		uh_putc("0123456789abcdef"[c[i] >> 4]);
		uh_putc("0123456789abcdef"[c[i] & 0xf]);
	}
	uh_putc('\n');
}

static UH_UNUSED int uh_done(void)
{
	uh_flush();
	return 0;
}
`;

/** The lines of `uapi-gen/harness.h` between its include guard. */
export const HARNESS_HELPERS: readonly string[] = [
  "#define UH_UNUSED __attribute__((unused))",
  "#include <stdarg.h>",
  ...HARNESS_PLATFORM.trim().split("\n"),
  "",
  ...COMMON.trim().split("\n"),
];
