/**
 * Reads the bytes of named data objects from a relocatable ELF object (`cc -c`): what a
 * compiler emitted for a constant initializer is the compiler's own answer for a size, an
 * offset, a value or a bitfield's bits, on any target, in the target's byte order. Only what
 * that needs: 32- and 64-bit ELF of either byte order, the section headers and the symbol
 * table. Objects of zero-filled sections (`.bss`) read as zeros.
 */

export interface ElfObjects {
  readonly littleEndian: boolean;
  /** The bytes of each defined data symbol, by name. */
  readonly symbols: ReadonlyMap<string, Uint8Array>;
}

const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;

export class ElfError extends Error {}

export function readElfObjects(bytes: Uint8Array): ElfObjects {
  if (
    bytes.length < 52 ||
    bytes[0] !== 0x7f ||
    bytes[1] !== 0x45 ||
    bytes[2] !== 0x4c ||
    bytes[3] !== 0x46
  )
    throw new ElfError("not an ELF file");
  const is64 = bytes[4] === 2;
  const le = bytes[5] === 1;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => dv.getUint16(o, le);
  const u32 = (o: number) => dv.getUint32(o, le);
  const addr = (o: number) => (is64 ? Number(dv.getBigUint64(o, le)) : u32(o));
  const shoff = addr(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  if (shoff <= 0 || shoff + shnum * shentsize > bytes.length)
    throw new ElfError("bad section table");
  const sections = Array.from({ length: shnum }, (_, i) => {
    const o = shoff + i * shentsize;
    return {
      type: u32(o + 4),
      offset: addr(is64 ? o + 0x18 : o + 0x10),
      size: addr(is64 ? o + 0x20 : o + 0x14),
      link: u32(is64 ? o + 0x28 : o + 0x18),
      entsize: addr(is64 ? o + 0x38 : o + 0x24),
    };
  });
  const symbols = new Map<string, Uint8Array>();
  for (const symtab of sections.filter((s) => s.type === SHT_SYMTAB)) {
    const strtab = sections[symtab.link];
    if (!strtab) continue;
    const entsize = symtab.entsize || (is64 ? 24 : 16);
    for (let o = symtab.offset; o + entsize <= symtab.offset + symtab.size; o += entsize) {
      const nameOff = u32(o);
      const value = is64 ? Number(dv.getBigUint64(o + 8, le)) : u32(o + 4);
      const size = is64 ? Number(dv.getBigUint64(o + 16, le)) : u32(o + 8);
      const shndx = u16(is64 ? o + 6 : o + 14);
      const section = sections[shndx];
      if (!section || size === 0 || shndx === 0 || shndx >= 0xff00) continue;
      const name = cString(bytes, strtab.offset + nameOff);
      if (section.type === SHT_NOBITS) symbols.set(name, new Uint8Array(size));
      else {
        const start = section.offset + value;
        if (start + size > bytes.length) throw new ElfError(`symbol ${name} lies outside the file`);
        symbols.set(name, bytes.slice(start, start + size));
      }
    }
  }
  return { littleEndian: le, symbols };
}

function cString(bytes: Uint8Array, at: number): string {
  let end = at;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return Buffer.from(bytes.subarray(at, end)).toString("latin1");
}

/** Unsigned integers of `width` bytes in the object's byte order. */
export function readWords(bytes: Uint8Array, width: number, le: boolean): bigint[] {
  const out: bigint[] = [];
  for (let o = 0; o + width <= bytes.length; o += width) {
    let v = 0n;
    for (let k = 0; k < width; k++) {
      const b = BigInt(bytes[o + (le ? width - 1 - k : k)]!);
      v = (v << 8n) | b;
    }
    out.push(v);
  }
  return out;
}
