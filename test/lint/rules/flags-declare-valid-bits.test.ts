import rule from "../../../src/lint/rules/flags-declare-valid-bits.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const f = flagSet({ bits: { A: 0 } });
export const ok = struct({ fields: { flags: { type: "__u32", flags: f } } });`,
    {
      name: "reserved while no bit exists",
      code: `export const ok = struct({ fields: { flags: { type: "__u32", reserved: true } } });`,
    },
  ],
  invalid: [
    {
      code: `export const s = struct({ fields: {
  flags: { type: "__u32" },
  alloc_flags: { type: "__u32" },
} });`,
      errors: [
        { messageId: "noBits", line: 2, column: 3, data: { field: "flags" } },
        { messageId: "noBits", line: 3, column: 3, data: { field: "alloc_flags" } },
      ],
    },
  ],
});
