/**
 * C type spellings (clang's `qualType`) to IR types. Kernel typedefs map to their scalars;
 * native types map to the native scalars of src/abi/kernel-types.ts so the linter can flag
 * them; anything else (a pointer, an enum, a typedef chain) keeps its C spelling in `cType`.
 */
import { isScalarName, KERNEL_SCALAR_NAMES, type ScalarName } from "../abi/kernel-types.js";
import type { TypeRef } from "../model/ir.js";

export interface Resolved {
  readonly type: TypeRef;
  readonly cType?: string;
  readonly enumType?: string;
}

export interface TypeScope {
  /** Typedef name → the qualType it aliases. */
  readonly typedefs: ReadonlyMap<string, string>;
  /** C record spelling (`struct foo`, `struct s::(anonymous at f.h:8:2)`) → IR item name. */
  readonly records: ReadonlyMap<string, string>;
  /** Enum name → the scalar that carries it. */
  readonly enums: ReadonlyMap<string, ScalarName>;
}

const KERNEL = new Set<string>(KERNEL_SCALAR_NAMES);

/** clang's spellings of the builtin types, normalised to the scalar table's names. */
const BUILTIN: Readonly<Record<string, ScalarName>> = {
  char: "char",
  "signed char": "signed char",
  "unsigned char": "unsigned char",
  short: "short",
  "short int": "short",
  "signed short": "short",
  "unsigned short": "unsigned short",
  "unsigned short int": "unsigned short",
  int: "int",
  signed: "int",
  "signed int": "int",
  unsigned: "unsigned int",
  "unsigned int": "unsigned int",
  long: "long",
  "long int": "long",
  "signed long": "long",
  "unsigned long": "unsigned long",
  "unsigned long int": "unsigned long",
  "long unsigned int": "unsigned long",
  "long long": "long long",
  "long long int": "long long",
  "signed long long": "long long",
  "unsigned long long": "unsigned long long",
  "unsigned long long int": "unsigned long long",
  _Bool: "_Bool",
  // Floating point is not a uAPI type either; it is laid out like the integer of its size.
  float: "int",
  double: "long long",
};

/**
 * The fixed-width typedefs of libc (<stdint.h>, <sys/types.h>): fixed on every ABI, but the
 * host's typedef chain would say `unsigned long` for uint64_t on LP64, which is wrong on ILP32.
 */
const LIBC_FIXED: Readonly<Record<string, ScalarName>> = Object.fromEntries(
  [8, 16, 32, 64].flatMap((n) => [
    [`uint${n}_t`, `__u${n}`],
    [`int${n}_t`, `__s${n}`],
    [`__uint${n}_t`, `__u${n}`],
    [`__int${n}_t`, `__s${n}`],
    [`u_int${n}_t`, `__u${n}`],
  ]),
) as Record<string, ScalarName>;

export function resolveType(qualType: string, scope: TypeScope, depth = 0): Resolved | undefined {
  const q = qualType
    .replace(/\b(const|volatile|restrict|__restrict)\b/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (depth > 20) return undefined;
  const array = /^(.*?) ?((?:\[\d*\])+)$/.exec(q);
  if (array) {
    const dims = [...array[2]!.matchAll(/\[(\d*)\]/g)].map((m) => (m[1] ? Number(m[1]) : 0));
    const el = resolveType(array[1]!, scope, depth + 1);
    if (!el) return undefined;
    let type = el.type;
    for (const n of dims.reverse()) type = { kind: "array", element: type, length: n };
    return { ...el, type };
  }
  if (q.includes("*") || q.includes("(")) {
    if (/\((anonymous|unnamed)/.test(q) && !q.includes("*")) {
      const rec = scope.records.get(q);
      return rec ? { type: { kind: "named", name: rec } } : undefined;
    }
    return { type: { kind: "scalar", name: "void *" }, cType: q };
  }
  const tagged = /^(struct|union) (\w+)$/.exec(q);
  if (tagged) {
    const rec = scope.records.get(q);
    return rec ? { type: { kind: "named", name: rec } } : undefined;
  }
  const en = /^enum (\w+)$/.exec(q);
  if (en)
    return {
      type: { kind: "scalar", name: scope.enums.get(en[1]!) ?? "unsigned int" },
      cType: q,
      enumType: en[1]!,
    };
  if (KERNEL.has(q)) return { type: { kind: "scalar", name: q as ScalarName } };
  const libc = LIBC_FIXED[q];
  if (libc) return { type: { kind: "scalar", name: libc }, cType: q };
  const builtin = BUILTIN[q];
  if (builtin)
    return { type: { kind: "scalar", name: builtin }, ...(q !== builtin ? { cType: q } : {}) };
  if (isScalarName(q)) return { type: { kind: "scalar", name: q } };
  const alias = scope.typedefs.get(q);
  if (alias !== undefined) {
    const inner = resolveType(alias, scope, depth + 1);
    // Keep the outermost name: `__kernel_size_t` says more than `unsigned long`.
    return inner ? { ...inner, cType: q } : undefined;
  }
  return undefined;
}
