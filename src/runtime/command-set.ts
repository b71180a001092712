/**
 * Hardware command words (SMMUv3 command-queue entries): decode a command's fields from its
 * words and encode them back, from the one definition the C macros come from too. Entries in
 * memory (little-endian words) go through code compiled once per set (compile-commands.ts):
 * `decodeBytes`/`decodeArray`, `encodeInto`/`encodeArray`, and zero-copy `view`/`viewArray`.
 */
import type { RunOptions } from "./codec.js";
import { compileCommands, type CompiledCommands } from "./compile-commands.js";
import { dataViewOf } from "./data-view.js";
import type { CommandFieldMap, CommandMap, CommandView } from "./command-view.js";
import { EntryArrayView, viewState, type ArrayView } from "./struct-view.js";

export interface BitsDesc {
  readonly word: number;
  readonly hi: number;
  readonly lo: number;
}

export interface CommandDesc {
  readonly opcode: number;
  readonly fields: Readonly<Record<string, BitsDesc>>;
}

export interface CommandSetDesc {
  readonly name: string;
  readonly words: number;
  readonly wordBits: 32 | 64;
  readonly opcode: BitsDesc;
  readonly commands: Readonly<Record<string, CommandDesc>>;
}

export interface DecodedCommand {
  /** The command name, or undefined for an opcode the set does not define. */
  readonly name: string | undefined;
  readonly opcode: number;
  readonly fields: Readonly<Record<string, bigint>>;
}

/** Values for some fields of a command (the others are zero). */
export type CommandFields<F extends string = string> = Readonly<
  Partial<Record<F, bigint | number>>
>;

/** A command to encode: its name and the fields given. */
export type CommandInput<M extends CommandMap = CommandMap> = {
  [C in keyof M & string]: { readonly name: C; readonly fields?: CommandFields<M[C]> };
}[keyof M & string];

const NO_FIELDS: CommandFields<never> = Object.freeze({});

export function getBits(words: readonly bigint[], b: BitsDesc): bigint {
  const word = words[b.word] ?? 0n;
  return (word >> BigInt(b.lo)) & ((1n << BigInt(b.hi - b.lo + 1)) - 1n);
}

export function setBits(words: bigint[], b: BitsDesc, value: bigint): void {
  const width = BigInt(b.hi - b.lo + 1);
  if (value < 0n || value >> width !== 0n)
    throw new RangeError(`${value} does not fit ${width} bits`);
  const mask = ((1n << width) - 1n) << BigInt(b.lo);
  words[b.word] = ((words[b.word] ?? 0n) & ~mask) | (value << BigInt(b.lo));
}

/** `M` maps each command to its field names, so views and encoders are typed per command. */
export class CommandSet<M extends CommandMap = CommandMap> {
  private readonly byOpcode = new Map<number, string>();
  private compiledCode: CompiledCommands | undefined;

  constructor(readonly desc: CommandSetDesc) {
    for (const [name, c] of Object.entries(desc.commands)) this.byOpcode.set(c.opcode, name);
  }

  opcodeOf(words: readonly bigint[]): number {
    return Number(getBits(words, this.desc.opcode));
  }

  nameOf(opcode: number): string | undefined {
    return this.byOpcode.get(opcode);
  }

  decode(words: readonly bigint[]): DecodedCommand {
    const opcode = this.opcodeOf(words);
    const name = this.byOpcode.get(opcode);
    const fields: Record<string, bigint> = {};
    if (name)
      for (const [f, b] of Object.entries(this.desc.commands[name]!.fields))
        fields[f] = getBits(words, b);
    return { name, opcode, fields };
  }

  /** Builds a command's words; fields not given are zero. */
  encode(name: string, fields: Readonly<Record<string, bigint | number>> = {}): bigint[] {
    const cmd = this.desc.commands[name];
    if (!cmd) throw new RangeError(`${this.desc.name} has no command ${name}`);
    const words = Array.from({ length: this.desc.words }, () => 0n);
    setBits(words, this.desc.opcode, BigInt(cmd.opcode));
    for (const [f, v] of Object.entries(fields)) {
      const b = cmd.fields[f];
      if (!b) throw new RangeError(`${name} has no field ${f}`);
      setBits(words, b, BigInt(v));
    }
    return words;
  }

  /** Bytes per entry in memory. */
  get entrySize(): number {
    return (this.desc.words * this.desc.wordBits) / 8;
  }

  private get compiled(): CompiledCommands {
    return (this.compiledCode ??= compileCommands(this.desc));
  }

  private run(bytes: Uint8Array, options: RunOptions): [number, number] {
    const size = this.entrySize;
    const offset = options.offset ?? 0;
    const count = options.count ?? Math.floor((bytes.length - offset) / size);
    if (!Number.isInteger(count) || count < 0 || offset < 0 || offset + count * size > bytes.length)
      throw new RangeError(`${this.desc.name}: ${count} entries do not fit at offset ${offset}`);
    return [offset, count];
  }

  /** Throws unless one entry fits at `offset` (the per-entry calls need no options object). */
  private fits(bytes: Uint8Array, offset: number): void {
    if (!(offset >= 0 && offset + this.entrySize <= bytes.length))
      throw new RangeError(`${this.desc.name}: no entry fits at offset ${offset}`);
  }

  /** Decodes the entry at `offset` of little-endian words, as `decode` does from words. */
  decodeBytes(bytes: Uint8Array, offset = 0): DecodedCommand {
    this.fits(bytes, offset);
    return this.compiled.decode(dataViewOf(bytes), offset) as DecodedCommand;
  }

  /** Decodes a run of consecutive entries, e.g. a command queue. */
  decodeArray(bytes: Uint8Array, options: RunOptions = {}): DecodedCommand[] {
    const [offset, count] = this.run(bytes, options);
    const dv = dataViewOf(bytes);
    const decode = this.compiled.decode;
    const size = this.entrySize;
    const out = new Array<DecodedCommand>(count);
    for (let i = 0; i < count; i++) out[i] = decode(dv, offset + i * size) as DecodedCommand;
    return out;
  }

  /**
   * Writes one entry at `offset`, as `encode` builds words: fields not given (or undefined)
   * are zero, unknown fields and values that do not fit are refused with a RangeError.
   */
  encodeInto<C extends keyof M & string>(
    bytes: Uint8Array,
    offset: number,
    name: C,
    fields: CommandFields<M[C]> = NO_FIELDS,
  ): void {
    this.fits(bytes, offset);
    if (!this.compiled.encode(dataViewOf(bytes), offset, name, fields))
      throw new RangeError(`${this.desc.name} has no command ${name}`);
  }

  /** Encodes commands into consecutive entries of a new buffer. */
  encodeArray(commands: readonly CommandInput<M>[]): Uint8Array {
    const bytes = new Uint8Array(commands.length * this.entrySize);
    const bad = this.compiled.encodeArray(new DataView(bytes.buffer), commands);
    if (bad >= 0)
      throw new RangeError(`${this.desc.name} has no command ${commands[bad]!.name as string}`);
    return bytes;
  }

  /** A zero-copy cursor over the entry at `offset`. */
  view(bytes: Uint8Array, offset = 0): CommandView<M> {
    this.fits(bytes, offset);
    return new this.compiled.View(viewState(dataViewOf(bytes), offset)) as CommandView<M>;
  }

  /** Zero-copy cursors over a run of entries; `at(i)` moves one shared cursor. */
  viewArray(bytes: Uint8Array, options: RunOptions = {}): ArrayView<CommandView<M>> {
    const [offset, count] = this.run(bytes, options);
    const View = this.compiled.View;
    return new EntryArrayView(dataViewOf(bytes), offset, count, this.entrySize, View);
  }

  field(words: readonly bigint[], command: string, field: string): bigint {
    const b = this.desc.commands[command]?.fields[field];
    if (!b) throw new RangeError(`${command} has no field ${field}`);
    return getBits(words, b);
  }
}

export function defineCommandSet<D extends CommandSetDesc>(
  desc: D,
): CommandSet<CommandFieldMap<D>> {
  return new CommandSet(desc);
}
