/**
 * How the harness prints and fills each scalar, by category: the value printed is the logical
 * one (an `__le32` is byte-swapped on a big-endian ABI, as the TypeScript codec decodes it),
 * and filling draws one 64-bit number per scalar from the harness PRNG and keeps the low bits,
 * exactly as src/conform/roundtrip/values.ts does on the TypeScript side.
 */
import { SCALARS, type ScalarName } from "../../src/abi/kernel-types.js";

export type ScalarCategory = "unsigned" | "signed" | "le" | "be" | "bool" | "pointer";

export function scalarCategory(name: ScalarName): ScalarCategory {
  const info = SCALARS[name];
  if (name === "_Bool") return "bool";
  if (info.alignClass === "ptr") return "pointer";
  if (info.order !== "native") return info.order;
  return info.signed ? "signed" : "unsigned";
}

interface ScalarIo {
  /** Statement printing the scalar at `lv` under the path in `b`. */
  print(lv: string, size: number): string;
  /** Statement storing the next PRNG value into `lv`. */
  fill(lv: string, size: number): string;
}

/** `size` is the C size in bytes; the endian categories use it for the byte loop. */
export const SCALAR_IO: Readonly<Record<ScalarCategory, ScalarIo>> = {
  unsigned: {
    print: (lv) => `uh_u(b, (unsigned long long)${lv});`,
    fill: (lv) => `${lv} = uh_next(st);`,
  },
  signed: { print: (lv) => `uh_s(b, (long long)${lv});`, fill: (lv) => `${lv} = uh_next(st);` },
  le: {
    print: (lv, n) => `uh_u(b, uh_get(&${lv}, ${n}, 1));`,
    fill: (lv, n) => `uh_put(&${lv}, ${n}, 1, uh_next(st));`,
  },
  be: {
    print: (lv, n) => `uh_u(b, uh_get(&${lv}, ${n}, 0));`,
    fill: (lv, n) => `uh_put(&${lv}, ${n}, 0, uh_next(st));`,
  },
  // Only 0 and 1 are valid _Bool representations; anything else is undefined behaviour.
  bool: {
    print: (lv) => `uh_u(b, (unsigned long long)${lv});`,
    fill: (lv) => `${lv} = (_Bool)(uh_next(st) & 1);`,
  },
  pointer: {
    print: (lv) => `uh_u(b, (unsigned long long)(uintptr_t)${lv});`,
    fill: (lv) => `${lv} = (void *)(uintptr_t)uh_next(st);`,
  },
};

/** The helpers every harness starts with: splitmix64, byte-order access, canonical printing. */
export const HARNESS_HELPERS: readonly string[] = [
  "#define UH_UNUSED __attribute__((unused))",
  "",
  "/* splitmix64: the same sequence as the TypeScript side draws. */",
  "static UH_UNUSED uint64_t uh_next(uint64_t *s)",
  "{",
  "\tuint64_t z = (*s += 0x9e3779b97f4a7c15ULL);",
  "",
  "\tz = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;",
  "\tz = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;",
  "\treturn z ^ (z >> 31);",
  "}",
  "",
  "static UH_UNUSED uint64_t uh_get(const void *p, unsigned n, int le)",
  "{",
  "\tconst unsigned char *c = p;",
  "\tuint64_t v = 0;",
  "\tunsigned i;",
  "",
  "\tfor (i = 0; i < n; i++)",
  "\t\tv |= (uint64_t)c[le ? i : n - 1 - i] << (8 * i);",
  "\treturn v;",
  "}",
  "",
  "static UH_UNUSED void uh_put(void *p, unsigned n, int le, uint64_t v)",
  "{",
  "\tunsigned char *c = p;",
  "\tunsigned i;",
  "",
  "\tfor (i = 0; i < n; i++)",
  "\t\tc[le ? i : n - 1 - i] = (unsigned char)(v >> (8 * i));",
  "}",
  "",
  "static UH_UNUSED void uh_u(const char *path, unsigned long long v)",
  "{",
  '\tprintf("%s=%llu\\n", path, v);',
  "}",
  "",
  "static UH_UNUSED void uh_s(const char *path, long long v)",
  "{",
  '\tprintf("%s=%lld\\n", path, v);',
  "}",
  "",
  "static void uh_hex(const char *name, const void *p, size_t n)",
  "{",
  "\tconst unsigned char *c = p;",
  "\tsize_t i;",
  "",
  '\tprintf("bytes %s ", name);',
  "\tfor (i = 0; i < n; i++)",
  '\t\tprintf("%02x", c[i]);',
  '\tprintf("\\n");',
  "}",
];
