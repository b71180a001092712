/**
 * One git revision's files, read without touching the work tree, index or HEAD, in two git
 * processes whatever the number of files: `ls-tree` (every path and its blob) and one
 * `cat-file --batch` for the contents (`rev-parse` only when something is wrong). Each git
 * process costs ~5 ms to start, and `lint --against` start-up is a benchmarked figure.
 */
import { execFileSync } from "node:child_process";
import { nearestFolderWith } from "../../util/find-up.js";

export type GitRevisionOrError = { ok: true; rev: GitRevision } | { ok: false; message: string };

export class GitRevision {
  private readonly contents = new Map<string, string | undefined>();

  private constructor(
    /** The repository's top folder. */
    readonly root: string,
    /** The revision as the user wrote it. */
    readonly name: string,
    private readonly blobs: ReadonlyMap<string, string>,
  ) {}

  /**
   * Undefined only for a repository without commits, where HEAD names nothing yet. `under`
   * lists only those folders (a kernel's uAPI folders, not its 80 000 files).
   */
  static open(
    cwd: string,
    rev: string,
    under: readonly string[] = [],
  ): GitRevisionOrError | undefined {
    // The common case in one git process: the work tree found on disk, the revision listed.
    const root = workTreeRoot(cwd);
    const paths = under.length ? ["--", ...under] : [];
    const listed =
      root && git(root, ["ls-tree", "-r", "-z", "--full-tree", `${rev}^{commit}`, ...paths]);
    if (root && listed) return { ok: true, rev: new GitRevision(root, rev, blobsOf(listed)) };
    // Otherwise rev-parse says what is wrong, or finds what the walk could not.
    const found = git(cwd, ["rev-parse", "--show-toplevel", "--verify", `${rev}^{commit}`]);
    if (found === undefined) {
      if (git(cwd, ["rev-parse", "--show-toplevel"]) === undefined)
        return { ok: false, message: "not-a-repository" };
      if (rev === "HEAD" && git(cwd, ["rev-parse", "--verify", "--quiet", "HEAD"]) === undefined)
        return undefined;
      return { ok: false, message: "no-such-revision" };
    }
    const [top, commit] = found.toString("utf8").trim().split("\n") as [string, string];
    const listing = git(top, ["ls-tree", "-r", "-z", "--full-tree", commit, ...paths]);
    if (listing === undefined) return { ok: false, message: "no-such-revision" };
    return { ok: true, rev: new GitRevision(top, rev, blobsOf(listing)) };
  }

  /** Every file path of the revision under `prefix` (relative, `/`-separated). */
  paths(prefix = ""): string[] {
    const out: string[] = [];
    for (const p of this.blobs.keys()) if (p.startsWith(prefix)) out.push(p);
    return out;
  }

  /** The blob id of a file, which changes exactly when its content does. */
  blob(path: string): string | undefined {
    return this.blobs.get(path);
  }

  /** Whether the revision has a file at this path (relative to the repository, `/`-separated). */
  has(path: string): boolean {
    return this.blobs.has(path);
  }

  /** The file's text at this revision, or undefined when it has none. */
  read(path: string): string | undefined {
    if (!this.contents.has(path)) this.prefetch([path]);
    return this.contents.get(path);
  }

  /** Reads the given files' contents in one git process, so later reads cost nothing. */
  prefetch(paths: readonly string[]): void {
    const wanted = [...new Set(paths)].filter((p) => !this.contents.has(p));
    const present = wanted.filter((p) => this.blobs.has(p));
    for (const p of wanted) if (!this.blobs.has(p)) this.contents.set(p, undefined);
    if (present.length === 0) return;
    const input = present.map((p) => this.blobs.get(p)).join("\n") + "\n";
    const out = git(this.root, ["cat-file", "--batch"], input);
    if (out === undefined) {
      for (const p of present) this.contents.set(p, undefined);
      return;
    }
    // Each answer: "<object> blob <size>\n<size bytes>\n", in the order asked.
    let at = 0;
    for (const p of present) {
      const eol = out.indexOf(0x0a, at);
      const size = Number(out.toString("latin1", at, eol).split(" ")[2]);
      this.contents.set(p, out.toString("utf8", eol + 1, eol + 1 + size));
      at = eol + 1 + size + 1;
    }
  }
}

/** Path to blob of every file, from `ls-tree -r -z`: "<mode> <type> <object>\t<path>\0". */
function blobsOf(listing: Buffer): Map<string, string> {
  const blobs = new Map<string, string>();
  for (const entry of listing.toString("utf8").split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0) continue;
    const [, type, object] = entry.slice(0, tab).split(" ");
    if (type === "blob" && object) blobs.set(entry.slice(tab + 1), object);
  }
  return blobs;
}

/**
 * The work tree's top folder as git finds it: the nearest folder up from `cwd` holding `.git`
 * (a folder, or a file in worktrees and submodules). Undefined under GIT_DIR or GIT_WORK_TREE,
 * whose rules are rev-parse's to apply.
 */
function workTreeRoot(cwd: string): string | undefined {
  if (process.env.GIT_DIR || process.env.GIT_WORK_TREE) return undefined;
  return nearestFolderWith(".git", cwd);
}

function git(cwd: string, args: string[], input?: string): Buffer | undefined {
  try {
    return execFileSync("git", args, {
      cwd,
      input,
      stdio: ["pipe", "pipe", "pipe"],
      maxBuffer: 256 << 20,
      // Every child process has a time limit; past it the revision reads as unavailable.
      timeout: 60_000,
      killSignal: "SIGKILL",
    });
  } catch {
    return undefined;
  }
}
