/** Only the fixed-width types of <linux/types.h>: the native C types change with the ABI. */
import { SCALARS, type ScalarName } from "../../abi/kernel-types.js";
import type { Field } from "../../model/ir.js";
import { createRule } from "../create-rule.js";
import { fieldPath, flatFields, scalarOf, structsOf } from "../rule-util.js";

type Problem =
  | "pointer"
  | "long"
  | "sizeT"
  | "bool"
  | "charNumber"
  | "nativeInt"
  | "libc"
  | "enumType"
  | "bitfield"
  | "time"
  | "typedef";

/** libc's fixed-width typedefs: fixed, but they need libc and can collide with user space's. */
const LIBC_TYPES = /^(__)?u?_?int(8|16|32|64)_t$/;

/** Per native scalar: what is wrong with it, and the kernel type with the same layout, if any. */
const NATIVE: Readonly<Partial<Record<ScalarName, { problem: Problem; same?: string }>>> = {
  "void *": { problem: "pointer" },
  long: { problem: "long" },
  "unsigned long": { problem: "long" },
  size_t: { problem: "sizeT" },
  _Bool: { problem: "bool", same: "__u8" },
  char: { problem: "charNumber", same: "__s8" },
  "signed char": { problem: "nativeInt", same: "__s8" },
  "unsigned char": { problem: "nativeInt", same: "__u8" },
  short: { problem: "nativeInt", same: "__s16" },
  "unsigned short": { problem: "nativeInt", same: "__u16" },
  int: { problem: "nativeInt", same: "__s32" },
  "unsigned int": { problem: "nativeInt", same: "__u32" },
  "long long": { problem: "nativeInt", same: "__s64" },
  "unsigned long long": { problem: "nativeInt", same: "__u64" },
};

/** C spellings of time types broken by the 64-bit time_t transition. */
const TIME_TYPES =
  /^(time_t|clock_t|suseconds_t|__kernel_(old_)?time_t|__kernel_suseconds_t|__kernel_clock_t|struct (timespec|timeval|itimerspec|itimerval|tm|__kernel_old_timeval|old_timespec32))$/;

export default createRule({
  meta: {
    id: "fixed-width-types",
    category: "types",
    severity: "error",
    recommended: true,
    fixable: true,
    description:
      "Require the fixed-width kernel types: no pointers, long, size_t, bool, enums, bitfields, native integers, char for numbers or time types.",
    kernelRules: ["B1", "B4", "B15", "I5", "I6", "I10", "I11", "I12"],
    messages: {
      pointer: "`{{field}}` is a pointer ({{ctype}}): its size depends on the ABI",
      long: "`{{field}}` is `{{ctype}}`, whose width depends on the ABI",
      sizeT: "`{{field}}` is `size_t`, whose width depends on the ABI",
      bool: "`{{field}}` is `{{ctype}}`: bool has no fixed representation in the uAPI",
      charNumber: "`{{field}}` uses `char` for a number: its signedness depends on the ABI",
      nativeInt: "`{{field}}` is the native C type `{{ctype}}`",
      enumType:
        "`{{field}}` has the enum type `{{ctype}}`: its size and signedness are implementation-defined",
      bitfield:
        "`{{field}}` is a C bitfield (`{{ctype}} : {{width}}`): bit order and packing are implementation-defined",
      time: "`{{field}}` is `{{ctype}}`, broken by the 64-bit time_t transition",
      libc: "`{{field}}` uses the libc type `{{ctype}}` instead of a <linux/types.h> type",
      typedef:
        "`{{field}}` is `{{ctype}}`, a typedef of the native type `{{native}}` instead of a fixed-width <linux/types.h> type",
    },
  },
  check(ctx) {
    for (const struct of structsOf(ctx)) {
      for (const field of flatFields(struct.fields)) {
        const found = problemOf(field);
        if (!found) continue;
        const { problem, ctype, same } = found;
        const edit =
          same && field.type.kind === "scalar" && !field.cType
            ? ctx.fixer.replaceFieldProperty(field, "type", JSON.stringify(same))
            : undefined;
        ctx.report({
          messageId: problem,
          data: {
            field: field.name,
            ctype,
            width: field.bitWidth ?? 0,
            ...(problem === "typedef" ? { native: scalarOf(field.type) ?? "" } : {}),
          },
          loc: field.loc,
          path: fieldPath(struct, field),
          hint: HINTS[problem](same),
          ...(edit ? { fix: { title: `use ${same}`, edits: [edit] } } : {}),
        });
      }
    }
  },
});

const HINTS: Readonly<Record<Problem, (same?: string) => string>> = {
  pointer: () => "carry user pointers in an __aligned_u64 (u64_to_user_ptr in the kernel)",
  long: () => "use __s32/__u32 or __s64/__u64",
  sizeT: () => "use __u64 (or __u32 when it cannot exceed 4 GiB)",
  bool: (s) => `use ${s} holding 0 or 1, or a flag bit`,
  charNumber: (s) => `use ${s} or __u8; char arrays are fine for strings`,
  nativeInt: (s) => `use ${s}`,
  enumType: () => "use __u32 and name the enum with `values`",
  bitfield: () => "use a whole __u32/__u64 and a flag set or mask macros",
  time: () =>
    "use __s64 seconds plus __u64 nanoseconds, or a __u64 nanosecond count (or __kernel_timespec)",
  libc: (s) => `use ${s}`,
  typedef: (s) => (s ? `use ${s}` : "use a fixed-width type of <linux/types.h>"),
};

function problemOf(field: Field): { problem: Problem; ctype: string; same?: string } | undefined {
  const scalar = scalarOf(field.type);
  const ctype = field.cType ?? scalar ?? "";
  if (field.cType && TIME_TYPES.test(field.cType)) return { problem: "time", ctype };
  if (
    field.type.kind === "named" &&
    /^(timespec|timeval|itimerspec|itimerval)$/.test(field.type.name)
  ) {
    return { problem: "time", ctype: `struct ${field.type.name}` };
  }
  if (field.bitWidth !== undefined) return { problem: "bitfield", ctype };
  if (field.cType && LIBC_TYPES.test(field.cType) && scalar)
    return { problem: "libc", ctype, same: scalar };
  if (field.enumType)
    return { problem: "enumType", ctype: field.cType ?? `enum ${field.enumType}` };
  if (!scalar || SCALARS[scalar].kernel) return undefined;
  // A char array is a string; only a lone char is a number.
  if (scalar === "char" && field.type.kind === "array") return undefined;
  const native = NATIVE[scalar];
  if (!native) return undefined;
  // A typedef name (`__kernel_pid_t`, `__poll_t`): what it is, and what it stands for.
  if (field.cType && field.cType !== scalar && /^\w+$/.test(field.cType))
    return native.same
      ? { problem: "typedef", ctype, same: native.same }
      : { problem: "typedef", ctype };
  return native.same
    ? { problem: native.problem, ctype, same: native.same }
    : { problem: native.problem, ctype };
}
