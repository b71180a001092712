/**
 * Hardware command words (SMMUv3 command-queue entries): decode a command's fields from its
 * words and encode them back, from the one definition the C macros come from too.
 */
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

export class CommandSet {
  private readonly byOpcode = new Map<number, string>();

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

  field(words: readonly bigint[], command: string, field: string): bigint {
    const b = this.desc.commands[command]?.fields[field];
    if (!b) throw new RangeError(`${command} has no field ${field}`);
    return getBits(words, b);
  }
}

export function defineCommandSet(desc: CommandSetDesc): CommandSet {
  return new CommandSet(desc);
}
