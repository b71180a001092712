/**
 * Hardware command words as mask/shift macros. C bitfields are never used for hardware
 * formats: their bit order is implementation-defined and differs between endiannesses.
 * Masks are built from small constants (`(~(__u64)0 >> 48) << 32`), so no 64-bit literal
 * needs a C99 suffix and the header stays valid C90.
 */
import { SCALARS } from "../../src/abi/kernel-types.js";
import type { BitField, CommandSetItem } from "../../src/model/ir.js";
import type { Printer } from "../shared/printer.js";

function printField(
  out: Printer,
  macro: string,
  f: BitField,
  wordBits: number,
  unsigned: string,
): void {
  const width = f.hi - f.lo + 1;
  const ones = width === wordBits ? `~(${unsigned})0` : `~(${unsigned})0 >> ${wordBits - width}`;
  out.line(`#define ${macro}_SHIFT ${f.lo}`);
  out.line(`#define ${macro}_WIDTH ${width}`);
  out.line(`#define ${macro}_MASK ${f.lo ? `((${ones}) << ${f.lo})` : `(${ones})`}`);
}

export function printCommandSet(out: Printer, item: CommandSetItem): void {
  const p = item.macroPrefix;
  const wordBits = SCALARS[item.wordType].size! * 8;
  const unsigned = wordBits === 64 ? "__u64" : "__u32";
  out.comment([
    item.doc,
    "",
    `Each entry is ${item.words} ${item.wordType} words. A field <CMD>_<W>_<FIELD> lives in word W; ` +
      `read it with ${p}_FIELD_GET(<CMD>_<W>_<FIELD>, word) after converting the word to CPU order.`,
  ]);
  out.line(`#define ${p}_ENTRY_WORDS ${item.words}`);
  out.line(`#define ${p}_ENTRY_BYTES ${item.words * (wordBits / 8)}`);
  out.line(`#define ${p}_FIELD_GET(f, w) (((w) & f##_MASK) >> f##_SHIFT)`);
  out.line(`#define ${p}_FIELD_PREP(f, v) ((((${unsigned})(v)) << f##_SHIFT) & f##_MASK)`);
  printField(out, `${p}_${item.opcode.word}_OP`, item.opcode, wordBits, unsigned);
  for (const cmd of item.commands) {
    out.blank();
    const opcode = `0x${cmd.opcode.toString(16).padStart(2, "0")}`;
    out.comment([`${cmd.name} (${opcode}): ${cmd.doc ?? ""}`.trim()]);
    out.line(`#define ${p}_OP_${cmd.name} ${opcode}`);
    for (const f of cmd.fields)
      printField(out, `${p}_${cmd.name}_${f.word}_${f.name}`, f, wordBits, unsigned);
  }
}
