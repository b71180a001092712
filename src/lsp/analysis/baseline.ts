/**
 * The baseline for the compatibility rules (`uapiGen.against`): the version of a module at a
 * git ref (or in a folder), read through the linter's `baselineSource`/`readBaseline`. Reading
 * a revision runs git, so a baseline is cached per module until the ref may have moved (a
 * watched `.git` change or a settings change bumps the generation).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import {
  baselineSource,
  readBaseline,
  type LintDiagnostic,
  type LintInput,
} from "../../lint/index.js";

export interface ModuleBaseline {
  readonly input: LintInput | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Where the baseline keeps this module, to re-home findings located there. */
  readonly baselinePath: string | undefined;
  readonly label: string;
}

export class Baselines {
  private readonly cache = new Map<string, ModuleBaseline>();

  clear(): void {
    this.cache.clear();
  }

  of(against: string, root: string, path: string, current: LintInput): ModuleBaseline {
    const key = `${against}\0${root}\0${path}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = read(against, root, path, current);
      this.cache.set(key, hit);
    }
    return hit;
  }
}

function read(against: string, root: string, path: string, current: LintInput): ModuleBaseline {
  const source = baselineSource(against, root);
  if (!("read" in source))
    return { input: undefined, diagnostics: [source], baselinePath: undefined, label: against };
  const primary = current.primary.filter((m) => m.file === path);
  const baseline = readBaseline(against, { ...current, primary }, root);
  if (!baseline.ok)
    return {
      input: undefined,
      diagnostics: baseline.diagnostics,
      baselinePath: source.pathOf(path),
      label: against,
    };
  return {
    input: baseline.input,
    diagnostics: [],
    baselinePath: source.pathOf(path),
    label: baseline.label,
  };
}

/**
 * A finding located in the baseline's copy of a module (a deleted item) is shown at the top
 * of the current module, naming the baseline line, since the editor cannot open a revision.
 */
export function rehome(d: LintDiagnostic, path: string, base: ModuleBaseline): LintDiagnostic {
  if (!d.loc || !base.baselinePath || d.loc.file !== base.baselinePath) return d;
  const where = `${base.label}:${d.loc.range.start.line + 1}`;
  return {
    ...d,
    message: `${d.message} (baseline ${where})`,
    loc: {
      file: path,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    },
  };
}
