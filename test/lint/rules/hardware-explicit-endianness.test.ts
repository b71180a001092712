import rule from "../../../src/lint/rules/hardware-explicit-endianness.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ hardware: true, fields: { cmd: { type: array("__aligned_le64", 2) }, b: { type: "__u8" } } });`,
    {
      name: "not a hardware format",
      code: `export const ok = struct({ fields: { a: { type: "__u32" } } });`,
    },
  ],
  invalid: [
    {
      code: `export const s = struct({ hardware: true, fields: {
  w0: { type: "__le32" },
  w1: { type: "__u32" },
  w: { type: array("__u64", 2) },
} });`,
      errors: [
        {
          messageId: "native",
          line: 3,
          column: 3,
          data: { field: "w1", struct: "s", type: "__u32" },
        },
        {
          messageId: "native",
          line: 4,
          column: 3,
          data: { field: "w", struct: "s", type: "__u64" },
        },
      ],
    },
  ],
});
