/**
 * One writer per output folder at a time: `.uapi-gen-lock` holds the writer's process id.
 * It is made complete under a temporary name and linked into place (a link fails when the
 * lock exists), so nobody ever reads a half-written lock. A lock whose process is gone (a
 * `kill -9`) is taken over; two runs taking over at once are settled by a rename, which only
 * one of them wins.
 */
import { linkSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { failure, OutputError } from "./output-paths.js";

export const LOCK_NAME = ".uapi-gen-lock";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Temporary lock files of runs that died making one (`.uapi-gen-lock.<pid>.<random>`) or
 * taking one over (`.uapi-gen-lock.stale-<random>`).
 */
function removeDeadTemporaries(root: string): void {
  for (const name of readdirSync(root)) {
    const m = /^\.uapi-gen-lock\.(?:(\d+)\.|stale-)[0-9a-f]+$/.exec(name);
    if (m && (m[1] === undefined || !alive(Number(m[1]))))
      rmSync(join(root, name), { force: true });
  }
}

/** On a file system without hard links, exclusive creation (its content comes a moment later). */
function createdWithoutLink(path: string, code: string | undefined): boolean {
  if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") return false;
  writeFileSync(path, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
  return true;
}

/** Takes the folder's lock; returns the function that releases it. */
export function lockOutput(root: string): () => void {
  const path = join(root, LOCK_NAME);
  removeDeadTemporaries(root);
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}`;
  try {
    writeFileSync(temp, `${process.pid}\n`, { flag: "wx", mode: 0o600 });
  } catch (e) {
    throw failure(e, temp);
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temp, path);
        return () => rmSync(path, { force: true });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== "EEXIST" && !createdWithoutLink(path, code)) throw failure(e, path);
        if (code !== "EEXIST") return () => rmSync(path, { force: true });
      }
      const pid = holder(path);
      if (pid !== undefined && alive(pid))
        throw new OutputError(
          `another uapi-gen (process ${pid}) is writing to ${root}; if none is running, delete ${path}`,
          path,
        );
      // Stale: move it aside under a name of our own (only one taker's rename succeeds).
      const aside = `${path}.stale-${randomBytes(6).toString("hex")}`;
      try {
        renameSync(path, aside);
        rmSync(aside, { force: true });
      } catch {
        // Another run took it over first: try again.
      }
    }
    throw new OutputError(`cannot take the lock ${path}`, path);
  } finally {
    rmSync(temp, { force: true });
  }
}
