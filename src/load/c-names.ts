/**
 * Names a generated header cannot use: C (C90 to C11) and C++ keywords, since the header is
 * compiled as both. A field called `signed` or `new` would make the header uncompilable.
 * A header marked `cOnly` (an imported kernel header whose struct has a member `class` or
 * `private`, which C++ cannot read either) may use the C++-only ones.
 */
const C_RESERVED = new Set(
  (
    "auto break case char const continue default do double else enum extern float for goto if inline int long " +
    "register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while " +
    "_Alignas _Alignof _Atomic _Bool _Complex _Generic _Imaginary _Noreturn _Static_assert _Thread_local"
  ).split(" "),
);

const CXX_RESERVED = new Set(
  (
    "alignas alignof and and_eq asm bitand bitor bool catch char16_t char32_t class compl constexpr const_cast " +
    "decltype delete dynamic_cast explicit export false friend mutable namespace new noexcept not not_eq nullptr " +
    "operator or or_eq private protected public reinterpret_cast static_assert static_cast template this " +
    "thread_local throw true try typeid typename using virtual wchar_t xor xor_eq"
  ).split(" "),
);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot be a C name, or undefined when it can (`cOnly`: C++ keywords allowed). */
export function cNameProblem(name: string, cOnly = false): string | undefined {
  if (!IDENTIFIER.test(name)) return `\`${shownName(name)}\` is not a C identifier`;
  // In a JavaScript object literal `__proto__: x` sets the prototype: the generated TypeScript
  // (enum objects, decoded structs) would lose the member.
  if (name === "__proto__")
    return "`__proto__` cannot be a name: in the generated TypeScript it would set an object's prototype";
  if (C_RESERVED.has(name) || (!cOnly && CXX_RESERVED.has(name)))
    return `\`${name}\` is a C or C++ keyword; the header would not compile`;
  return undefined;
}

/** Whether `name` is a keyword of C++ only: an imported header that uses one is `cOnly`. */
export function isCxxOnlyKeyword(name: string): boolean {
  return CXX_RESERVED.has(name);
}

/** A name as a message shows it: escaped, and cut short when long. */
export function shownName(name: string): string {
  const escaped = JSON.stringify(name).slice(1, -1);
  return escaped.length > 60 ? `${escaped.slice(0, 57)}...` : escaped;
}
