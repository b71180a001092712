/**
 * A live process's memory as the simulated kernel sees it during one call: the regions the
 * preload sent along with the request (the argument struct, its entry arrays), and anything
 * else through service requests on the channel, so a copy_from_user of an address the
 * process never mapped fails exactly where the kernel's would (EFAULT), and the preload
 * never touches a bad pointer itself (process_vm_readv). Writes into a region the preload
 * found writable are collected and sent back with the reply; other writes go out at once.
 */
import { MAX_PAYLOAD, MSG, REGION_HEADER, REGION_WRITABLE } from "../protocol.js";
import type { UserAccess } from "../../user-memory.js";
import type { Channel, Liveness } from "./channel.js";
import { HOST_LE } from "../../../runtime/decode-source.js";

interface Region {
  readonly addr: bigint;
  readonly end: bigint;
  readonly bytes: Uint8Array;
  readonly writable: boolean;
}

export interface WriteBack {
  readonly addr: bigint;
  readonly bytes: Uint8Array;
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** The regions of a request payload (protocol.ts: u64 addr, u32 len, u32 flags, bytes). */
export function parseRegions(payload: Uint8Array): Region[] {
  const v = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const out: Region[] = [];
  for (let at = 0; at + REGION_HEADER <= payload.length;) {
    const addr = v.getBigUint64(at, HOST_LE);
    const len = v.getUint32(at + 8, HOST_LE);
    const flags = v.getUint32(at + 12, HOST_LE);
    at += REGION_HEADER;
    if (at + len > payload.length) break;
    out.push({
      addr,
      end: addr + BigInt(len),
      bytes: payload.subarray(at, at + len),
      writable: (flags & REGION_WRITABLE) !== 0,
    });
    at += pad8(len);
  }
  return out;
}

/** The write-backs as a reply payload, in the order they were made. */
export function encodeWriteBacks(writes: readonly WriteBack[]): Uint8Array {
  const size = writes.reduce((n, w) => n + REGION_HEADER + pad8(w.bytes.length), 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let at = 0;
  for (const w of writes) {
    v.setBigUint64(at, w.addr, HOST_LE);
    v.setUint32(at + 8, w.bytes.length, HOST_LE);
    out.set(w.bytes, at + REGION_HEADER);
    at += REGION_HEADER + pad8(w.bytes.length);
  }
  return out;
}

export class ProcessMemory implements UserAccess {
  readonly writeBacks: WriteBack[] = [];
  /** Set when the process is gone: every access then faults. */
  gone = false;
  /** Service requests made (the hot path should make none). */
  serviceRequests = 0;

  constructor(
    private readonly channel: Channel,
    private readonly pid: number,
    private readonly seq: number,
    private readonly alive: Liveness,
    private readonly regions: readonly Region[],
  ) {}

  /** The region holding all of [addr, addr + len), if the preload sent one. */
  private regionFor(addr: bigint, len: number): Region | undefined {
    for (const r of this.regions) if (addr >= r.addr && addr + BigInt(len) <= r.end) return r;
    return undefined;
  }

  private ask(type: number, a: bigint, b: bigint, c = 0n, payload?: Uint8Array) {
    if (this.gone) return undefined;
    this.serviceRequests++;
    const m = this.channel.ask(
      { type, pid: this.pid, seq: this.seq, a, b, c, payload },
      this.alive,
    );
    if (!m) this.gone = true;
    return m;
  }

  /** Bytes the preload sent, without asking for more (for the trace); undefined if not sent. */
  peek(addr: bigint, len: number): Uint8Array | undefined {
    const r = this.regionFor(addr, len);
    if (!r) return undefined;
    const from = Number(addr - r.addr);
    return r.bytes.slice(from, from + len);
  }

  read(addr: bigint, len: bigint | number): Uint8Array | undefined {
    const n = Number(len);
    if (n === 0) return new Uint8Array(0);
    if (n > 2 ** 31) return undefined; // more than any process could have mapped here
    const out = new Uint8Array(n);
    return this.readInto(addr, n, out) ? out : undefined;
  }

  readInto(addr: bigint, len: number, dest: Uint8Array, offset = 0): boolean {
    if (len === 0) return true;
    if (addr < 0n || addr + BigInt(len) > 1n << 64n) return false;
    const r = this.regionFor(addr, len);
    if (r) {
      const from = Number(addr - r.addr);
      dest.set(r.bytes.subarray(from, from + len), offset);
      return true;
    }
    for (let done = 0; done < len;) {
      const chunk = Math.min(MAX_PAYLOAD, len - done);
      const m = this.ask(MSG.SVC_READ, addr + BigInt(done), BigInt(chunk));
      if (!m || m.status !== 0 || m.payload.length !== chunk) return false;
      dest.set(m.payload, offset + done);
      done += chunk;
    }
    return true;
  }

  readU32(addr: bigint, little: boolean): number | undefined {
    const b = this.read(addr, 4);
    return b ? new DataView(b.buffer).getUint32(0, little) : undefined;
  }

  isZero(addr: bigint, len: bigint): boolean | undefined {
    for (let done = 0n; done < len;) {
      const chunk = len - done > BigInt(MAX_PAYLOAD) ? MAX_PAYLOAD : Number(len - done);
      const b = this.read(addr + done, chunk);
      if (!b) return undefined;
      if (!b.every((x) => x === 0)) return false;
      done += BigInt(chunk);
    }
    return true;
  }

  write(addr: bigint, bytes: Uint8Array, len = bytes.length): boolean {
    if (len === 0) return true;
    const r = this.regionFor(addr, len);
    if (r?.writable) {
      const from = Number(addr - r.addr);
      r.bytes.set(bytes.subarray(0, len), from);
      this.writeBacks.push({ addr, bytes: bytes.slice(0, len) });
      return true;
    }
    for (let done = 0; done < len;) {
      const chunk = Math.min(MAX_PAYLOAD, len - done);
      const m = this.ask(
        MSG.SVC_WRITE,
        addr + BigInt(done),
        BigInt(chunk),
        0n,
        bytes.subarray(done, done + chunk),
      );
      if (!m || m.status !== 0) return false;
      done += chunk;
    }
    // A later read of a sent region must see what was written there.
    for (const reg of this.regions)
      if (addr < reg.end && addr + BigInt(len) > reg.addr) this.patch(reg, addr, bytes, len);
    return true;
  }

  private patch(r: Region, addr: bigint, bytes: Uint8Array, len: number): void {
    const start = addr > r.addr ? addr : r.addr;
    const end = addr + BigInt(len) < r.end ? addr + BigInt(len) : r.end;
    r.bytes.set(bytes.subarray(Number(start - addr), Number(end - addr)), Number(start - r.addr));
  }

  mapped(addr: bigint, len: bigint, writable: boolean): boolean {
    if (len === 0n) return true;
    const m = this.ask(MSG.SVC_PROBE, addr, len, writable ? 1n : 0n);
    return m !== undefined && m.status === 0;
  }
}
