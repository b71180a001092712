/**
 * Simulated user memory: the bytes a process passes to an ioctl. Every kernel copy goes
 * through here, so NULL, a pointer into nothing, a range that runs past a mapping and a
 * pointer whose every read faults all behave as copy_from_user would (EFAULT).
 *
 * Regions may be sparse: bytes past `data` read as zero without being stored, so a hostile
 * entry_num over a zero-filled array costs no memory. Mappings never exceed
 * `USER_MAPPING_LIMIT`, which bounds what any read can return.
 *
 * Pointers are 64-bit (bigint) as user space passes them; mappings are handed out from 1 MiB
 * upwards, far below 2^53, so once a pointer is known to be below 2^53 the range checks are
 * done on exact numbers, without bigint arithmetic.
 */
export const PAGE = 0x1000n;
/** The biggest mapping the simulated process makes: larger arrays are cut here and fault beyond. */
export const USER_MAPPING_LIMIT = 1n << 20n;
/** An address with no mapping: the `"fault"` pointer of the scenario format. */
export const FAULT_ADDRESS = 0xdead_0000_0000_0000n;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const LIMIT = Number(USER_MAPPING_LIMIT);
const PAGE_N = Number(PAGE);

/**
 * What the kernel model needs of a process's memory: copy_from_user, get_user,
 * check_zeroed_user, copy_to_user, and whether a range is mapped (get_user_pages). The
 * scenarios' simulated memory implements it, and so does a live process under `sim exec`.
 */
export interface UserAccess {
  /** copy_from_user: the bytes, or undefined when any byte faults. */
  read(addr: bigint, len: bigint | number): Uint8Array | undefined;
  /** copy_from_user into `dest` at `offset`: false when any byte faults. */
  readInto(addr: bigint, len: number, dest: Uint8Array, offset?: number): boolean;
  /** get_user of a u32 in the given byte order, or undefined on a fault. */
  readU32(addr: bigint, little: boolean): number | undefined;
  /** check_zeroed_user: true/false, or undefined on a fault. */
  isZero(addr: bigint, len: bigint): boolean | undefined;
  /** copy_to_user of the first `len` bytes of `bytes`: false on a fault. */
  write(addr: bigint, bytes: Uint8Array, len?: number): boolean;
  /** Whether every page of [addr, addr + len) is mapped (and writable, when asked). */
  mapped(addr: bigint, len: bigint, writable: boolean): boolean;
}

interface Region {
  readonly base: number;
  readonly length: number;
  /** The stored prefix; the rest of the region reads as zero. */
  data: Uint8Array;
  /** Mapped without write permission: copy_to_user faults. */
  readonly readonly: boolean;
}

export class UserMemory implements UserAccess {
  private readonly regions: Region[] = [];
  private next = 0x10_0000;
  private last: Region | undefined;
  private previous: Region | undefined;
  private from = 0;

  /** Maps `bytes` (followed by `zeroTail` zero bytes) at a fresh page-aligned address. */
  map(bytes: Uint8Array, zeroTail = 0n, readonly = false): bigint {
    const tail = zeroTail > USER_MAPPING_LIMIT ? LIMIT : Number(zeroTail);
    return this.add(bytes, bytes.length + tail, readonly, true);
  }

  /**
   * Maps the caller's own buffer without copying it: what the caller writes there later is
   * what the kernel reads, as with a process's memory (a VMM's request buffers).
   */
  mapShared(bytes: Uint8Array): bigint {
    return this.add(bytes, bytes.length, false, false);
  }

  private add(bytes: Uint8Array, length: number, readonly: boolean, copy: boolean): bigint {
    const capped = Math.min(length, LIMIT);
    const base = this.next;
    const stored = Math.min(capped, bytes.length);
    const data = copy ? bytes.slice(0, stored) : bytes.subarray(0, stored);
    this.regions.push({ base, length: capped, data, readonly });
    // A guard page between mappings, so running off the end faults instead of reading a neighbour.
    this.next = base + (Math.ceil(capped / PAGE_N) + 1) * PAGE_N;
    return BigInt(base);
  }

  /**
   * The region holding all of [addr, addr + len), or undefined; `from` is then the offset of
   * addr in it (kept in a field, so a lookup allocates nothing).
   */
  private regionFor(addr: bigint, len: bigint | number): Region | undefined {
    if (addr <= 0n || addr > SAFE || len < 0 || len > LIMIT) return undefined;
    const a = Number(addr);
    const end = a + Number(len);
    // An ioctl goes back and forth between two mappings (its struct and its array): the last
    // two regions found are tried first.
    let r = this.last;
    if (!r || a < r.base || end > r.base + r.length) {
      r = this.previous;
      if (!r || a < r.base || end > r.base + r.length) r = this.search(a, end);
      if (!r) return undefined;
      this.previous = this.last;
      this.last = r;
    }
    this.from = a - r.base;
    return r;
  }

  /** Regions are handed out at rising addresses, so they are sorted by base. */
  private search(a: number, end: number): Region | undefined {
    const rs = this.regions;
    let lo = 0;
    let hi = rs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rs[mid]!.base <= a) lo = mid + 1;
      else hi = mid - 1;
    }
    const r = rs[hi];
    return r && end <= r.base + r.length ? r : undefined;
  }

  /** Bytes actually stored (zero tails are not), to show hostile sizes cost no memory. */
  get storedBytes(): number {
    return this.regions.reduce((n, r) => n + r.data.length, 0);
  }

  /** copy_from_user: the bytes, or undefined when any byte faults. */
  read(addr: bigint, len: bigint | number): Uint8Array | undefined {
    if (Number(len) === 0) return new Uint8Array(0);
    const r = this.regionFor(addr, len);
    if (!r) return undefined;
    const out = new Uint8Array(Number(len));
    copyOut(r, this.from, out, 0, out.length);
    return out;
  }

  /** copy_from_user into `dest` at `offset`: false when any byte faults. */
  readInto(addr: bigint, len: number, dest: Uint8Array, offset = 0): boolean {
    if (len === 0) return true;
    const r = this.regionFor(addr, len);
    if (!r) return false;
    copyOut(r, this.from, dest, offset, len);
    return true;
  }

  /** get_user of a u32 in the given byte order, or undefined on a fault; copies nothing. */
  readU32(addr: bigint, little: boolean): number | undefined {
    const r = this.regionFor(addr, 4);
    if (!r) return undefined;
    const d = r.data;
    const i = this.from;
    // Bytes past the stored prefix read as zero (d[i] is undefined there).
    const b0 = d[i] ?? 0;
    const b1 = d[i + 1] ?? 0;
    const b2 = d[i + 2] ?? 0;
    const b3 = d[i + 3] ?? 0;
    return (
      (little
        ? b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)
        : (b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0
    );
  }

  /** check_zeroed_user: true/false, or undefined on a fault; never materialises the range. */
  isZero(addr: bigint, len: bigint): boolean | undefined {
    if (len === 0n) return true;
    const r = this.regionFor(addr, len);
    if (!r) return undefined;
    const { data } = r;
    const from = this.from;
    const to = Math.min(from + Number(len), data.length);
    for (let i = from; i < to; i++) if (data[i] !== 0) return false;
    return true;
  }

  mapped(addr: bigint, len: bigint, writable: boolean): boolean {
    if (len === 0n) return true;
    const r = this.regionFor(addr, len);
    return r !== undefined && !(writable && r.readonly);
  }

  /** copy_to_user of the first `len` bytes of `bytes`: false on a fault. */
  write(addr: bigint, bytes: Uint8Array, len = bytes.length): boolean {
    if (len === 0) return true;
    const r = this.regionFor(addr, len);
    if (!r || r.readonly) return false;
    const from = this.from;
    if (from + len > r.data.length) {
      const grown = new Uint8Array(from + len);
      grown.set(r.data);
      r.data = grown;
    }
    copyBytes(bytes, 0, r.data, from, len);
    return true;
  }
}

/** Copies `n` bytes at `from` in the region into `dest`; the unstored tail reads as zero. */
function copyOut(r: Region, from: number, dest: Uint8Array, offset: number, n: number): void {
  const stored = Math.max(0, Math.min(from + n, r.data.length) - from);
  copyBytes(r.data, from, dest, offset, stored);
  if (stored < n) dest.fill(0, offset + stored, offset + n);
}

/** A short copy byte by byte (a view costs more than that), a long one as a block. */
function copyBytes(src: Uint8Array, from: number, dest: Uint8Array, to: number, n: number): void {
  if (n <= 64) for (let i = 0; i < n; i++) dest[to + i] = src[from + i]!;
  else dest.set(src.subarray(from, from + n), to);
}
