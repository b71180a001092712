/** `createCompatRule`: the compatibility counterpart of `createRule`. */
import { ruleDocsUrl } from "../create-rule.js";
import type { RuleMeta } from "../types.js";
import type { CompatContext, CompatRule } from "./types.js";

export function createCompatRule<M extends string>(spec: {
  meta: Omit<RuleMeta<M>, "docsUrl" | "fixable" | "category"> & { category: "api" | "abi" };
  check: (ctx: CompatContext<M>) => void;
}): CompatRule<M> {
  return {
    meta: { ...spec.meta, fixable: false, docsUrl: ruleDocsUrl(spec.meta.id) },
    check: spec.check,
  };
}
