/**
 * `createRule`: every rule file is `export default createRule({...})`. It derives the docs
 * URL from the id so that no rule writes its own, and checks the message table at load time.
 */
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../util/package-root.js";
import type { Rule, RuleContext, RuleMeta } from "./types.js";

/** docs/rules/ of this checkout: editors open it, SARIF links it. */
export const RULE_DOCS_DIR = join(PACKAGE_ROOT, "docs", "rules");

export function ruleDocsUrl(id: string): string {
  return pathToFileURL(join(RULE_DOCS_DIR, `${id}.md`)).href;
}

export function createRule<M extends string>(spec: {
  meta: Omit<RuleMeta<M>, "docsUrl" | "fixable"> & { fixable?: boolean };
  check: (ctx: RuleContext<M>) => void;
}): Rule<M> {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(spec.meta.id))
    throw new Error(`rule id ${spec.meta.id} is not kebab-case`);
  return {
    meta: { ...spec.meta, fixable: spec.meta.fixable ?? false, docsUrl: ruleDocsUrl(spec.meta.id) },
    check: spec.check,
  };
}

/** Fills `{{name}}` placeholders; a missing value is an internal error, not a silent blank. */
export function renderMessage(
  template: string,
  data: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`message placeholder {{${key}}} has no value`);
    return String(data[key]);
  });
}
