/**
 * The simulator's end of the channel (protocol.ts), read and written synchronously: the
 * simulated kernel runs a call to its end, and a copy_from_user in the middle of it is a
 * service request answered before the model goes on. The socket has a receive timeout
 * (SO_RCVTIMEO, set by the launcher), so a wait for an answer from a process that died ends:
 * the process is then checked and, if gone, its exchange is abandoned.
 */
import { readSync, writeSync } from "node:fs";
import { HEADER_SIZE, MAX_PAYLOAD, MSG } from "../protocol.js";
import { HOST_LE } from "../../../runtime/decode-source.js";

export interface Message {
  readonly type: number;
  readonly pid: number;
  readonly seq: number;
  readonly fd: number;
  readonly a: bigint;
  readonly b: bigint;
  readonly c: bigint;
  readonly status: number;
  /** The payload (a copy: the receive buffer is reused). */
  readonly payload: Uint8Array;
}

export interface Outgoing {
  readonly type: number;
  readonly pid: number;
  readonly seq: number;
  readonly fd?: number;
  readonly a?: bigint;
  readonly b?: bigint;
  readonly c?: bigint;
  readonly status?: number;
  readonly payload?: Uint8Array;
}

/** A process is alive unless /proc says it is gone or a zombie. */
export type Liveness = (pid: number) => boolean;

export class ChannelClosed extends Error {}

export class Channel {
  private readonly rx = Buffer.allocUnsafe(HEADER_SIZE + MAX_PAYLOAD + 64);
  private readonly rxView = new DataView(this.rx.buffer, this.rx.byteOffset, this.rx.length);
  private tx = Buffer.allocUnsafe(HEADER_SIZE + 4096);
  /** Messages read while waiting for another: handled in order afterwards. */
  private readonly queued: Message[] = [];

  constructor(private readonly fd: number) {}

  /** The next message, undefined when the receive timed out; throws ChannelClosed at EOF. */
  receive(): Message | undefined {
    const q = this.queued.shift();
    if (q) return q;
    return this.read();
  }

  private read(): Message | undefined {
    let n = 0;
    // A message shorter than a header (none of ours is) is skipped.
    while (n < HEADER_SIZE) {
      try {
        n = readSync(this.fd, this.rx, 0, this.rx.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EAGAIN" || code === "EWOULDBLOCK" || code === "EINTR") return undefined;
        // The last process of the program died with a message of ours unread.
        if (code === "ECONNRESET") throw new ChannelClosed("every process of the program has gone");
        throw e;
      }
      if (n === 0) throw new ChannelClosed("every process of the program has gone");
    }
    const v = this.rxView;
    const len = Math.min(v.getUint32(40, HOST_LE), n - HEADER_SIZE);
    return {
      type: v.getUint32(0, HOST_LE),
      pid: v.getUint32(4, HOST_LE),
      seq: v.getUint32(8, HOST_LE),
      fd: v.getInt32(12, HOST_LE),
      a: v.getBigUint64(16, HOST_LE),
      b: v.getBigUint64(24, HOST_LE),
      c: v.getBigUint64(32, HOST_LE),
      status: v.getInt32(44, HOST_LE),
      payload: new Uint8Array(this.rx.subarray(HEADER_SIZE, HEADER_SIZE + len)),
    };
  }

  /** Sends one message (one write: a message of a SEQPACKET socket goes whole). */
  send(m: Outgoing): void {
    const len = m.payload?.length ?? 0;
    if (len > MAX_PAYLOAD) throw new Error(`internal: a ${len}-byte message`);
    if (this.tx.length < HEADER_SIZE + len) this.tx = Buffer.allocUnsafe(HEADER_SIZE + MAX_PAYLOAD);
    const v = new DataView(this.tx.buffer, this.tx.byteOffset, HEADER_SIZE);
    v.setUint32(0, m.type, HOST_LE);
    v.setUint32(4, m.pid, HOST_LE);
    v.setUint32(8, m.seq, HOST_LE);
    v.setInt32(12, m.fd ?? 0, HOST_LE);
    v.setBigUint64(16, BigInt.asUintN(64, m.a ?? 0n), HOST_LE);
    v.setBigUint64(24, BigInt.asUintN(64, m.b ?? 0n), HOST_LE);
    v.setBigUint64(32, BigInt.asUintN(64, m.c ?? 0n), HOST_LE);
    v.setUint32(40, len, HOST_LE);
    v.setInt32(44, m.status ?? 0, HOST_LE);
    if (m.payload) this.tx.set(m.payload, HEADER_SIZE);
    try {
      writeSync(this.fd, this.tx, 0, HEADER_SIZE + len);
    } catch (e) {
      // The only reader left died (EPIPE/ECONNRESET): nobody is waiting for this message.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EPIPE" && code !== "ECONNRESET") throw e;
    }
  }

  /**
   * Sends a service request to the process of an exchange and returns its answer, or
   * undefined when the process is gone: it died (checked whenever the wait times out), or
   * another process sent a request, which it can only do holding the lock the exchange's
   * process held (kept for later).
   */
  ask(out: Outgoing, alive: Liveness): Message | undefined {
    this.send(out);
    for (;;) {
      const m = this.read();
      if (m === undefined) {
        if (!alive(out.pid)) return undefined;
        continue;
      }
      if (m.type === MSG.ANS_SVC) {
        if (m.pid === out.pid && m.seq === out.seq) return m;
        continue; // an answer to an abandoned exchange
      }
      this.queued.push(m);
      return undefined;
    }
  }
}
