import rule from "../../../src/lint/rules/aligned-u64.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ fields: { a: { type: "__u32" }, b: { type: "__u32" }, c: { type: "__u64" } } });`,
    `export const ok = struct({ fields: { a: { type: "__u32" }, r: { type: "__u32", reserved: true }, c: { type: "__aligned_u64" } } });`,
  ],
  invalid: [
    {
      code: `export const s = struct({ fields: {
  a: { type: "__u32" },
  b: { type: "__u64" },
} });`,
      errors: [
        {
          messageId: "misaligned",
          line: 3,
          column: 3,
          data: { field: "b", where: "8 on every ABI but i386, m68k, sh4; 4 on i386, m68k, sh4" },
        },
      ],
      output: `export const s = struct({ fields: {
  a: { type: "__u32" },
  b: { type: "__aligned_u64" },
} });`,
    },
    {
      name: "__be64 gets __aligned_be64",
      code: `export const s = struct({ fields: { a: { type: "__u16" }, b: { type: "__be64" } } });`,
      errors: [{ messageId: "misaligned", line: 1, column: 59 }],
      output: `export const s = struct({ fields: { a: { type: "__u16" }, b: { type: "__aligned_be64" } } });`,
    },
    {
      name: "__s64 has no aligned spelling: no fix",
      code: `export const s = struct({ fields: { a: { type: "__u32" }, b: { type: "__s64" } } });`,
      errors: [{ messageId: "misaligned", line: 1, column: 59 }],
      output: null,
    },
  ],
});
