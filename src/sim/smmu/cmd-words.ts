/**
 * Commands as the queues hold them: each 64-bit command word as two 32-bit halves (low half
 * first), four numbers per command in a Uint32Array. The hot paths read fields with shifts and
 * masks on numbers instead of decoding every command into an object of bigints; the field
 * positions still come from the one `smmuv3_cmd` definition. The fields the models read are
 * at most 52 bits wide (Addr[63:12]), exact as numbers; a wider one (CMD_SYNC's MSIAddr, which
 * nothing reads) cannot be made a Field.
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import { fieldNumber, mask, place } from "../../runtime/command-bits.js";
import type { BitsDesc } from "../../runtime/command-set.js";
import { HOST_LE } from "../../runtime/decode-source.js";

/** 32-bit halves per command (two 64-bit words). */
export const CMD_U32 = 4;

if (smmuv3_cmd.desc.words * 2 !== CMD_U32 || smmuv3_cmd.desc.wordBits !== 64)
  throw new Error("internal: the SMMUv3 command set is not two 64-bit words");

type Reader = (q: Uint32Array, at: number) => number;
type Writer = (q: Uint32Array, at: number, value: number) => void;

/**
 * One field of a command, with its reader and writer compiled (one `new Function` each, from
 * numbers only) to straight-line shifts and masks at fixed positions: called through a
 * constant Field, they inline to what one would write by hand for that field. Where the field
 * sits in the 32-bit halves, and how it is read, are the runtime's (command-bits.ts), so the
 * simulator and the codecs cannot disagree on a bit.
 */
export class Field {
  readonly width: number;
  /** The field's value in the command at `q[at..at+4)`. */
  readonly read: Reader;
  /** Sets the field, as `setBits` does (RangeError when the value does not fit). */
  readonly write: Writer;

  /** `b` undefined: a field the command does not have, which reads as zero. */
  constructor(b: BitsDesc | undefined) {
    const f = b ? place(smmuv3_cmd.desc, b) : { k: 0, pos: 0, width: 0, low: 0 };
    const width = (this.width = f.width);
    if (width > 53) throw new Error("internal: a command field wider than 53 bits");
    const { k, pos, low } = f;
    const highBits = width - low;
    this.read = new Function(
      "q",
      "at",
      `return ${width ? fieldNumber(f, (i) => `q[at + ${i}]`) : "0"};`,
    ) as Reader;
    // Masks as int32 (`| 0`: a 32-bit mask is -1, all ones); `>>> 0` makes results unsigned.
    const clear = ~(mask(low) << pos) | 0;
    const fits = `v >= 0 && v < ${2 ** width} && Math.floor(v) === v`;
    this.write = new Function(
      "q",
      "at",
      "v",
      `if (!(${fits})) throw new RangeError(v + " does not fit ${width} bits");
      const i = at + ${k};
      q[i] = ((q[i] & ${clear}) | ((v % ${2 ** low}) << ${pos})) >>> 0;
      ${highBits ? `q[i + 1] = ((q[i + 1] & ${~mask(highBits) | 0}) | Math.floor(v / ${2 ** low})) >>> 0;` : ""}`,
    ) as Writer;
  }
}

const COMMANDS = smmuv3_cmd.desc.commands;

/** The field `name` of `command` as that command defines it (absent: always zero). */
export function fieldOf(command: string, name: string): Field {
  const c = COMMANDS[command];
  if (!c) throw new Error(`internal: ${smmuv3_cmd.desc.name} has no command ${command}`);
  return new Field(c.fields[name]);
}

export const OPCODE = new Field(smmuv3_cmd.desc.opcode);

/** Stores a command given as 64-bit words (missing words are zero; bits above 64 are dropped). */
export function storeWords(q: Uint32Array, at: number, words: readonly bigint[]): void {
  for (let w = 0; w < 2; w++) {
    const v = BigInt.asUintN(64, words[w] ?? 0n);
    q[at + 2 * w] = Number(v & 0xffff_ffffn);
    q[at + 2 * w + 1] = Number(v >> 32n);
  }
}

/** The command at `at` as 64-bit words, the form the codecs and reports use. */
export function loadWords(q: Uint32Array, at: number): bigint[] {
  return [
    (BigInt(q[at + 1]!) << 32n) | BigInt(q[at]!),
    (BigInt(q[at + 3]!) << 32n) | BigInt(q[at + 2]!),
  ];
}

/** A command encoded by name, as four halves (for constants such as the host's CMD_SYNC). */
export function encodeHalves(
  name: string,
  fields: Readonly<Record<string, bigint | number>> = {},
): Uint32Array {
  const q = new Uint32Array(CMD_U32);
  storeWords(q, 0, smmuv3_cmd.encode(name, fields));
  return q;
}

/**
 * The halves of commands given as little-endian bytes (16 per command): a view of the same
 * memory when the host is little-endian and the bytes 4-aligned, a converted copy otherwise.
 */
export function halvesOf(bytes: Uint8Array): Uint32Array {
  if (HOST_LE && bytes.byteOffset % 4 === 0)
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: bytes.length >> 2 }, (_, i) => dv.getUint32(4 * i, true));
}

/**
 * Copies `n` commands from `src` (from command `from`) into the ring `q` of 2^log2size
 * commands starting at slot `slot`, wrapping at the end: at most two block copies.
 */
export function copyToRing(
  q: Uint32Array,
  log2size: number,
  slot: number,
  src: Uint32Array,
  from: number,
  n: number,
): void {
  const first = Math.min(n, (1 << log2size) - slot);
  copyHalves(src, from * CMD_U32, q, slot * CMD_U32, first * CMD_U32);
  if (first < n) copyHalves(src, (from + first) * CMD_U32, q, 0, (n - first) * CMD_U32);
}

/** A few commands one value at a time (a view costs more than that), more as a block. */
function copyHalves(
  src: Uint32Array,
  from: number,
  dest: Uint32Array,
  to: number,
  n: number,
): void {
  if (n <= 32) for (let i = 0; i < n; i++) dest[to + i] = src[from + i]!;
  else dest.set(src.subarray(from, from + n), to);
}

/** Reads one little-endian 64-bit word of a byte buffer into two halves of `q`. */
export function readLe64(dv: DataView, offset: number, q: Uint32Array, at: number): void {
  q[at] = dv.getUint32(offset, true);
  q[at + 1] = dv.getUint32(offset + 4, true);
}
