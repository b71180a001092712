/**
 * Number extraction: asks a real compiler for every sizeof, alignment and offsetof of a set of
 * structs at once, and names each disagreement with the layout engine. The expressions go into
 * one `const unsigned` table; clang prints it in LLVM IR (`-S -emit-llvm`), gcc in assembly
 * (`-S`, `.long`/`.word` lines), so one compiler run answers for hundreds of structs.
 */
import type { Abi } from "../abi/abis.js";
import type { FieldLayout } from "../layout/layout.js";
import type { Layouts } from "../layout/layouts.js";
import type { StructItem } from "../model/ir.js";
import { firstLines, type Pool } from "./exec.js";
import type { Compiler } from "./toolchain.js";
import type { CheckName, Finding } from "./types.js";

export interface ProbeEntry {
  /** The struct or union it measures; none for a value (an enumerator, a macro). */
  readonly struct?: string;
  readonly property: string;
  readonly field?: string;
  readonly expr: string;
  readonly expected: number | bigint;
  /** A value that may need 64 bits: read back as two 32-bit words, low then high. */
  readonly wide?: boolean;
}

const TABLE = "uapi_gen_layout";
/** Ends the table so no compiler folds trailing zeros into a `zeroinitializer` or `.zero`. */
const SENTINEL = 0xffffffff;

export function flattenFields(fields: readonly FieldLayout[]): FieldLayout[] {
  return fields.flatMap((f) => (f.members ? flattenFields(f.members) : [f]));
}

/** The probe entries of some structs on one ABI, with the engine's values as expectations. */
export function probeEntries(
  items: readonly StructItem[],
  layouts: Layouts,
  abi: Abi,
): ProbeEntry[] {
  return items.flatMap((item) => {
    const l = layouts.of(item, abi);
    const tag = `${item.kind} ${item.name}`;
    const entries: ProbeEntry[] = [
      { struct: item.name, property: "sizeof", expr: `sizeof(${tag})`, expected: l.size },
      { struct: item.name, property: "alignof", expr: `_Alignof(${tag})`, expected: l.align },
    ];
    for (const f of flattenFields(l.fields)) {
      entries.push({
        struct: item.name,
        field: f.name,
        property: "offsetof",
        expr: `__builtin_offsetof(${tag}, ${f.name})`,
        expected: f.offset,
      });
      entries.push({
        struct: item.name,
        field: f.name,
        property: "sizeof",
        expr: `sizeof(((${tag} *)0)->${f.name})`,
        expected: f.size,
      });
    }
    return entries;
  });
}

export function probeSource(prelude: string, entries: readonly ProbeEntry[]): string {
  const values = [
    ...entries.flatMap((e) =>
      e.wide
        ? [
            `\t(unsigned)((unsigned long long)(${e.expr}) & 0xffffffffu),`,
            `\t(unsigned)((unsigned long long)(${e.expr}) >> 32),`,
          ]
        : [`\t${e.expr},`],
    ),
    `\t${SENTINEL}u`,
  ];
  return `${prelude}\nconst unsigned ${TABLE}[] = {\n${values.join("\n")}\n};\n`;
}

/** The value of each entry from the table's words (wide ones as 64-bit bigints). */
export function probeValues(
  entries: readonly ProbeEntry[],
  words: readonly number[],
): (number | bigint)[] | undefined {
  const out: (number | bigint)[] = [];
  let at = 0;
  for (const e of entries) {
    if (e.wide) {
      if (at + 2 > words.length) return undefined;
      out.push((BigInt(words[at + 1]!) << 32n) | BigInt(words[at]!));
      at += 2;
    } else {
      if (at >= words.length) return undefined;
      out.push(words[at++]!);
    }
  }
  return at === words.length ? out : undefined;
}

/** A 64-bit probe expectation: the two's complement bits C's unsigned long long cast gives. */
export function wideValue(value: number | bigint): bigint {
  return BigInt.asUintN(64, BigInt(value));
}

/** A value for people: decimal for sizes, hex for wide values. */
export function showValue(v: number | bigint): string | number {
  return typeof v === "bigint" ? `0x${v.toString(16)}` : v;
}

export type Extracted =
  | { readonly ok: true; readonly values: readonly number[] }
  | { readonly ok: false; readonly error: string };

/** Compiles `source` (from stdin) and reads the table back. */
export async function extractNumbers(
  pool: Pool,
  compiler: Compiler,
  source: string,
  flags: readonly string[],
): Promise<Extracted> {
  const mode = compiler.kind === "clang" ? ["-S", "-emit-llvm"] : ["-S"];
  const r = await pool.exec(
    compiler.command,
    [...compiler.args, ...flags, ...mode, "-o", "-", "-x", "c", "-"],
    { input: Buffer.from(source) },
  );
  if (r.code !== 0)
    return { ok: false, error: `${compiler.command} failed:\n${firstLines(r.stderr, 12)}` };
  const text = r.stdout.toString("utf8");
  const values = compiler.kind === "clang" ? parseLlvm(text) : parseAsm(text);
  if (!values || values.at(-1) !== SENTINEL)
    return {
      ok: false,
      error: `could not read the ${TABLE} table from ${compiler.command}'s output`,
    };
  return { ok: true, values: values.slice(0, -1) };
}

function parseLlvm(text: string): number[] | undefined {
  const m = new RegExp(`@${TABLE} = [^\\[]*\\[(\\d+) x i32\\] \\[([^\\]]*)\\]`).exec(text);
  if (!m) return undefined;
  return m[2]!.split(",").map((v) => Number(v.trim().replace(/^i32\s+/, "")) >>> 0);
}

/** Data directives of 4-byte values, and the zero-fill ones, across gcc's targets. */
const WORD = /^\s*\.(?:long|4byte|word|int)\s+(-?(?:0x)?[0-9a-fA-F]+)\s*$/;
const ZEROS = /^\s*\.(?:zero|skip|space|block)\s+(\d+)\s*$/;

function parseAsm(text: string): number[] | undefined {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === `${TABLE}:`);
  if (start < 0) return undefined;
  const values: number[] = [];
  for (const line of lines.slice(start + 1)) {
    const w = WORD.exec(line);
    const z = ZEROS.exec(line);
    if (w) values.push(Number(w[1]) >>> 0);
    else if (z) values.push(...new Array<number>(Number(z[1]) / 4).fill(0));
    else break;
  }
  return values;
}

/** Every entry whose compiled value differs from the engine's, as a finding. */
export function compareProbe(
  entries: readonly ProbeEntry[],
  words: readonly number[],
  abi: string,
  check: CheckName,
): Finding[] {
  const values = probeValues(entries, words);
  if (!values) {
    return [
      {
        abi,
        check,
        message: `the compiler gave ${words.length} words for ${entries.length} probes`,
      },
    ];
  }
  return entries.flatMap((e, i) =>
    values[i] === e.expected
      ? []
      : [
          {
            abi,
            check,
            ...(e.struct ? { struct: e.struct } : {}),
            field: e.field ? `${e.property}(${e.field})` : e.property,
            expected: showValue(e.expected),
            actual: showValue(values[i]!),
            message: e.struct
              ? `${e.property}${e.field ? ` of ${e.field}` : ""} differs from the layout engine`
              : `the compiled ${e.property} of ${e.field} differs from the definitions`,
          },
        ],
  );
}
