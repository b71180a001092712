/**
 * A `Content-Length` framed JSON-RPC reader that survives bad input.
 *
 * vscode-jsonrpc's own stream reader gives up on a header block without a Content-Length and
 * leaves the body in its buffer, so every later message is read out of step. This one
 * re-synchronises on the next `Content-Length:` header instead, skips bodies that are too
 * large without buffering them, and reports a body that is not JSON through `onMalformed` so
 * the server can answer with a JSON-RPC parse error (-32700) and carry on.
 */
import type { Readable } from "node:stream";
import {
  AbstractMessageReader,
  type DataCallback,
  type Disposable,
  type Message,
} from "vscode-languageserver/node";

const HEADER_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = "content-length:";
/** A header block longer than this is garbage, not a header. */
const MAX_HEADER_BYTES = 8 * 1024;

export interface FramedReaderOptions {
  /** Bodies larger than this are skipped (and reported) instead of buffered. */
  readonly maxMessageBytes: number;
}

export interface MalformedInput {
  readonly reason: string;
  /** True when a whole body arrived but was not JSON: the client deserves a parse error. */
  readonly parseError: boolean;
}

export class FramedMessageReader extends AbstractMessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Length of the body being read, or -1 while reading headers. */
  private bodyLength = -1;
  /** Bytes of an over-long body still to throw away. */
  private skipping = 0;
  private callback: DataCallback | undefined;
  private readonly malformedListeners: ((m: MalformedInput) => void)[] = [];

  constructor(
    private readonly readable: Readable,
    private readonly options: FramedReaderOptions,
  ) {
    super();
  }

  onMalformed(listener: (m: MalformedInput) => void): void {
    this.malformedListeners.push(listener);
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.onData(chunk);
    const onError = (e: Error) => this.fireError(e);
    const onClose = () => this.fireClose();
    this.readable.on("data", onData);
    this.readable.on("error", onError);
    this.readable.on("close", onClose);
    this.readable.on("end", onClose);
    return {
      dispose: () => {
        this.readable.off("data", onData);
        this.readable.off("error", onError);
        this.readable.off("close", onClose);
        this.readable.off("end", onClose);
      },
    };
  }

  private malformed(reason: string, parseError: boolean): void {
    for (const l of this.malformedListeners) l({ reason, parseError });
  }

  private onData(chunk: Buffer): void {
    if (this.skipping > 0) {
      const n = Math.min(this.skipping, chunk.length);
      this.skipping -= n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    // Every turn of the loop either consumes bytes or returns to wait for more.
    for (;;) {
      if (this.bodyLength < 0 && !this.readHeaders()) return;
      if (this.skipping > 0) {
        const n = Math.min(this.skipping, this.buffer.length);
        this.skipping -= n;
        this.buffer = this.buffer.subarray(n);
        if (this.skipping > 0) return;
        continue;
      }
      if (this.buffer.length < this.bodyLength) return;
      const body = this.buffer.subarray(0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      this.deliver(body);
    }
  }

  /** Reads one header block; false when more bytes are needed. */
  private readHeaders(): boolean {
    const end = this.buffer.indexOf(HEADER_END);
    if (end < 0) {
      if (this.buffer.length > MAX_HEADER_BYTES) {
        this.malformed("no end of headers", false);
        this.resync(1);
      }
      return false;
    }
    const lines = this.buffer.subarray(0, end).toString("ascii").split("\r\n");
    let length: number | undefined;
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      if (line.slice(0, colon).trim().toLowerCase() === "content-length") {
        const value = line.slice(colon + 1).trim();
        length = /^\d+$/.test(value) ? Number(value) : NaN;
      }
    }
    if (length === undefined || Number.isNaN(length)) {
      this.malformed(
        length === undefined ? "header without Content-Length" : "Content-Length is not a number",
        false,
      );
      // Garbage glued to the front of a real header: start again at that header. Otherwise
      // skip this block and look for the next real one after it.
      const inside = this.buffer
        .subarray(0, end)
        .toString("latin1")
        .toLowerCase()
        .indexOf(CONTENT_LENGTH, 1);
      if (inside > 0) this.buffer = this.buffer.subarray(inside);
      else {
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
        this.resync(0);
      }
      return this.buffer.length > 0 && this.readHeaders();
    }
    this.buffer = this.buffer.subarray(end + HEADER_END.length);
    if (length > this.options.maxMessageBytes) {
      this.malformed(
        `message of ${length} bytes is over the limit of ${this.options.maxMessageBytes}`,
        false,
      );
      this.skipping = length;
      this.bodyLength = 0;
      return true;
    }
    this.bodyLength = length;
    return true;
  }

  /** Drops bytes up to the next `Content-Length:` at or after `from`, or all but a tail. */
  private resync(from: number): void {
    const text = this.buffer.toString("latin1").toLowerCase();
    const at = text.indexOf(CONTENT_LENGTH, from);
    // A partial "Content-Len" may sit at the very end: keep a tail that short.
    this.buffer =
      at >= 0
        ? this.buffer.subarray(at)
        : this.buffer.subarray(Math.max(0, this.buffer.length - CONTENT_LENGTH.length));
  }

  private deliver(body: Buffer): void {
    if (body.length === 0) return;
    let message: unknown;
    try {
      message = JSON.parse(body.toString("utf8"));
    } catch (e) {
      this.malformed(`invalid JSON: ${(e as Error).message}`, true);
      return;
    }
    if (!message || typeof message !== "object" || Array.isArray(message)) {
      this.malformed("a JSON-RPC message is an object", true);
      return;
    }
    try {
      this.callback?.(message as Message);
    } catch (e) {
      this.fireError(e);
    }
  }
}
