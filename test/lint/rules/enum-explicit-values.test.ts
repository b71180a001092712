import rule from "../../../src/lint/rules/enum-explicit-values.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [`export const e = enumeration({ members: { A: 0, B: 0xffffffff } });`],
  invalid: [
    {
      code: `export const e = enumeration({ members: {
  NEG: -1,
  BIG: 0x100000000,
} });`,
      errors: [
        { messageId: "doesNotFit", line: 2, column: 3, data: { member: "NEG", value: "-1" } },
        {
          messageId: "doesNotFit",
          line: 3,
          column: 3,
          data: { member: "BIG", value: "0x100000000" },
        },
      ],
    },
  ],
});
