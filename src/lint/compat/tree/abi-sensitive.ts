/**
 * Whether a header can declare anything differently on one ABI than on another, read from the
 * code of it and of what it includes (comments aside). A header that cannot is read once, on the
 * reference ABI, and the layout engine lays its records out on every ABI (fixed-width kernel
 * types, explicit alignment, packing and bitfields are all per ABI in the engine; ioctl numbers
 * are encoded per ABI family). A header that can — native `long` or pointers, the `__kernel_`
 * typedefs, `sizeof` in a value, `L`-suffixed literals, preprocessor tests of the architecture,
 * word size or byte order — is read on every ABI by each ABI's compiler.
 *
 * The kernel's own type headers (linux/types.h and what it includes, linux/ioctl.h) define
 * such things for every header; they make a header sensitive only through the names it uses,
 * which are in its own code.
 */
import { stripComments } from "./definitions.js";

/** Names and tokens that can mean something else on another ABI. */
const SENSITIVE =
  /\b(long|size_t|ssize_t|ptrdiff_t|u?intptr_t|off_t|time_t|sizeof|__kernel_\w+|__BITS_PER_LONG\w*|__BYTE_ORDER\w*|__(?:LITTLE|BIG)_ENDIAN\w*|_BITFIELD\w*|__SIZEOF_\w+|__LP64__|__ILP32__|_MIPS_\w+|__x86_64__|__i386__|__aarch64__|__arm__|__ARM_\w+|__powerpc\w*|__PPC\w*|__s390\w*|__sparc\w*|__arch64__|__mips\w*|__sh__|__SH4__|__m68k__|__mc68000__|__alpha__|__hppa__|__riscv\w*|__loongarch\w*|__CHAR_UNSIGNED__|__WCHAR\w*|wchar_t)\b|\b\d+[uU]?[lL]\b|\b0[xX][\da-fA-F]+[uU]?[lL]\b/;

/** A pointer declarator: `void *p;`, `char *names[`, `const char * const s;`. */
const POINTER = /[A-Za-z_]\w*\s*\*+\s*(?:const\s+)?[A-Za-z_]\w*\s*[;[,)]/;

/** The kernel's type headers every uAPI header reads: sensitive by design, for all. */
const TYPE_HEADERS = new Set([
  "linux/types.h",
  "linux/posix_types.h",
  "linux/stddef.h",
  "linux/ioctl.h",
  "linux/compiler_types.h",
  "asm/types.h",
  "asm/posix_types.h",
  "asm/posix_types_32.h",
  "asm/posix_types_64.h",
  "asm/posix_types_x32.h",
  "asm/bitsperlong.h",
  "asm/sgidefs.h",
  "asm/ioctl.h",
  "asm-generic/types.h",
  "asm-generic/int-ll64.h",
  "asm-generic/int-l64.h",
  "asm-generic/posix_types.h",
  "asm-generic/bitsperlong.h",
  "asm-generic/ioctl.h",
]);

export function abiSensitive(
  closure: readonly { readonly installed: string }[],
  read: (file: { readonly installed: string }) => string | undefined,
): boolean {
  for (const f of closure) {
    if (TYPE_HEADERS.has(f.installed)) continue;
    const code = stripComments(read(f) ?? "");
    if (SENSITIVE.test(code) || POINTER.test(code)) return true;
  }
  return false;
}
