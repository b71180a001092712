/** Turns a rule's report into a diagnostic: message rendered, docs URL and fixes attached. */
import { renderMessage } from "./create-rule.js";
import type { LintDiagnostic, ReportInput, Rule, RuleLevel } from "./types.js";

const RANK: Readonly<Record<Exclude<RuleLevel, "off">, number>> = { info: 0, warning: 1, error: 2 };

export function toDiagnostic(
  rule: Pick<Rule<string>, "meta">,
  level: Exclude<RuleLevel, "off">,
  r: ReportInput<string>,
): LintDiagnostic {
  const template = rule.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message ${r.messageId}`);
  return {
    severity: r.severity && RANK[r.severity] < RANK[level] ? r.severity : level,
    code: rule.meta.id,
    message: renderMessage(template, r.data),
    messageId: r.messageId,
    path: r.path,
    docsUrl: rule.meta.docsUrl,
    ...(r.data ? { data: r.data } : {}),
    ...(r.loc ? { loc: r.loc } : {}),
    ...(r.hint ? { hint: r.hint } : {}),
    ...(r.fix ? { fixes: [r.fix] } : {}),
    ...(r.related ? { related: r.related } : {}),
  };
}
