/**
 * Compiles a command set into straight-line code over the entry's bytes (one `new Function`
 * per set): a decoder with one `case` per opcode, an encoder per command, and the view classes
 * of command-view.ts. Entries are little-endian words: SMMUv3 queues are little-endian, and
 * the uAPI carries them as __le64 on every ABI.
 */
import { fieldValue, mask, opcodeValue, place, type Placed } from "./command-bits.js";
import type { CommandSetDesc } from "./command-set.js";
import { opcodeTable, viewSource } from "./command-view.js";
import { BIGINT_HELPERS_SOURCE, SMALL_BIGINTS } from "./small-bigints.js";

export interface CompiledCommands {
  readonly decode: (dv: DataView, o: number) => unknown;
  /** Writes one entry; false for a name that is no command of the set. */
  readonly encode: (dv: DataView, o: number, name: string, fields: object) => boolean;
  /** Writes consecutive entries from `{ name, fields? }`; the index of an unknown name, or -1. */
  readonly encodeArray: (dv: DataView, commands: readonly unknown[]) => number;
  readonly View: new (state: { dv: DataView; b: number }) => unknown;
}

/**
 * Statements that turn `v`, a number or bigint that must fit `width` bits, into a number (a
 * bigint past 53 bits), or throw as `encode` does.
 */
function fitted(width: number): string {
  if (width > 53) return `v = fit(v, ${width});`;
  const fast =
    width < 32
      ? `(v & ${mask(width)}) === v`
      : width === 32
        ? `(v >>> 0) === v`
        : `v >= 0 && v <= ${mask(width)} && Math.floor(v) === v`;
  // A bigint whose Number is in 0..2^width-1 (below 2^53) is that number exactly: one
  // conversion and number compares, where bigint compares would call into the runtime.
  return (
    `if (typeof v !== "number" || !(${fast})) { const n = typeof v === "bigint" ? Number(v) : -1; ` +
    `v = n >= 0 && n <= ${mask(width)} ? n : fit(v, ${width}); }`
  );
}

/** Statements that OR a fitted value into the chunk accumulators. */
function deposit(f: Placed): string {
  if (f.low === f.width) return `c${f.k} |= v << ${f.pos};`;
  const low = f.low === 32 ? "v >>> 0" : `v & ${mask(f.low)}`;
  if (f.width <= 53)
    return `c${f.k} |= (${low}) << ${f.pos}; c${f.k + 1} |= Math.floor(v / ${2 ** f.low});`;
  return `c${f.k} |= Number(v & ${mask(f.low)}n) << ${f.pos}; c${f.k + 1} |= Number(v >> ${f.low}n);`;
}

function encoderSource(set: CommandSetDesc, chunks: number, name: string): string {
  const cmd = set.commands[name]!;
  const init = Array.from({ length: chunks }, (_, k) => `c${k} = 0`);
  const op = place(set, set.opcode);
  const opBits = BigInt(cmd.opcode) << BigInt(op.pos);
  init[op.k] = `c${op.k} = ${Number(opBits & 0xffffffffn) | 0}`;
  if (op.low < op.width) init[op.k + 1] = `c${op.k + 1} = ${Number(opBits >> 32n) | 0}`;
  const fields = Object.entries(cmd.fields).map(
    ([f, b]) =>
      `if ((v = f[${JSON.stringify(f)}]) !== undefined) { n++; ${fitted(b.hi - b.lo + 1)} ${deposit(place(set, b))} }`,
  );
  const writes = Array.from(
    { length: chunks },
    (_, k) => `dv.setUint32(o + ${4 * k}, c${k}, true);`,
  );
  return `(dv, o, f) => {
  let ${init.join(", ")}, v, n = 0;
  ${fields.join("\n  ")}
  let t = 0; for (const k in f) t++;
  if (t !== n) unknown(${JSON.stringify(name)}, f);
  ${writes.join(" ")}
}`;
}

function decoderSource(set: CommandSetDesc, chunks: number): string {
  const reads = Array.from(
    { length: chunks },
    (_, k) => `c${k} = dv.getUint32(o + ${4 * k}, true)`,
  );
  const chunk = (k: number) => `c${k}`;
  const cases = Object.entries(set.commands).map(([name, cmd]) => {
    const fields = Object.entries(cmd.fields).map(
      ([f, b]) => `${JSON.stringify(f)}: ${fieldValue(place(set, b), chunk)}`,
    );
    return `case ${cmd.opcode}: return { name: ${JSON.stringify(name)}, opcode: op, fields: { ${fields.join(", ")} } };`;
  });
  return `function decode(dv, o) {
  const ${reads.join(", ")};
  const op = ${opcodeValue(set, chunk)};
  switch (op) { ${cases.join("\n    ")}
    default: return { name: undefined, opcode: op, fields: {} };
  }
}`;
}

function fit(v: unknown, width: number): number | bigint {
  const b = BigInt(v as bigint | number);
  if (b < 0n || b >> BigInt(width) !== 0n) throw new RangeError(`${b} does not fit ${width} bits`);
  return width <= 53 ? Number(b) : b;
}

export function compileCommands(set: CommandSetDesc): CompiledCommands {
  const chunks = (set.words * set.wordBits) / 32;
  const names = Object.keys(set.commands);
  const fieldNames = new Set(Object.values(set.commands).flatMap((c) => Object.keys(c.fields)));
  const unknown = (command: string, fields: object): void => {
    const known = set.commands[command]!.fields;
    for (const k of Object.keys(fields))
      if (!Object.hasOwn(known, k)) throw new RangeError(`${command} has no field ${k}`);
    // Every key is a field: the count differed only by fields given as undefined (not given).
  };
  const source = `"use strict";
${BIGINT_HELPERS_SOURCE}
${decoderSource(set, chunks)}
${viewSource(set, (k) => `dv.getUint32(o + ${4 * k}, true)`)}
${names.map((n, i) => `const e${i} = ${encoderSource(set, chunks, n)};`).join("\n")}
// A switch on the name: generated and decoded names are internalized strings, compared by
// identity, where a lookup by a variable key would be a hash probe per entry.
function encode(dv, o, name, f) {
  switch (name) {
    ${names.map((n, i) => `case ${JSON.stringify(n)}: e${i}(dv, o, f); return true;`).join("\n    ")}
    default: return false;
  }
}
function encodeArray(dv, commands) {
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    if (!encode(dv, i * ${(set.words * set.wordBits) / 8}, c.name, c.fields ?? NONE)) return i;
  }
  return -1;
}
return { decode, View: CommandView, encode, encodeArray };`;
  const table = <V>(value: (i: number) => V, other: V) => opcodeTable(set, value, other);
  const make = new Function("SB", "fit", "unknown", "FIELDS", "NAMES", "table", "NONE", source);
  return make(
    SMALL_BIGINTS,
    fit,
    unknown,
    fieldNames,
    table((i) => names[i], undefined),
    table,
    Object.freeze({}),
  ) as CompiledCommands;
}
