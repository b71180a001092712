/**
 * A `Content-Length` framed JSON-RPC reader that survives bad input.
 *
 * vscode-jsonrpc's own stream reader gives up on a header block without a Content-Length and
 * leaves the body in its buffer, so every later message is read out of step. This one
 * re-synchronises on the next `Content-Length:` header instead, skips bodies that are too
 * large without buffering them, and reports a body that is not JSON through `onMalformed` so
 * the server can answer with a JSON-RPC parse error (-32700) and carry on.
 *
 * Bytes are kept as a list of chunks and joined once per message, so a message of n bytes
 * costs O(n) however it is split. A Content-Length larger than the body that follows would
 * swallow every later message; but a header line (`Content-Length: 12` and a raw CR LF) can
 * never occur inside a JSON text, so when one shows up inside a body being read or skipped,
 * that body was cut short: it is dropped and reading starts again at the header.
 */
import type { Readable } from "node:stream";
import {
  AbstractMessageReader,
  type DataCallback,
  type Disposable,
  type Message,
} from "vscode-languageserver/node";
import { ByteQueue } from "./byte-queue.js";
import { paramsProblem } from "./params.js";

const HEADER_END = Buffer.from("\r\n\r\n");
/** A header block longer than this is garbage, not a header. */
const MAX_HEADER_BYTES = 8 * 1024;
/** A Content-Length header line; never inside valid JSON (raw CR LF after digits). */
const HEADER_LINE = /content-length:[ \t]*\d+[ \t]*\r\n/i;
/** The longest header line worth looking for across a chunk boundary. */
const HEADER_LINE_MAX = 48;

export interface FramedReaderOptions {
  /** Bodies larger than this are skipped (and reported) instead of buffered. */
  readonly maxMessageBytes: number;
}

export interface MalformedInput {
  readonly reason: string;
  /** True when a whole body arrived but was not JSON: the client deserves a parse error. */
  readonly parseError: boolean;
  /** A request whose parameters do not fit: it deserves an InvalidParams error. */
  readonly invalidRequest?: { readonly id: number | string };
}

export class FramedMessageReader extends AbstractMessageReader {
  private readonly queue = new ByteQueue();
  /** Length of the body being read, or -1 while reading headers. */
  private bodyLength = -1;
  /** Bytes of an over-long body still to throw away. */
  private skipping = 0;
  /** How far into the queued body the search for a header line has got. */
  private searched = 0;
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

  private malformed(m: MalformedInput): void {
    for (const l of this.malformedListeners) l(m);
  }

  private onData(chunk: Buffer): void {
    this.queue.push(chunk);
    // Every turn of the loop either consumes bytes or returns to wait for more.
    for (;;) {
      if (this.skipping > 0) {
        if (this.headerInBody(this.skipping)) continue;
        const n = Math.min(this.skipping, this.queue.length);
        this.queue.drop(n);
        this.skipping -= n;
        this.searched = Math.max(0, this.searched - n);
        if (this.skipping > 0) return;
        this.searched = 0;
        continue;
      }
      if (this.bodyLength < 0 && !this.readHeaders()) return;
      if (this.bodyLength < 0) continue;
      if (this.headerInBody(this.bodyLength)) continue;
      if (this.queue.length < this.bodyLength) return;
      const body = this.queue.take(this.bodyLength);
      this.bodyLength = -1;
      this.searched = 0;
      this.deliver(body);
    }
  }

  /**
   * Looks for a header line in the first `length` queued bytes (the body being read or
   * skipped), from where the last look stopped. Found: the body is dropped up to it, and
   * reading starts again there.
   */
  private headerInBody(length: number): boolean {
    const end = Math.min(length, this.queue.length);
    if (end <= this.searched) return false;
    const from = Math.max(0, this.searched - HEADER_LINE_MAX);
    const text = this.queue.peek(from, end).toString("latin1");
    const m = HEADER_LINE.exec(text);
    this.searched = end;
    if (!m) return false;
    this.malformed({
      reason: "a message was shorter than its Content-Length; reading resumes at the next header",
      parseError: false,
    });
    this.queue.drop(from + m.index);
    this.bodyLength = -1;
    this.skipping = 0;
    this.searched = 0;
    return true;
  }

  /**
   * Reads one header block: true when it consumed bytes (a header, or garbage skipped; the
   * caller looks again), false when more bytes are needed.
   */
  private readHeaders(): boolean {
    const head = this.queue.peek(0, Math.min(this.queue.length, MAX_HEADER_BYTES + 4));
    const end = head.indexOf(HEADER_END);
    if (end < 0) {
      if (this.queue.length <= MAX_HEADER_BYTES) return false;
      this.malformed({ reason: "no end of headers", parseError: false });
      this.resync(head, 1);
      return true; // bytes were dropped: look again at what is left
    }
    const lines = head.subarray(0, end).toString("ascii").split("\r\n");
    let length: number | undefined;
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      if (line.slice(0, colon).trim().toLowerCase() === "content-length") {
        const value = line.slice(colon + 1).trim();
        length = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
      }
    }
    if (length === undefined || Number.isNaN(length)) {
      this.malformed({
        reason:
          length === undefined ? "header without Content-Length" : "Content-Length is not a number",
        parseError: false,
      });
      // Garbage glued to the front of a real header: start again at that header. Otherwise
      // skip this block and look for the next real one after it.
      const inside = head
        .subarray(0, end)
        .toString("latin1")
        .toLowerCase()
        .indexOf("content-length:", 1);
      if (inside > 0) this.queue.drop(inside);
      else {
        this.queue.drop(end + HEADER_END.length);
        this.resync(this.queue.peek(0, Math.min(this.queue.length, MAX_HEADER_BYTES)), 0);
      }
      return this.queue.length > 0;
    }
    this.queue.drop(end + HEADER_END.length);
    this.searched = 0;
    if (length > this.options.maxMessageBytes) {
      this.malformed({
        reason: `message of ${length} bytes is over the limit of ${this.options.maxMessageBytes}`,
        parseError: false,
      });
      this.skipping = length;
      return true;
    }
    this.bodyLength = length;
    return true;
  }

  /** Drops bytes up to the next `Content-Length:` at or after `from` in `head`, or all but a tail. */
  private resync(head: Buffer, from: number): void {
    const at = head.toString("latin1").toLowerCase().indexOf("content-length:", from);
    // A partial "Content-Len" may sit at the very end: keep a tail that short.
    this.queue.drop(at >= 0 ? at : Math.max(0, head.length - "content-length:".length));
  }

  private deliver(body: Buffer): void {
    if (body.length === 0) return;
    let message: unknown;
    try {
      message = JSON.parse(body.toString("utf8"));
    } catch (e) {
      this.malformed({ reason: `invalid JSON: ${(e as Error).message}`, parseError: true });
      return;
    }
    if (!message || typeof message !== "object" || Array.isArray(message)) {
      this.malformed({ reason: "a JSON-RPC message is an object", parseError: true });
      return;
    }
    const m = message as { method?: unknown; params?: unknown; id?: unknown };
    const problem = typeof m.method === "string" ? paramsProblem(m.method, m.params) : undefined;
    if (problem) {
      const id = m.id;
      this.malformed({
        reason: problem,
        parseError: false,
        ...(typeof id === "number" || typeof id === "string" ? { invalidRequest: { id } } : {}),
      });
      return;
    }
    try {
      this.callback?.(message as Message);
    } catch (e) {
      this.fireError(e);
    }
  }
}
