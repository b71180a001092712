/**
 * Simulated user memory: the bytes a process passes to an ioctl. Every kernel copy goes
 * through here, so NULL, a pointer into nothing, a range that runs past a mapping and a
 * pointer whose every read faults all behave as copy_from_user would (EFAULT).
 *
 * Regions may be sparse: bytes past `data` read as zero without being stored, so a hostile
 * entry_num over a zero-filled array costs no memory. Mappings never exceed
 * `USER_MAPPING_LIMIT`, which bounds what any read can return.
 */
export const PAGE = 0x1000n;
/** The biggest mapping the simulated process makes: larger arrays are cut here and fault beyond. */
export const USER_MAPPING_LIMIT = 1n << 20n;
/** An address with no mapping: the `"fault"` pointer of the scenario format. */
export const FAULT_ADDRESS = 0xdead_0000_0000_0000n;

interface Region {
  readonly base: bigint;
  readonly length: bigint;
  /** The stored prefix; the rest of the region reads as zero. */
  data: Uint8Array;
  /** Mapped without write permission: copy_to_user faults. */
  readonly readonly: boolean;
}

export class UserMemory {
  private readonly regions: Region[] = [];
  private next = 0x10_0000n;

  /** Maps `bytes` (followed by `zeroTail` zero bytes) at a fresh page-aligned address. */
  map(bytes: Uint8Array, zeroTail = 0n, readonly = false): bigint {
    const length = BigInt(bytes.length) + zeroTail;
    const capped = length > USER_MAPPING_LIMIT ? USER_MAPPING_LIMIT : length;
    const base = this.next;
    this.regions.push({
      base,
      length: capped,
      data: bytes.slice(0, Number(capped < BigInt(bytes.length) ? capped : BigInt(bytes.length))),
      readonly,
    });
    // A guard page between mappings, so running off the end faults instead of reading a neighbour.
    this.next = base + ((capped + PAGE - 1n) / PAGE + 1n) * PAGE;
    return base;
  }

  private regionFor(addr: bigint, len: bigint): Region | undefined {
    if (addr === 0n || len < 0n) return undefined;
    return this.regions.find((r) => addr >= r.base && addr + len <= r.base + r.length);
  }

  /** Bytes actually stored (zero tails are not), to show hostile sizes cost no memory. */
  get storedBytes(): number {
    return this.regions.reduce((n, r) => n + r.data.length, 0);
  }

  /** copy_from_user: the bytes, or undefined when any byte faults. */
  read(addr: bigint, len: bigint | number): Uint8Array | undefined {
    const n = BigInt(len);
    if (n === 0n) return new Uint8Array(0);
    const r = this.regionFor(addr, n);
    if (!r) return undefined;
    const out = new Uint8Array(Number(n));
    const from = Number(addr - r.base);
    out.set(
      r.data.subarray(Math.min(from, r.data.length), Math.min(from + out.length, r.data.length)),
    );
    return out;
  }

  /** check_zeroed_user: true/false, or undefined on a fault; never materialises the range. */
  isZero(addr: bigint, len: bigint): boolean | undefined {
    if (len === 0n) return true;
    const r = this.regionFor(addr, len);
    if (!r) return undefined;
    const from = Number(addr - r.base);
    const to = Number(addr - r.base + len);
    for (let i = from; i < Math.min(to, r.data.length); i++) if (r.data[i] !== 0) return false;
    return true;
  }

  /** copy_to_user: false on a fault. */
  write(addr: bigint, bytes: Uint8Array): boolean {
    const r = this.regionFor(addr, BigInt(bytes.length));
    if (!r || r.readonly) return false;
    const from = Number(addr - r.base);
    if (from + bytes.length > r.data.length) {
      const grown = new Uint8Array(from + bytes.length);
      grown.set(r.data);
      r.data = grown;
    }
    r.data.set(bytes, from);
    return true;
  }
}
