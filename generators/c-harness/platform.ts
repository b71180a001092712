/**
 * The three primitives the harness helpers stand on (read stdin, write stdout or stderr,
 * exit), in C. Hosted: stdio. With UAPI_GEN_FREESTANDING: raw system calls (sh4's `trapa`,
 * RISC-V's `ecall`, LoongArch's `syscall 0`), plus `_start`, `memset` and `memcpy`, for
 * targets whose C library does not run under qemu-user (sh4) or that have none (riscv32,
 * loongarch64).
 */
export const HARNESS_PLATFORM = String.raw`
#if !defined(UAPI_GEN_FREESTANDING)
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

static UH_UNUSED size_t uh_sys_read(void *p, size_t n)
{
	return fread(p, 1, n, stdin);
}

static UH_UNUSED void uh_sys_write(int fd, const void *p, size_t n)
{
	fwrite(p, 1, n, fd == 2 ? stderr : stdout);
}
#else
#include <stddef.h>
#include <stdint.h>

#if defined(__sh__)
#define UH_NR_READ 3
#define UH_NR_WRITE 4
#define UH_NR_EXIT_GROUP 252

static long uh_syscall3(long nr, long a, long b, long c)
{
	register long r3 __asm__("r3") = nr;
	register long r4 __asm__("r4") = a;
	register long r5 __asm__("r5") = b;
	register long r6 __asm__("r6") = c;
	register long r0 __asm__("r0");

	__asm__ volatile("trapa #0x13" : "=r"(r0) : "r"(r3), "r"(r4), "r"(r5), "r"(r6) : "memory", "t");
	return r0;
}
#elif defined(__riscv) || defined(__loongarch__)
#define UH_NR_READ 63
#define UH_NR_WRITE 64
#define UH_NR_EXIT_GROUP 94

static long uh_syscall3(long nr, long a, long b, long c)
{
	register long a7 __asm__("a7") = nr;
	register long a0 __asm__("a0") = a;
	register long a1 __asm__("a1") = b;
	register long a2 __asm__("a2") = c;

#if defined(__riscv)
	__asm__ volatile("ecall" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2) : "memory");
#else
	__asm__ volatile("syscall 0" : "+r"(a0) : "r"(a7), "r"(a1), "r"(a2)
			 : "memory", "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8");
#endif
	return a0;
}
#else
#error "uapi-gen/harness.h: no freestanding system calls for this architecture"
#endif

static size_t uh_sys_read(void *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		long r = uh_syscall3(UH_NR_READ, 0, (long)((char *)p + got), (long)(n - got));

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

static void uh_sys_write(int fd, const void *p, size_t n)
{
	while (n > 0) {
		long r = uh_syscall3(UH_NR_WRITE, fd, (long)p, (long)n);

		if (r <= 0)
			return;
		p = (const char *)p + r;
		n -= (size_t)r;
	}
}

/* A compiler may call these for struct zeroing or copies even without a C library. */
void *memset(void *d, int c, size_t n)
{
	volatile unsigned char *q = d;

	while (n--)
		*q++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	volatile unsigned char *q = d;
	const unsigned char *r = s;

	while (n--)
		*q++ = *r++;
	return d;
}

int main(void);

__attribute__((noreturn, used)) void _start(void)
{
	uh_syscall3(UH_NR_EXIT_GROUP, main(), 0, 0);
	for (;;)
		;
}
#endif
`;
