/**
 * Reads the baseline of `--against`: a folder holding the same relative paths, or a git
 * revision read with `git show REV:path` (the work tree, index and HEAD are never touched).
 * Git baselines live under a virtual root `<repo>/@<rev>/`, so relative imports between
 * definitions modules resolve inside the same revision and positions name the revision.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadDefinitions } from "../../load/load.js";
import type { LintInput } from "../lint.js";

export type Baseline =
  { ok: true; input: LintInput; label: string } | { ok: false; diagnostics: Diagnostic[] };

/** Reads one file of the baseline; the C header importer uses it for `.h` inputs. */
export interface BaselineSource {
  readonly label: string;
  /** The baseline path that corresponds to a current file, or undefined when it has none. */
  pathOf(file: string): string | undefined;
  read(path: string): string | undefined;
}

export function baselineSource(against: string, cwd: string): BaselineSource | Diagnostic {
  const dir = resolve(cwd, against);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    return {
      label: against,
      pathOf: (file) => {
        const rel = relative(cwd, file);
        const p = join(dir, rel.startsWith("..") ? basename(file) : rel);
        return existsSync(p) ? p : undefined;
      },
      read: (p) => (existsSync(p) ? readFileSync(p, "utf8") : undefined),
    };
  }
  const top = git(cwd, ["rev-parse", "--show-toplevel"]);
  if (top === undefined)
    return failure(`--against ${against}: not a folder, and ${cwd} is not in a git repository`);
  const root = top.trim();
  if (against === "HEAD" && git(root, ["rev-parse", "--verify", "--quiet", "HEAD"]) === undefined) {
    // No commit yet (the first commit of a repository): everything is new.
    return { label: against, pathOf: () => undefined, read: () => undefined };
  }
  if (git(root, ["rev-parse", "--verify", "--quiet", `${against}^{commit}`]) === undefined) {
    return failure(
      `--against ${against}: no such folder or git revision`,
      "fetch it first in shallow clones (git fetch --depth=1 origin <ref>)",
    );
  }
  const virtualRoot = join(root, `@${against}`);
  const cache = new Map<string, string | undefined>();
  return {
    label: against,
    pathOf: (file) => {
      const rel = relative(root, file);
      if (rel.startsWith("..")) return undefined;
      return git(root, ["cat-file", "-e", `${against}:${rel}`]) === undefined
        ? undefined
        : join(virtualRoot, rel);
    },
    read: (p) => {
      if (!cache.has(p)) {
        const rel = relative(virtualRoot, p);
        cache.set(p, rel.startsWith("..") ? undefined : git(root, ["show", `${against}:${rel}`]));
      }
      return cache.get(p);
    },
  };
}

/** Loads the baseline of the current definitions modules. */
export function readBaseline(against: string, current: LintInput, cwd: string): Baseline {
  const source = baselineSource(against, cwd);
  if (!("read" in source)) return { ok: false, diagnostics: [source] };
  const files = current.primary
    .map((m) => source.pathOf(m.file))
    .filter((f): f is string => f !== undefined);
  const loaded = loadDefinitions(files, { readFile: (f) => source.read(f) });
  if (loaded.diagnostics.some((d) => d.severity === "error")) {
    const diagnostics = loaded.diagnostics.map((d) => ({
      ...d,
      code: "lint/against",
      message: `baseline ${source.label}: ${d.message}`,
    }));
    return { ok: false, diagnostics };
  }
  return { ok: true, input: loaded, label: source.label };
}

function failure(message: string, hint?: string): Diagnostic {
  return { severity: "error", code: "lint/against", message, ...(hint ? { hint } : {}) };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 << 20,
    });
  } catch {
    return undefined;
  }
}
