import rule from "../../../src/lint/rules/require-docs.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ doc: "A struct.", fields: { a: { type: "__u32", doc: "A field." } } });
export const e = enumeration({ doc: "An enum.", members: { E_A: { value: 0, doc: "A." } } });`,
  ],
  invalid: [
    {
      code: `export const s = struct({ fields: { a: { type: "__u32" } } });
export const f = flagSet({ doc: "Flags.", bits: { F_A: 0 } });`,
      errors: [
        { messageId: "missing", line: 1, column: 14, data: { what: "struct", name: "s" } },
        { messageId: "missing", line: 1, column: 37, data: { what: "field", name: "a" } },
        { messageId: "missing", line: 2, column: 51, data: { what: "flag", name: "F_A" } },
      ],
    },
  ],
});
