import rule from "../../../src/lint/rules/reserved-must-be-zero.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ fields: { a: { type: "__u32" }, __reserved: { type: "__u32", reserved: true } } });`,
    {
      name: "names that only contain the words",
      code: `export const ok = struct({ fields: { padding_mode: { type: "__u32" }, reserved_pages: { type: "__u32" } } });`,
    },
  ],
  invalid: [
    {
      code: `export const s = struct({ fields: {
  a: { type: "__u16" },
  pad: { type: "__u16" },
  __rsvd2: { type: "__u32" },
} });`,
      errors: [
        { messageId: "notDeclared", line: 3, column: 3, data: { field: "pad" } },
        { messageId: "notDeclared", line: 4, column: 3, data: { field: "__rsvd2" } },
      ],
      output: `export const s = struct({ fields: {
  a: { type: "__u16" },
  pad: { reserved: true, type: "__u16" },
  __rsvd2: { reserved: true, type: "__u32" },
} });`,
    },
  ],
});
