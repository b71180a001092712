/**
 * The scalar types a uAPI field may use. Kernel uAPI types first; the native C types follow
 * so that imported headers can be represented faithfully and flagged by the linter.
 *
 * Each entry says how wide the value is, whether it is signed, which byte order it is stored
 * in ("native" follows the ABI), and which alignment class of the ABI table it takes, or a
 * forced alignment (the `__aligned_*` types are 8-aligned on every ABI).
 */
export type AlignClass = "i8" | "i16" | "i32" | "i64" | "i128" | "long" | "ptr";
export type ByteOrder = "native" | "le" | "be";

export interface ScalarInfo {
  /** Size in bytes; `null` means the ABI decides (long, pointers). */
  readonly size: 1 | 2 | 4 | 8 | 16 | null;
  readonly signed: boolean;
  readonly order: ByteOrder;
  readonly alignClass: AlignClass;
  /** Alignment forced by `__attribute__((aligned(N)))` in <linux/types.h>. */
  readonly forcedAlign?: 8;
  /** True for the fixed-width types of <linux/types.h>; false for native C types. */
  readonly kernel: boolean;
  /** Plain `char`: whether it is signed is the ABI's choice (`Abi.charSigned`), not the type's. */
  readonly plainChar?: true;
}

const u = (size: 1 | 2 | 4 | 8, order: ByteOrder = "native", forcedAlign?: 8): ScalarInfo => ({
  size,
  signed: false,
  order,
  alignClass: `i${size * 8}` as AlignClass,
  ...(forcedAlign ? { forcedAlign } : {}),
  kernel: true,
});
const s = (size: 1 | 2 | 4 | 8): ScalarInfo => ({ ...u(size), signed: true });
const native = (
  size: 1 | 2 | 4 | 8 | 16 | null,
  signed: boolean,
  alignClass: AlignClass,
): ScalarInfo => ({ size, signed, order: "native", alignClass, kernel: false });

export const SCALARS = {
  __u8: u(1),
  __s8: s(1),
  __u16: u(2),
  __s16: s(2),
  __u32: u(4),
  __s32: s(4),
  __u64: u(8),
  __s64: s(8),
  __le16: u(2, "le"),
  __le32: u(4, "le"),
  __le64: u(8, "le"),
  __be16: u(2, "be"),
  __be32: u(4, "be"),
  __be64: u(8, "be"),
  __aligned_u64: u(8, "native", 8),
  __aligned_le64: u(8, "le", 8),
  __aligned_be64: u(8, "be", 8),
  char: { ...native(1, true, "i8"), plainChar: true },
  "signed char": native(1, true, "i8"),
  "unsigned char": native(1, false, "i8"),
  short: native(2, true, "i16"),
  "unsigned short": native(2, false, "i16"),
  int: native(4, true, "i32"),
  "unsigned int": native(4, false, "i32"),
  long: native(null, true, "long"),
  "unsigned long": native(null, false, "long"),
  "long long": native(8, true, "i64"),
  "unsigned long long": native(8, false, "i64"),
  size_t: native(null, false, "long"),
  _Bool: native(1, false, "i8"),
  // Only the 64-bit ABIs (and x32) have it; Arm64's asm/kvm.h holds its vector registers.
  __int128: native(16, true, "i128"),
  "unsigned __int128": native(16, false, "i128"),
  "void *": native(null, false, "ptr"),
} as const satisfies Record<string, ScalarInfo>;

export type ScalarName = keyof typeof SCALARS;
export const KERNEL_SCALAR_NAMES = [
  "__u8",
  "__s8",
  "__u16",
  "__s16",
  "__u32",
  "__s32",
  "__u64",
  "__s64",
  "__le16",
  "__le32",
  "__le64",
  "__be16",
  "__be32",
  "__be64",
  "__aligned_u64",
  "__aligned_le64",
  "__aligned_be64",
] as const satisfies readonly ScalarName[];

export type KernelScalarName = (typeof KERNEL_SCALAR_NAMES)[number];

export const SCALAR_NAMES = Object.keys(SCALARS) as ScalarName[];

export function isScalarName(name: string): name is ScalarName {
  return Object.hasOwn(SCALARS, name);
}
