/**
 * The pieces of sim exec that need no process: the harness's list and TAP output, and the
 * descriptor tables (a file stays open while any descriptor does, in any process).
 */
import { describe, expect, it } from "vitest";
import { FdTables } from "../../../src/sim/exec/server/fd-tables.js";
import { parseList, parseTap } from "../../../src/sim/exec/selftest/tap.js";
import { simExecOptions, SimExecUsageError } from "../../../src/sim/exec/options.js";
import type { KernelFile } from "../../../src/sim/kernel/file.js";
import { ObjectTable } from "../../../src/sim/kernel/object-table.js";
import type { Ioas } from "../../../src/sim/kernel/objects.js";

const LIST = `# FIXTURE            VARIANT                   TEST
global                                         
--------------------------------------------------------------------------------
iommufd                                        simple_close
                                               cmd_fail
--------------------------------------------------------------------------------
change_process       account_none              basic
                     account_user              
--------------------------------------------------------------------------------
iommufd_dirty_tracking domain_dirty8k            enforce_dirty
                     domain_dirty16k           set_dirty_tracking
`;

describe("the selftest's output", () => {
  it("lists FIXTURE.VARIANT.TEST, with long fixture names pushing their row right", () => {
    expect(parseList(LIST)).toEqual([
      "iommufd.simple_close",
      "iommufd.cmd_fail",
      "change_process.account_none.basic",
      "change_process.account_user.basic",
      "iommufd_dirty_tracking.domain_dirty8k.enforce_dirty",
      "iommufd_dirty_tracking.domain_dirty8k.set_dirty_tracking",
      "iommufd_dirty_tracking.domain_dirty16k.enforce_dirty",
      "iommufd_dirty_tracking.domain_dirty16k.set_dirty_tracking",
    ]);
  });

  it("reads TAP verdicts, skips included", () => {
    const v = parseTap("ok 1 a.b\nnot ok 2 a.c\nok 3 a.d # SKIP no\n# ok 4 x.y\n");
    expect([...v]).toEqual([
      ["a.b", "pass"],
      ["a.c", "fail"],
      ["a.d", "skip"],
    ]);
  });
});

function file(): KernelFile & { released: number } {
  const f = {
    kind: "iommufd" as const,
    released: 0,
    ioctl: () => ({ errno: "OK" as const }),
    read: () => ({ errno: "OK" as const }),
    write: () => ({ errno: "OK" as const }),
    poll: () => 0,
    mmap: () => ({ errno: "ENODEV" as const }),
    munmap: () => {},
    release: () => void f.released++,
  };
  return f;
}

describe("descriptor tables", () => {
  it("release a file when its last descriptor, in any process, is closed", () => {
    const t = new FdTables(() => true);
    const f = file();
    t.add(10, 3, { file: f, ino: 1n });
    t.add(10, 4, { file: f, ino: 1n }); // dup
    t.fork(11, 10);
    t.remove(10, 3);
    t.remove(10, 4);
    expect(f.released).toBe(0);
    t.remove(11, 3);
    expect(f.released).toBe(0);
    t.remove(11, 4);
    expect(f.released).toBe(1);
  });

  it("drop what dead processes held, once a close leaves a file open", () => {
    let alive = true;
    const t = new FdTables((pid) => pid !== 11 || alive);
    const f = file();
    t.add(10, 3, { file: f, ino: 1n });
    t.fork(11, 10);
    alive = false;
    t.remove(10, 3);
    t.maintain();
    expect(f.released).toBe(1);
  });

  it("keep across exec only what the new image confirms it still holds", () => {
    const t = new FdTables(() => true);
    const [a, b] = [file(), file()];
    t.add(10, 3, { file: a, ino: 1n });
    t.add(10, 5, { file: b, ino: 2n });
    expect([...t.offer(10, 1).keys()]).toEqual([3, 5]);
    t.confirm(10, [5]); // fd 3 was close-on-exec
    expect(a.released).toBe(1);
    expect(t.get(10, 5)?.file).toBe(b);
    // A child the parent did not announce (posix_spawn) is offered its parent's.
    expect([...t.offer(12, 10).keys()]).toEqual([5]);
    t.confirm(12, [5]);
    t.remove(10, 5);
    expect(b.released).toBe(0);
  });
});

describe("sim exec options", () => {
  it("check what the user typed", () => {
    expect(simExecOptions({ command: ["prog", "-x"] })).toMatchObject({
      program: "prog",
      args: ["-x"],
      kernel: "latest",
      timeoutMs: 600_000,
    });
    expect(() => simExecOptions({ command: [] })).toThrow(SimExecUsageError);
    expect(() => simExecOptions({ command: ["p"], kernel: "v5" })).toThrow(
      /--kernel must be one of/,
    );
    expect(() => simExecOptions({ command: ["p"], timeout: "-1" })).toThrow(/--timeout/);
  });
});

describe("object IDs", () => {
  const ioas = (t: ObjectTable) => t.add<Ioas>({ kind: "ioas", holds: [], hwpts: [] });

  it("are the lowest free, as xa_alloc hands them out; an aborted one comes back", () => {
    const t = new ObjectTable();
    expect([ioas(t), ioas(t), ioas(t)].map((o) => o.id)).toEqual([1, 2, 3]);
    expect(t.destroy(2)).toBe("OK");
    expect(ioas(t).id).toBe(2);
    t.destroy(1);
    t.destroy(3);
    const pending = t.alloc<Ioas>({ kind: "ioas", holds: [], hwpts: [] });
    expect(pending.id).toBe(1);
    expect(t.get(1)).toBeUndefined(); // not finalized: invisible
    t.abort(pending);
    expect([ioas(t), ioas(t), ioas(t)].map((o) => o.id)).toEqual([1, 3, 4]);
  });

  it("of a tombstone stay taken until the file is released", () => {
    const t = new ObjectTable();
    const a = ioas(t);
    t.tombstone(a);
    expect(t.destroy(a.id)).toBe("ENOENT");
    expect(ioas(t).id).toBe(2);
    t.releaseAll();
    expect(ioas(t).id).toBe(1);
  });
});
