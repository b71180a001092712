/**
 * A static assertion and an alignof that work in C90, C11, C++98 and C++11 alike: g++ rejects
 * `_Static_assert`, C90 has neither, and `__alignof__` gives gcc's preferred alignment (8 for
 * a u64 on i386) rather than the one used inside structs (4), so it is never used.
 */
export const STATIC_ASSERT_PRELUDE: readonly string[] = [
  "#if defined(__cplusplus) && __cplusplus >= 201103L",
  "#define UAPI_GEN_SA(c, m) static_assert(c, m)",
  "#define UAPI_GEN_ALIGNOF(t) alignof(t)",
  "#elif !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L",
  "#define UAPI_GEN_SA(c, m) _Static_assert(c, m)",
  "#define UAPI_GEN_ALIGNOF(t) _Alignof(t)",
  "#else",
  "#define UAPI_GEN_CAT_(a, b) a##b",
  "#define UAPI_GEN_CAT(a, b) UAPI_GEN_CAT_(a, b)",
  "#define UAPI_GEN_SA(c, m) typedef char UAPI_GEN_CAT(uapi_gen_sa_, __LINE__)[(c) ? 1 : -1]",
  "#ifndef __cplusplus",
  "#define UAPI_GEN_ALIGNOF(t) __builtin_offsetof(struct { char c_; t x_; }, x_)",
  "#endif",
  "#endif",
];
