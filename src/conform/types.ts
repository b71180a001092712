/**
 * The result model of a conformance run: one cell per (ABI, check), each pass, fail, skip
 * (does not apply, with the reason) or missing (a toolchain is not installed: never a pass),
 * and findings that name the ABI, struct, field, expected and actual values.
 */
export const CHECKS = [
  "compile",
  "reference",
  "fuzz",
  "roundtrip",
  "sanitize",
  "pahole",
  "abidiff",
] as const;
export type CheckName = (typeof CHECKS)[number];

export const CHECK_TITLES: Readonly<Record<CheckName, string>> = {
  compile:
    "header and layout self-check compiled with the ABI's compiler; every size, alignment, offset, enumerator, flag, constant and ioctl number compared with the definitions",
  reference:
    "generated header and its reference (the kernel's header) compiled side by side; every layout, enumerator and macro value compared, missing items named",
  fuzz: "random definitions: engine layouts compared with the compiler's",
  roundtrip:
    "TypeScript encodes, C prints; C fills, TypeScript decodes (under qemu-user: static, dynamic or freestanding binaries)",
  sanitize: "native round trip built with -fsanitize=address,undefined",
  pahole: "pahole's sizes, holes and padding compared with the engine's",
  abidiff: "abidiff's verdict against x86_64 compared with the engine's layout differences",
};

export type CellStatus = "pass" | "fail" | "skip" | "missing";

export interface Finding {
  readonly abi: string;
  readonly check: CheckName;
  /** Struct (or union) name, when the finding is about one. */
  readonly struct?: string;
  /** Field path or the property compared (`sizeof`, `alignof`, `offsetof(x)`). */
  readonly field?: string;
  readonly expected?: string | number;
  readonly actual?: string | number;
  readonly message: string;
}

export interface Cell {
  readonly abi: string;
  readonly check: CheckName;
  readonly status: CellStatus;
  /** Why it was skipped, what to install, or a one-line summary of what passed or failed. */
  readonly detail: string;
  readonly ms: number;
}

export interface ConformReport {
  readonly abis: readonly string[];
  readonly checks: readonly CheckName[];
  readonly cells: readonly Cell[];
  readonly findings: readonly Finding[];
  /** Debian packages that would turn every `missing` cell into a real run. */
  readonly install: readonly string[];
  readonly ms: number;
  readonly ok: boolean;
}

/** What one step returns for one ABI. */
export interface StepResult {
  readonly status: CellStatus;
  readonly detail: string;
  readonly findings?: readonly Finding[];
  /** Packages to install, for `missing`. */
  readonly install?: readonly string[];
}

export function describeFinding(f: Finding): string {
  const where = [f.abi, f.struct, f.field].filter(Boolean).join(": ");
  const values =
    f.expected !== undefined || f.actual !== undefined
      ? ` (expected ${f.expected ?? "?"}, actual ${f.actual ?? "?"})`
      : "";
  return `${where}: ${f.message}${values}`;
}
