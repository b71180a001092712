/**
 * Probe translation units: the header, then one line per `#define` it writes, so the compiler
 * itself expands and evaluates every macro. Two kinds per header:
 *
 * - the preprocessing unit: each macro between two markers (`__uapi_pb_K MACRO __uapi_pe_K;`),
 *   with `_IOC` and `_IOC_TYPECHECK` redefined to markers, so its `-E` output shows every
 *   macro's full expansion and, for an ioctl, the `_IOC(dir, type, nr, size)` it builds and
 *   the argument type it takes `sizeof` of, through any wrapper macro;
 * - the AST unit: each macro as the parameter types of a declared function,
 *   `void __uapi_m_K(char (*)[P0], ..., char (*)[P3], char (*)[S])`, where P0..P3 are the four
 *   16-bit pieces of `(unsigned long long)(MACRO)` plus one and S encodes `sizeof` and
 *   signedness. clang prints the evaluated array bounds in the function's type, so the JSON AST
 *   carries the exact value, width and signedness of every macro that is an integer constant
 *   expression, without the expression's tree. A macro that is not (a string, a type, a
 *   pointer, a float: `% 1` rejects those) gives an error on its own line, or a variable bound
 *   that is no number; it is kept as text.
 *
 * Each probe sits under `#ifdef`: a macro the header undefines, or defines only for some
 * architectures, is probed only where it exists.
 */
import { UNIT_SENTINEL } from "./cc1.js";
import type { Define } from "./defines.js";

/**
 * `_IO`, `_IOR`, ... after the header: many uAPI headers define ioctls with them without
 * including <linux/ioctl.h> (their users include it), so the probes have them either way.
 */
export const IOCTL_MACROS = [
  "#if __has_include(<linux/ioctl.h>)",
  "#include <linux/ioctl.h>",
  "#endif",
];

/** The last line of a preprocessing unit: its output is complete when it holds this. */
export const UNIT_END = "__uapi_unit_end";

export interface ProbeUnit {
  readonly text: string;
  /** 1-based line of each macro's probe in the unit, by macro name. */
  readonly lineOf: ReadonlyMap<string, number>;
}

export interface MacroProbe {
  readonly name: string;
  /** Probe id, unique in the unit. */
  readonly id: number;
}

export function macroProbes(defines: readonly Define[]): MacroProbe[] {
  return defines.map((d, id) => ({ name: d.name, id }));
}

export function preprocessUnit(
  unit: number,
  header: string,
  probes: readonly MacroProbe[],
): ProbeUnit {
  const lines = [
    `typedef int ${UNIT_SENTINEL}${unit};`,
    `#include ${JSON.stringify(header)}`,
    ...IOCTL_MACROS,
    "#undef _IOC",
    "#define _IOC(d, t, n, s) __uapi_ioc(d, t, n, s)",
    "#undef _IOC_TYPECHECK",
    "#define _IOC_TYPECHECK(t) __uapi_ioc_arg(t)",
  ];
  const lineOf = new Map<string, number>();
  for (const p of probes) {
    lines.push(`#ifdef ${p.name}`);
    lineOf.set(p.name, lines.length + 1);
    lines.push(`__uapi_pb_${p.id} ${p.name} __uapi_pe_${p.id};`, "#endif");
  }
  // Preprocessing that stops early (a fatal error) never reaches this line.
  lines.push(`${UNIT_END};`);
  return { text: `${lines.join("\n")}\n`, lineOf };
}

export function astUnit(unit: number, header: string, probes: readonly MacroProbe[]): ProbeUnit {
  const lines = [
    `typedef int ${UNIT_SENTINEL}${unit};`,
    `#include ${JSON.stringify(header)}`,
    ...IOCTL_MACROS,
  ];
  const lineOf = new Map<string, number>();
  for (const p of probes) {
    lines.push(`#ifdef ${p.name}`);
    lineOf.set(p.name, lines.length + 1);
    lines.push(valueProbe(`__uapi_m_${p.id}`, p.name), "#endif");
  }
  return { text: `${lines.join("\n")}\n`, lineOf };
}

/** The declaration whose parameter types carry the value of `expr` (see the file comment). */
export function valueProbe(fn: string, expr: string): string {
  const e = `(${expr})`;
  const v = `((unsigned long long)${e})`;
  const pieces = [0, 16, 32, 48].map((s) => `char (*)[((${v} >> ${s}) & 0xffff) + 1]`);
  // sizeof, whether the value is negative, whether its (promoted) type is unsigned; `% 1`
  // accepts integers only.
  const shape = `char (*)[sizeof(${e}) * 4 + (${e} < 0) * 2 + (${e} - ${e} - 1 > 0) + 1 + 0 * (${e} % 1)]`;
  return `extern void ${fn}(${[...pieces, shape].join(", ")});`;
}

export interface ProbedValue {
  /** The exact value. */
  readonly value: bigint;
  /** Width of the macro's type in bytes. */
  readonly size: number;
  /** Whether its type (after the integer promotions) is unsigned. */
  readonly unsigned: boolean;
}

const PROBE_TYPE =
  /^void \(char \(\*\)\[(\d+)\], char \(\*\)\[(\d+)\], char \(\*\)\[(\d+)\], char \(\*\)\[(\d+)\], char \(\*\)\[(\d+)\]\)$/;

/** Decodes the function type clang printed for a value probe; undefined when not constant. */
export function decodeValueProbe(qualType: string): ProbedValue | undefined {
  const m = PROBE_TYPE.exec(qualType);
  if (!m) return undefined;
  const [p0, p1, p2, p3, shape] = m.slice(1).map((x) => BigInt(x) - 1n) as bigint[];
  return fromParts(p0! | (p1! << 16n) | (p2! << 32n) | (p3! << 48n), Number(shape!));
}

/** The value from its 64 bits as `unsigned long long` and the shape number (see valueProbe). */
export function fromParts(bits: bigint, shape: number): ProbedValue | undefined {
  const size = shape >> 2;
  if (size < 1 || size > 8) return undefined;
  const negative = (shape & 2) !== 0;
  // The cast to unsigned long long took a negative value modulo 2^64.
  return { value: negative ? bits - (1n << 64n) : bits, size, unsigned: (shape & 1) !== 0 };
}
