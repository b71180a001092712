/**
 * The linter's configuration file (`uapi-lint.json`, named by src/lint) of a workspace
 * folder, read through `Sources` so that an unsaved buffer of it counts, with its own
 * diagnostics to publish on it.
 */
import { join } from "node:path";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import {
  COMPAT_RULE_LIST,
  CONFIG_FILE_NAME,
  parseConfig,
  resolveConfig,
  RULE_LIST,
  type ResolvedConfig,
} from "../../lint/index.js";
import type { Sources } from "./sources.js";

export interface LoadedLintConfig {
  readonly file: string | undefined;
  readonly config: ResolvedConfig;
  readonly diagnostics: readonly Diagnostic[];
  /** Every rule id, layout and compatibility: what suppressions and ignores may name. */
  readonly known: ReadonlySet<string>;
}

export function isLintConfigFile(path: string): boolean {
  return path.endsWith(`/${CONFIG_FILE_NAME}`);
}

export function loadLintConfig(roots: readonly string[], sources: Sources): LoadedLintConfig {
  const rules = [...RULE_LIST, ...COMPAT_RULE_LIST];
  const known = new Set(rules.map((r) => r.meta.id));
  for (const root of roots) {
    const file = join(root, CONFIG_FILE_NAME);
    const text = sources.text(file);
    if (text === undefined) continue;
    const { config, diagnostics } = parseConfig(file, text, known);
    return { file, config: resolveConfig(config, rules), diagnostics, known };
  }
  return { file: undefined, config: resolveConfig(undefined, rules), diagnostics: [], known };
}
