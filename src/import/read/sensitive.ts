/**
 * Whether the value of an expanded macro can differ between two ABIs whose preprocessors
 * expanded it to the same tokens. An integer constant expression of literals and operators
 * has one value on every ABI of the table (all have 32-bit `int` and 64-bit `long long`); it
 * can differ only through `sizeof` and friends, `long` and plain `char` in casts, typedef
 * names (which resolve per ABI), `L`-suffixed literals (`~0UL`), wide or high character
 * literals (`'\xff'` is -1 where char is signed). Such a macro is evaluated on every ABI.
 */
import { KERNEL_SCALAR_NAMES } from "../../abi/kernel-types.js";
import { ABI_SENSITIVE } from "../preprocessed/structure.js";

/** The kernel's fixed-width types: the same width and signedness on every ABI by definition. */
const FIXED = new Set<string>(KERNEL_SCALAR_NAMES);

const LONG_SUFFIX = /^(?:0[xX][\da-fA-F]+|\d+)[uU]?[lL][uU]?$/;

/** Operators after which a `long` literal's width changes the value (`1UL << 40`, `~0UL`). */
const WIDENING = new Set(["<<", "~", "-", "+", "*", "/", "%", ">>"]);

export function valueSensitive(
  tokens: readonly string[],
  typedefNames: ReadonlySet<string>,
): boolean {
  // A `long` literal alone (`2L`, `(0x10UL | 0x20UL)`) has one value on every ABI.
  const widening = tokens.some((t) => WIDENING.has(t));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // An ioctl number's size is a sizeof (the probe unit shows it as a marker).
    if (
      ABI_SENSITIVE.has(t) ||
      (typedefNames.has(t) && !FIXED.has(t)) ||
      t.startsWith("__uapi_ioc")
    )
      return true;
    if (LONG_SUFFIX.test(t) && (widening || BigInt(t.replace(/[uUlL]+$/, "")) > 0x7fffffffn))
      return true;
    if (t.startsWith("'")) {
      if (/^'\\(?:x[89a-fA-F]|[2-3][0-7]{2})/.test(t) || /[^\x00-\x7f]/.test(t)) return true;
      const prev = tokens[i - 1];
      if (prev === "L" || prev === "u" || prev === "U" || prev === "u8") return true;
    }
  }
  return false;
}
