/**
 * Zero-copy cursors over command entries. The general cursor reads the opcode and any field
 * by name, each getter switching on the opcode (SIZE is bits 4:0 of PREFETCH_ADDR but 5:0 of
 * ATC_INV). `$command` gives the same entry as a cursor of its own command, whose getters read
 * fixed positions with no dispatch; its type is a union discriminated by `$name`, so after
 * `switch (k.$name)` TypeScript knows which fields exist. Names that are not fields start
 * with `$` (no C identifier does).
 */
import { fieldNumber, fieldValue, opcodeValue, place, type Placed } from "./command-bits.js";
import type { BitsDesc, CommandSetDesc, DecodedCommand } from "./command-set.js";
import { HOST_LE } from "./decode-source.js";
import { SMALL_LIMIT } from "./small-bigints.js";

/** Command name → the names of its fields; generated sets have the literal names. */
export type CommandMap = Record<string, string>;

/** The command map of a set description's literal type. */
export type CommandFieldMap<D extends CommandSetDesc> = {
  [C in keyof D["commands"] & string]: keyof D["commands"][C]["fields"] & string;
};

interface CursorMeta {
  readonly $opcode: number;
  /** Byte offset of the entry. */
  readonly $offset: number;
  /** The entry as `decode` gives it (allocates; the cursor never does). */
  $decode(): DecodedCommand;
}

/** An entry as its own command: every field of the command, always defined. */
export type CommandCursor<M extends CommandMap = CommandMap> = string extends keyof M
  ? CursorMeta & { readonly $name: string | undefined }
  : | {
        [C in keyof M & string]: CursorMeta & { readonly $name: C } & Readonly<
            Record<M[C], bigint>
          >;
      }[keyof M & string]
    | (CursorMeta & { readonly $name: undefined });

/** An entry of any command: every field name of the set, undefined where it has no such field. */
export type CommandView<M extends CommandMap = CommandMap> = CursorMeta & {
  readonly $name: (keyof M & string) | undefined;
  /** The same entry as a cursor of its command, for reads without per-field dispatch. */
  readonly $command: CommandCursor<M>;
  /** Any field by name (undefined where the command has none). */
  $field(name: string): bigint | undefined;
} & (string extends keyof M ? unknown : Readonly<Record<M[keyof M], bigint | undefined>>);

/** Opcodes up to this index go through arrays; wider opcode fields through Maps. */
const TABLE = 4096;

/**
 * An opcode → value table for the view classes (`NAMES`, and each cursor's `$t` of command
 * cursors): `value(i)` for the i-th command of the set, `other` for undefined opcodes.
 */
export function opcodeTable<V>(
  set: CommandSetDesc,
  value: (index: number) => V,
  other: V,
): V[] | Map<number, V> {
  const ops = Object.values(set.commands).map((c, i) => [c.opcode, value(i)] as const);
  if (!ops.every(([op]) => op < TABLE)) return new Map(ops);
  const width = set.opcode.hi - set.opcode.lo + 1;
  const t = new Array<V>(Math.max(2 ** Math.min(12, width), ...ops.map(([op]) => op + 1)));
  t.fill(other);
  for (const [op, v] of ops) t[op] = v;
  return t;
}

function lookup(table: string, key: string, arrays: boolean, other: string): string {
  return arrays ? `(${table}[${key}] ?? ${other})` : `(${table}.get(${key}) ?? ${other})`;
}

const META = `get $offset() { return this.$s.b; }
  $decode() { return decode(this.$s.dv, this.$s.b); }`;
const READ = `const s = this.$s, dv = s.dv, o = s.b;`;
const getter = (name: string, body: string, read = READ) =>
  `get [${JSON.stringify(name)}]() { ${read} ${body} }`;

/**
 * The body of a command cursor's getter, reading the cursor's snapshot of the entry: 32-bit
 * chunks `w`, and on a little-endian host the same memory as 64-bit words `$q`. Small values
 * come from the shared bigints, so a getter that is called rather than inlined allocates
 * nothing for them. Others are `BigInt.asUintN(64, ...)` over the word: once the getter is
 * inlined, TurboFan computes that in machine words and allocates no bigint if the caller only
 * compares it (a number made into a bigint always allocates).
 */
function commandField(b: BitsDesc, f: Placed, words64: boolean): string {
  if (f.width <= Math.log2(SMALL_LIMIT)) return `return SB[${fieldNumber(f, (k) => `w[${k}]`)}];`;
  const value = b.lo ? `(this.$q[${b.word}] >> ${b.lo}n)` : `this.$q[${b.word}]`;
  const word = `BigInt.asUintN(64, ${b.hi === 63 ? value : `(${value} & ${(1n << BigInt(f.width)) - 1n}n)`})`;
  if (!words64) return `return ${fieldValue(f, (k) => `w[${k}]`)};`;
  if (f.width > 53) return `return ${word};`;
  return `const v = ${fieldNumber(f, (k) => `w[${k}]`)}; return v < ${SMALL_LIMIT} ? SB[v] : ${word};`;
}

/**
 * The view classes, as source for compile-commands.ts: `CommandView` (the general cursor) and
 * one class per command. They call `decode`, `big` and `table` (opcodeTable over this set),
 * and read `NAMES` (opcode → name) and `FIELDS` (every field name).
 */
export function viewSource(set: CommandSetDesc, chunk: (k: number) => string): string {
  const op = opcodeValue(set, chunk);
  const words64 = set.wordBits === 64 && HOST_LE;
  const arrays = Object.values(set.commands).every((c) => c.opcode < TABLE);
  const byField = new Map<string, Map<string, { f: Placed; opcodes: number[] }>>();
  const commands = Object.entries(set.commands).map(([name, cmd], i) => {
    const getters = Object.entries(cmd.fields).map(([f, b]) => {
      const placed = place(set, b);
      const groups = byField.get(f) ?? new Map<string, { f: Placed; opcodes: number[] }>();
      const key = `${b.word}:${b.hi}:${b.lo}`;
      byField.set(f, groups.set(key, groups.get(key) ?? { f: placed, opcodes: [] }));
      groups.get(key)!.opcodes.push(cmd.opcode);
      return getter(f, commandField(b, placed, words64), "const w = this.$w;");
    });
    return `class K${i} {
  constructor(s, w, q) { this.$s = s; this.$w = w; this.$q = q; }
  get $name() { return ${JSON.stringify(name)}; }
  get $opcode() { return ${cmd.opcode}; }
  ${META}
  ${getters.join("\n  ")}
}`;
  });
  const fields = [...byField].map(([name, groups]) => {
    const cases = [...groups.values()].map(
      (g) => `${g.opcodes.map((c) => `case ${c}:`).join(" ")} return ${fieldValue(g.f, chunk)};`,
    );
    return getter(name, `switch (${op}) { ${cases.join(" ")} default: return undefined; }`);
  });
  const known = Object.keys(set.commands).map((_, i) => `new K${i}(s, w, q)`);
  const chunks = (set.words * set.wordBits) / 32;
  const load = Array.from({ length: chunks }, (_, k) => `w[${k}] = ${chunk(k)};`).join(" ");
  return `${commands.join("\n")}
class Unknown {
  constructor(s) { this.$s = s; }
  get $name() { return undefined; }
  get $opcode() { ${READ} return ${op}; }
  ${META}
}
class CommandView {
  constructor(s) {
    this.$s = s;
    const w = (this.$w = new Uint32Array(${chunks}));
    const q = ${words64 ? "new BigUint64Array(w.buffer)" : "null"};
    const k = [${known.join(", ")}];
    this.$u = new Unknown(s);
    this.$t = table((i) => k[i], this.$u);
  }
  get $opcode() { ${READ} return ${op}; }
  get $name() { ${READ} return ${lookup("NAMES", op, arrays, "undefined")}; }
  get $command() { ${READ} const w = this.$w; ${load} return ${lookup(
    "this.$t",
    opcodeValue(set, (k) => `w[${k}]`),
    arrays,
    "this.$u",
  )}; }
  ${META}
  $field(name) { return FIELDS.has(name) ? this[name] : undefined; }
  ${fields.join("\n  ")}
}`;
}
