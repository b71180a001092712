/**
 * C type spellings (clang's `qualType`) to IR types, on every ABI at once.
 *
 * A typedef is followed through each ABI's own simple typedefs (read from that ABI's
 * preprocessor output: `__kernel_mode_t` is `unsigned int` on x86_64 and `unsigned short` on
 * m68k) down to a builtin type; when the ABIs end on different scalars the field's type says
 * so per ABI (ScalarType.byAbi). The kernel's fixed-width names (`__u32`, `__le64`, ...) are
 * the IR's own scalars. Typedefs of records and arrays are read from the AST.
 */
import { isScalarName, KERNEL_SCALAR_NAMES, type ScalarName } from "../../abi/kernel-types.js";
import type { ScalarType, TypeRef } from "../../model/ir.js";

export interface Resolved {
  readonly type: TypeRef;
  /** The C spelling when it says more than the IR type (`__kernel_mode_t`, `struct foo *`). */
  readonly cType?: string;
  readonly enumType?: string;
  /** Why the type cannot be represented, instead of a type. */
  readonly unsupported?: string;
}

export interface TypeScope {
  /** The AST's typedefs: name → the qualType it aliases. */
  readonly typedefs: ReadonlyMap<string, string>;
  /** C record spelling (`struct foo`, `union (anonymous at f.h:3:2)`) → IR item name. */
  readonly records: ReadonlyMap<string, string>;
  /** Enum name → the scalar that carries it. */
  readonly enums: ReadonlyMap<string, ScalarName>;
  /** Per ABI, its simple typedefs (name → builtin words or another name). */
  readonly abiTypedefs: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** The ABIs, the reference first. */
  readonly abis: readonly string[];
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
  "signed short int": "short",
  "unsigned short": "unsigned short",
  "unsigned short int": "unsigned short",
  "short unsigned int": "unsigned short",
  int: "int",
  signed: "int",
  "signed int": "int",
  unsigned: "unsigned int",
  "unsigned int": "unsigned int",
  long: "long",
  "long int": "long",
  "signed long": "long",
  "signed long int": "long",
  "unsigned long": "unsigned long",
  "unsigned long int": "unsigned long",
  "long unsigned int": "unsigned long",
  "long long": "long long",
  "long long int": "long long",
  "signed long long": "long long",
  "signed long long int": "long long",
  "unsigned long long": "unsigned long long",
  "unsigned long long int": "unsigned long long",
  "long long unsigned int": "unsigned long long",
  _Bool: "_Bool",
  __int128: "__int128",
  "signed __int128": "__int128",
  __int128_t: "__int128",
  "unsigned __int128": "unsigned __int128",
  __uint128_t: "unsigned __int128",
  // Floating point is not a uAPI type either; it is laid out like the integer of its size.
  float: "int",
  double: "long long",
};

const UNSUPPORTED: Readonly<Record<string, string>> = {
  "long double": "`long double` differs in size between ABIs in ways the engine does not model",
};

/** The fixed-width typedefs of libc: fixed on every ABI whatever their host typedef chain. */
const LIBC_FIXED: Readonly<Record<string, ScalarName>> = Object.fromEntries(
  [8, 16, 32, 64].flatMap((n) => [
    [`uint${n}_t`, `__u${n}`],
    [`int${n}_t`, `__s${n}`],
    [`__uint${n}_t`, `__u${n}`],
    [`__int${n}_t`, `__s${n}`],
    [`u_int${n}_t`, `__u${n}`],
  ]),
) as Record<string, ScalarName>;

const MAX_DEPTH = 32;

export function normalise(q: string): string {
  return q
    .replace(/\b(const|volatile|restrict|__restrict|__restrict__|_Atomic)\b/g, "")
    .replace(/\b__signed__\b/g, "signed")
    .replace(/\s+/g, " ")
    .trim();
}

export function resolveType(qualType: string, scope: TypeScope, depth = 0): Resolved {
  const q = normalise(qualType);
  if (depth > MAX_DEPTH)
    return { type: placeholder, unsupported: `typedef chain of \`${q}\` too deep` };
  const array = /^(.*?) ?((?:\[\d*\])+)$/.exec(q);
  if (array) {
    const dims = [...array[2]!.matchAll(/\[(\d*)\]/g)].map((m) => (m[1] ? Number(m[1]) : 0));
    const el = resolveType(array[1]!, scope, depth + 1);
    if (el.unsupported) return el;
    let type = el.type;
    for (const n of dims.reverse()) type = { kind: "array", element: type, length: n };
    return { ...el, type };
  }
  if (/\((anonymous|unnamed)/.test(q) && !q.includes("*")) {
    const rec = scope.records.get(anonymousKey(q));
    return rec
      ? { type: { kind: "named", name: rec } }
      : { type: placeholder, unsupported: `the anonymous record \`${q}\` was not found` };
  }
  if (q.includes("*") || q.includes("("))
    return { type: { kind: "scalar", name: "void *" }, cType: q };
  const tagged = /^(struct|union) (\w+)$/.exec(q);
  if (tagged) {
    const rec = scope.records.get(q);
    return rec
      ? { type: { kind: "named", name: rec } }
      : { type: placeholder, unsupported: `\`${q}\` is incomplete (declared, never defined)` };
  }
  const en = /^enum (\w+)$/.exec(q);
  if (en)
    return {
      type: { kind: "scalar", name: scope.enums.get(en[1]!) ?? "unsigned int" },
      cType: q,
      enumType: en[1]!,
    };
  if (UNSUPPORTED[q]) return { type: placeholder, unsupported: UNSUPPORTED[q] };
  if (KERNEL.has(q)) return { type: { kind: "scalar", name: q as ScalarName } };
  const libc = LIBC_FIXED[q];
  if (libc) return { type: { kind: "scalar", name: libc }, cType: q };
  const builtin = BUILTIN[q];
  if (builtin)
    return { type: { kind: "scalar", name: builtin }, ...(q !== builtin ? { cType: q } : {}) };
  if (isScalarName(q)) return { type: { kind: "scalar", name: q } };
  const perAbi = perAbiScalar(q, scope);
  if (perAbi) return { type: perAbi, cType: q };
  const alias = scope.typedefs.get(q);
  if (alias !== undefined) {
    const inner = resolveType(alias, scope, depth + 1);
    // Keep the outermost name: `__kernel_size_t` says more than `unsigned long`.
    return inner.unsupported ? inner : { ...inner, cType: q };
  }
  return { type: placeholder, unsupported: `unknown type \`${q}\`` };
}

const placeholder: TypeRef = { kind: "scalar", name: "int" };

/**
 * A typedef followed through each ABI's simple typedefs to a builtin scalar; undefined when
 * some ABI reaches no builtin that way (a typedef of a record or an array: the AST has it).
 */
function perAbiScalar(name: string, scope: TypeScope): ScalarType | undefined {
  const on = new Map<string, ScalarName>();
  for (const abi of scope.abis) {
    const table = scope.abiTypedefs.get(abi);
    if (!table) continue;
    const s = followSimple(name, table);
    if (!s) return undefined;
    on.set(abi, s);
  }
  const reference = on.get(scope.abis[0]!) ?? on.values().next().value;
  if (!reference) return undefined;
  const byAbi = Object.fromEntries([...on].filter(([, s]) => s !== reference));
  return Object.keys(byAbi).length
    ? { kind: "scalar", name: reference, byAbi }
    : { kind: "scalar", name: reference };
}

function followSimple(name: string, table: ReadonlyMap<string, string>): ScalarName | undefined {
  let n = name;
  for (let i = 0; i < MAX_DEPTH; i++) {
    if (KERNEL.has(n)) return n as ScalarName;
    if (LIBC_FIXED[n]) return LIBC_FIXED[n];
    const target = table.get(n);
    if (target === undefined) return undefined;
    const builtin = BUILTIN[normalise(target)];
    if (builtin) return builtin;
    if (!/^\w+$/.test(target)) return undefined;
    n = target;
  }
  return undefined;
}

/** `union iommu_hw_info::(anonymous at f.h:766:2)` → `f.h:766:2`, the record's key. */
export function anonymousKey(q: string): string {
  const m = /\((?:anonymous|unnamed)(?: (?:struct|union|enum))? at (.*?)\)$/.exec(q);
  return m ? m[1]! : q;
}
