import rule from "../../../src/lint/rules/extensible-leading-size.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ extensible: { size: "size", lastMandatory: "id" }, fields: { size: { type: "__u32" }, id: { type: "__u32" } } });`,
    {
      name: "not extensible",
      code: `export const ok = struct({ fields: { id: { type: "__u32" } } });`,
    },
  ],
  invalid: [
    {
      code: `export const s = struct({
  extensible: { size: "size", lastMandatory: "id" },
  fields: {
    id: { type: "__u32" },
    size: { type: "__u16" },
  },
});`,
      errors: [
        {
          messageId: "notFirst",
          line: 4,
          column: 5,
          data: { struct: "s", size: "size", first: "id" },
        },
        { messageId: "mandatoryBeforeSize", line: 4, column: 5, data: { struct: "s", last: "id" } },
        {
          messageId: "notU32",
          line: 5,
          column: 5,
          data: { struct: "s", size: "size", type: "__u16" },
        },
      ],
    },
  ],
});
