export { compatPass } from "./run.js";
export { readBaseline, baselineSource, type Baseline, type BaselineSource } from "./baseline.js";
export { COMPAT_RULES, COMPAT_RULE_LIST } from "./rules/index.js";
export { pairVersions, type Pairing, type StructPair, type MemberPair } from "./pairs.js";
export type { CompatOptions } from "./run.js";
export type { CompatRule, CompatContext } from "./types.js";
