/**
 * Decides when a path is analysed. Edited documents go first; dependents, files on disk
 * and the workspace scan come after, one file per macrotask, so a request that arrives in
 * between is answered before the rest of the queue runs and nothing blocks on the whole
 * workspace.
 *
 * Debounce: an edit after a quiet spell is analysed at once (setImmediate, which also
 * merges the edits that arrived in the same read from the client); an edit that follows
 * another within `debounceMs` waits until `debounceMs` after the last one, so a burst of
 * keystrokes costs one analysis, not one per key, and the final text is always analysed.
 */
export class Scheduler {
  private readonly urgent = new Set<string>();
  private readonly background = new Set<string>();
  private readonly lastEdit = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly delayed = new Map<string, NodeJS.Timeout>();
  private pending: NodeJS.Immediate | undefined;

  constructor(
    private readonly run: (path: string, urgent: boolean) => void,
    private debounceMs: number,
  ) {}

  setDebounce(ms: number): void {
    this.debounceMs = ms;
  }

  /** An edit to an open document. */
  edited(path: string): void {
    const now = performance.now();
    const last = this.lastEdit.get(path);
    this.lastEdit.set(path, now);
    const timer = this.timers.get(path);
    if (timer) clearTimeout(timer);
    if (last === undefined || now - last >= this.debounceMs) {
      this.timers.delete(path);
      this.enqueue(path, true);
      return;
    }
    this.urgent.delete(path);
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        this.enqueue(path, true);
      }, this.debounceMs),
    );
  }

  enqueue(path: string, urgent: boolean): void {
    if (this.timers.has(path)) return; // the trailing edit timer will run it
    if (urgent) {
      this.background.delete(path);
      this.urgent.add(path);
    } else if (!this.urgent.has(path)) {
      this.background.add(path);
    }
    this.pending ??= setImmediate(() => this.tick());
  }

  /**
   * Background work that should wait until edits pause: the importers of a module being
   * typed in are analysed `ms` after its last edit, not after every keystroke.
   */
  later(path: string, ms: number): void {
    const t = this.delayed.get(path);
    if (t) clearTimeout(t);
    this.delayed.set(
      path,
      setTimeout(() => {
        this.delayed.delete(path);
        this.enqueue(path, false);
      }, ms),
    );
  }

  /** Forgets a path (closed and gone). */
  drop(path: string): void {
    this.urgent.delete(path);
    this.background.delete(path);
    for (const map of [this.timers, this.delayed]) {
      const timer = map.get(path);
      if (timer) clearTimeout(timer);
      map.delete(path);
    }
  }

  private tick(): void {
    this.pending = undefined;
    const [path, urgent] = first(this.urgent, true) ?? first(this.background, false) ?? [];
    if (path === undefined) return;
    // One file per macrotask: requests queued meanwhile are answered in between.
    try {
      this.run(path, !!urgent);
    } finally {
      if (this.urgent.size || this.background.size) this.pending = setImmediate(() => this.tick());
    }
  }
}

function first(set: Set<string>, urgent: boolean): [string, boolean] | undefined {
  for (const p of set) {
    set.delete(p);
    return [p, urgent];
  }
  return undefined;
}
