/**
 * Bytes received and not yet consumed, as a list of chunks: appending never copies, and
 * `take` joins a message once. Joining the buffer at every chunk made reading an n-byte
 * message cost O(n²) (a 20 MB message stalled the server for 25 s).
 */
export class ByteQueue {
  private chunks: Buffer[] = [];
  /** The first chunk not wholly consumed (an index, since Array.shift is linear). */
  private head = 0;
  /** Bytes of `chunks[head]` already consumed. */
  private offset = 0;
  length = 0;

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  /** Forgets the first `n` bytes. */
  drop(n: number): void {
    n = Math.min(n, this.length);
    this.length -= n;
    while (n > 0) {
      const left = this.chunks[this.head]!.length - this.offset;
      if (n < left) {
        this.offset += n;
        return;
      }
      n -= left;
      this.head++;
      this.offset = 0;
    }
    if (this.length === 0) this.chunks = [];
    else if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
    if (this.length === 0) this.head = 0;
  }

  /**
   * A copy of bytes [from, end). Walks from whichever end is nearer, so looking at what just
   * arrived costs what just arrived, however many chunks came before.
   */
  peek(from: number, end: number): Buffer {
    end = Math.min(end, this.length);
    if (from >= end) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    const chunk = (i: number) =>
      i === this.head ? this.chunks[i]!.subarray(this.offset) : this.chunks[i]!;
    if (from < this.length - end) {
      let pos = 0;
      for (let i = this.head; i < this.chunks.length && pos < end; i++) {
        const c = chunk(i);
        const lo = Math.max(from - pos, 0);
        const hi = Math.min(end - pos, c.length);
        if (hi > lo) parts.push(c.subarray(lo, hi));
        pos += c.length;
      }
    } else {
      let pos = this.length;
      for (let i = this.chunks.length - 1; i >= this.head && pos > from; i--) {
        const c = chunk(i);
        pos -= c.length;
        const lo = Math.max(from - pos, 0);
        const hi = Math.min(end - pos, c.length);
        if (hi > lo) parts.push(c.subarray(lo, hi));
      }
      parts.reverse();
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /** Removes and returns the first `n` bytes, joined. */
  take(n: number): Buffer {
    const out = this.peek(0, n);
    this.drop(n);
    return out;
  }
}
