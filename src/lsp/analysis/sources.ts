/**
 * Where the analysis reads text: the editor's buffer for open documents, the disk for the
 * others. Every path has a stamp that changes whenever its text may have changed (an edit,
 * open, close, or a watched-file event), so analyses can be cached on the stamps of the
 * files they read instead of comparing texts.
 */
import { readFileSync, statSync } from "node:fs";

export interface OpenDocument {
  readonly text: string;
  readonly version: number;
}

export class Sources {
  private readonly open = new Map<string, OpenDocument>();
  private readonly disk = new Map<string, string | undefined>();
  private readonly stamps = new Map<string, number>();
  private generation = 0;

  constructor(private maxBytes: number) {}

  setMaxBytes(n: number): void {
    if (n === this.maxBytes) return;
    this.maxBytes = n;
    this.disk.clear();
    for (const path of this.stamps.keys()) this.touch(path);
  }

  get limit(): number {
    return this.maxBytes;
  }

  setOpen(path: string, doc: OpenDocument): void {
    this.open.set(path, doc);
    this.touch(path);
  }

  close(path: string): void {
    this.open.delete(path);
    this.disk.delete(path);
    this.touch(path);
  }

  /** The file changed on disk (a watched-file event). */
  diskChanged(path: string): void {
    this.disk.delete(path);
    if (!this.open.has(path)) this.touch(path);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  openDocument(path: string): OpenDocument | undefined {
    return this.open.get(path);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  stamp(path: string): number {
    let s = this.stamps.get(path);
    if (s === undefined) this.stamps.set(path, (s = ++this.generation));
    return s;
  }

  /** The text, or undefined when missing or over the size limit (see `tooLarge`). */
  text(path: string): string | undefined {
    const doc = this.open.get(path);
    if (doc) return doc.text.length > this.maxBytes ? undefined : doc.text;
    if (!this.disk.has(path)) this.disk.set(path, readSmallFile(path, this.maxBytes));
    return this.disk.get(path);
  }

  /** The size of a document over the limit, else undefined. */
  tooLarge(path: string): number | undefined {
    const doc = this.open.get(path);
    if (doc) return doc.text.length > this.maxBytes ? doc.text.length : undefined;
    try {
      const size = statSync(path).size;
      return size > this.maxBytes ? size : undefined;
    } catch {
      return undefined;
    }
  }

  private touch(path: string): void {
    this.stamps.set(path, ++this.generation);
  }
}

function readSmallFile(path: string, maxBytes: number): string | undefined {
  try {
    if (statSync(path).size > maxBytes) return undefined;
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
