/**
 * The simulated files each process of the program holds, by descriptor: a file stays open
 * while any process holds a descriptor for it (fork copies them, exec keeps those without
 * close-on-exec, exit drops them all), and is released when the last goes, as in the kernel.
 * Processes do not say when they exit; a dead one is noticed when the channel is idle and
 * whenever a file would otherwise stay open only for processes that are gone.
 */
import { readFileSync } from "node:fs";
import type { KernelFile } from "../../kernel/file.js";

export interface FdEntry {
  readonly file: KernelFile;
  /** The placeholder's inode: tells a start-up whether the descriptor is still ours. */
  readonly ino: bigint;
}

interface FileRefs {
  count: number;
}

/** Alive: /proc/<pid> exists and the process is not a zombie. */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

export class FdTables {
  private readonly byPid = new Map<number, Map<number, FdEntry>>();
  private readonly refs = new Map<KernelFile, FileRefs>();
  /** What a start-up was offered, until it confirms which it still holds. */
  private readonly offered = new Map<number, Map<number, FdEntry>>();
  /** A file stayed open after a close: its other holders may be gone. */
  private suspect = false;

  constructor(private readonly alive: (pid: number) => boolean = processAlive) {}

  get(pid: number, fd: number): FdEntry | undefined {
    return this.byPid.get(pid)?.get(fd);
  }

  private table(pid: number): Map<number, FdEntry> {
    let t = this.byPid.get(pid);
    if (!t) this.byPid.set(pid, (t = new Map()));
    return t;
  }

  add(pid: number, fd: number, entry: FdEntry): void {
    const t = this.table(pid);
    const old = t.get(fd);
    t.set(fd, entry);
    const r = this.refs.get(entry.file);
    if (r) r.count++;
    else this.refs.set(entry.file, { count: 1 });
    if (old) this.drop(old.file);
  }

  remove(pid: number, fd: number): void {
    const t = this.byPid.get(pid);
    const e = t?.get(fd);
    if (!t || !e) return;
    t.delete(fd);
    if (t.size === 0) this.byPid.delete(pid);
    this.drop(e.file);
  }

  private drop(file: KernelFile): void {
    const r = this.refs.get(file);
    if (!r) return;
    if (--r.count > 0) {
      this.suspect = true;
      return;
    }
    this.refs.delete(file);
    file.release();
  }

  /** A fork child holds what its parent holds. */
  fork(child: number, parent: number): void {
    for (const [fd, e] of this.byPid.get(parent) ?? []) this.add(child, fd, e);
  }

  /**
   * A process image starts: it may hold its own descriptors (an exec) or, when unknown, its
   * parent's (a child started without the fork handler, e.g. by posix_spawn). Returns them.
   */
  offer(pid: number, parent: number): ReadonlyMap<number, FdEntry> {
    const own = this.byPid.get(pid);
    const from = own && own.size ? own : (this.byPid.get(parent) ?? new Map());
    if (from.size) this.offered.set(pid, new Map(from));
    return from;
  }

  /** The start-up's answer: the offered descriptors it still holds; the others are closed. */
  confirm(pid: number, fds: readonly number[]): void {
    const offered = this.offered.get(pid);
    this.offered.delete(pid);
    if (!offered) return;
    const keep = new Set(fds);
    const own = this.byPid.get(pid);
    for (const [fd, e] of offered) {
      if (own?.get(fd) === e) {
        if (!keep.has(fd)) this.remove(pid, fd);
      } else if (keep.has(fd)) this.add(pid, fd, e);
    }
  }

  /** After a close that left a file open: drop what dead processes still hold. */
  maintain(): void {
    if (!this.suspect) return;
    this.suspect = false;
    this.collect();
  }

  /** Drops every descriptor of processes that are gone. */
  collect(): void {
    for (const pid of [...this.byPid.keys()])
      if (!this.alive(pid)) for (const fd of [...this.byPid.get(pid)!.keys()]) this.remove(pid, fd);
  }

  /** Releases every file (the program is gone). */
  releaseAll(): void {
    for (const pid of [...this.byPid.keys()])
      for (const fd of [...this.byPid.get(pid)!.keys()]) this.remove(pid, fd);
  }
}
