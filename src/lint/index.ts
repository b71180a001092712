/**
 * The linter's public API, for the CLI and the language server:
 *
 *   const loaded = loadDefinitions(files, { readFile });       // unsaved buffers welcome
 *   const { diagnostics } = lint(loaded, { config });          // LintDiagnostic[] (LSP-shaped)
 *   diagnostics[i].fixes  -> code actions (text edits);  diagnostics[i].docsUrl -> codeDescription
 */
export {
  lint,
  sortDiagnostics,
  type LintInput,
  type LintOptions,
  type LintResult,
} from "./lint.js";
export { RULES, RULE_LIST, type RuleId } from "./rules/index.js";
export {
  parseConfig,
  resolveConfig,
  CONFIG_FILE_NAME,
  type LintConfig,
  type ResolvedConfig,
  type IgnoreEntry,
} from "./config.js";
export { presetLevels, PRESET_NAMES, type PresetName } from "./presets.js";
export { parseSuppressions, type Suppression } from "./suppressions.js";
export { createRule, ruleDocsUrl } from "./create-rule.js";
export type {
  Fix,
  LintDiagnostic,
  RelatedInfo,
  Rule,
  RuleMeta,
  RuleLevel,
  TextEdit,
  CompatCategory,
  RuleCategory,
} from "./types.js";
export {
  baselineSource,
  compatPass,
  readBaseline,
  COMPAT_RULES,
  COMPAT_RULE_LIST,
  pairVersions,
} from "./compat/index.js";
