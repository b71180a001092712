/**
 * Reads the baseline of `--against`: a folder holding the same relative paths, or a git
 * revision (src/lint/compat/git-revision.ts; the work tree, index and HEAD are never touched).
 * Git baselines live under a virtual root `<repo>/@<rev>/`, so relative imports between
 * definitions modules resolve inside the same revision and positions name the revision.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadDefinitions } from "../../load/load.js";
import type { LintInput } from "../lint.js";
import { GitRevision } from "./git-revision.js";

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
      // The same path relative to the working folder: never a file of the same base name
      // elsewhere (linux/sched/types.h is not linux/types.h).
      pathOf: (file) => {
        const rel = relative(cwd, file);
        if (rel.startsWith("..")) return undefined;
        const p = join(dir, rel);
        return existsSync(p) ? p : undefined;
      },
      read: (p) => (existsSync(p) ? readFileSync(p, "utf8") : undefined),
    };
  }
  const opened = GitRevision.open(cwd, against);
  // No commit yet (the first commit of a repository): everything is new.
  if (opened === undefined)
    return { label: against, pathOf: () => undefined, read: () => undefined };
  if (!opened.ok) {
    return opened.message === "not-a-repository"
      ? failure(`--against ${against}: not a folder, and ${cwd} is not in a git repository`)
      : failure(
          `--against ${against}: no such folder or git revision`,
          "fetch it first in shallow clones (git fetch --depth=1 origin <ref>)",
        );
  }
  const { rev } = opened;
  const virtualRoot = join(rev.root, `@${against}`);
  const asked: string[] = [];
  return {
    label: against,
    pathOf: (file) => {
      const rel = relative(rev.root, file);
      if (rel.startsWith("..") || !rev.has(rel)) return undefined;
      asked.push(rel);
      return join(virtualRoot, rel);
    },
    read: (p) => {
      const rel = relative(virtualRoot, p);
      if (rel.startsWith("..")) return undefined;
      // The files the caller mapped are read together with the first one it reads.
      rev.prefetch([rel, ...asked.splice(0)]);
      return rev.read(rel);
    },
  };
}

/** Loads the baseline of the current definitions modules. */
export function readBaseline(
  against: string,
  current: LintInput,
  cwd: string,
  opened?: BaselineSource,
): Baseline {
  const source = opened ?? baselineSource(against, cwd);
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
