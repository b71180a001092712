/**
 * The bounds of a definitions load. Each is far above what a real uAPI needs (the IOMMUFD
 * definitions use a tenth or less of each) and low enough that every pass after the loader
 * (layout, generators, lint, the language server) can recurse and allocate without limits of
 * its own. Every bound is reported at the position where it is passed, naming the limit.
 */

/** Brackets, braces, parentheses and `${` open at once (the TypeScript parser recurses). */
export const MAX_SYNTAX_NESTING = 100;

/** Prefix operators (`- - ~ !x`, `typeof`, `new`) in a row, and arrows in one expression. */
export const MAX_OPERATOR_RUN = 100;

/** Expressions being evaluated inside one another, constants referring to constants included. */
export const MAX_EVALUATION_DEPTH = 400;

/**
 * How deeply values may contain values: a struct's fields, a field, its type, the struct it
 * names... Real definitions stay under 40; the bound keeps every later pass's recursion short.
 */
export const MAX_VALUE_DEPTH = 200;

/** Characters in one string (docs are the longest strings). */
export const MAX_STRING_LENGTH = 1_000_000;

/** Elements in one array. */
export const MAX_ARRAY_LENGTH = 1_000_000;

/** Elements, properties and characters copied by spreads and string joins, over a whole load. */
export const MAX_COPY_BUDGET = 20_000_000;

/** Characters in one definitions file. */
export const MAX_SOURCE_CHARACTERS = 16 * 1024 * 1024;

/**
 * The largest struct or union: 2^31 − 1 bytes, the largest object every 32-bit ABI can
 * declare (`ptrdiff_t` is 32 bits there). Layouts stay exact integers far below 2^53.
 */
export const MAX_TYPE_BYTES = 2 ** 31 - 1;
