/**
 * Presets, generated from rule metadata: `recommended` enables the rules marked recommended
 * at their default severity; `strict` enables every rule and raises warnings to errors.
 */
import type { Rule, RuleLevel } from "./types.js";

export type PresetName = "recommended" | "strict";
export const PRESET_NAMES: readonly PresetName[] = ["recommended", "strict"];

export function presetLevels(
  preset: PresetName,
  rules: readonly Pick<Rule<string>, "meta">[],
): Map<string, RuleLevel> {
  const levels = new Map<string, RuleLevel>();
  for (const { meta } of rules) {
    if (preset === "strict") levels.set(meta.id, meta.severity === "info" ? "info" : "error");
    else levels.set(meta.id, meta.recommended ? meta.severity : "off");
  }
  return levels;
}
