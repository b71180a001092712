import rule from "../../../src/lint/rules/unique-values.js";
import { runRuleTests } from "../rule-tester.js";

const ENTRIES = `export const e1 = struct({ fields: { a: { type: "__u32" } } });
export const e2 = struct({ fields: { b: { type: "__u32" } } });
`;
const arrayWith = (
  values: string,
  entries: string,
) => `${ENTRIES}export const kind = enumeration({ members: { ${values} } });
export const req = struct({
  arrays: [{ pointer: "data_uptr", entryLen: "entry_len", count: "entry_num", selector: "data_type",
    entries: { ${entries} } }],
  fields: {
    data_uptr: { type: "__aligned_u64", userPtr: true },
    data_type: { type: "__u32", values: kind },
    entry_len: { type: "__u32" },
    entry_num: { type: "__u32" },
  },
});`;

runRuleTests(rule, {
  valid: [
    `export const f = flagSet({ bits: { A: 0, B: 1, C: 31 } });`,
    {
      name: "plain enums may alias",
      code: `export const e = enumeration({ members: { NONE: 0, DEFAULT: 0 } });`,
    },
    {
      name: "selector members mapped to one struct may share a value",
      code: arrayWith("K_A: 0, K_B: 0", "K_A: e1, K_B: e1"),
    },
    arrayWith("K_A: 0, K_B: 1", "K_A: e1, K_B: e2"),
  ],
  invalid: [
    {
      name: "a duplicate flag bit",
      code: `export const f = flagSet({ bits: {
  A: 0,
  B: { bit: 1 },
  C: { bit: 1 },
  D: 0,
} });`,
      errors: [
        {
          messageId: "bit",
          line: 4,
          column: 3,
          data: { name: "C", other: "B", set: "f", value: 1 },
        },
        {
          messageId: "bit",
          line: 5,
          column: 3,
          data: { name: "D", other: "A", set: "f", value: 0 },
        },
      ],
    },
    {
      name: "a duplicate selector value",
      code: arrayWith("K_A: 0, K_B: 0", "K_A: e1, K_B: e2"),
      errors: [
        {
          messageId: "selector",
          line: 5,
          column: 12,
          data: { name: "K_B", other: "K_A", set: "req.data_uptr", value: 0 },
        },
      ],
    },
  ],
});
