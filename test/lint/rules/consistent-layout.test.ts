import rule from "../../../src/lint/rules/consistent-layout.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ fields: { a: { type: "__u32" }, b: { type: "__u32" }, c: { type: "__aligned_u64" } } });`,
    {
      name: "plain __u64 first is at 0 everywhere",
      code: `export const ok = struct({ fields: { a: { type: "__u64" }, b: { type: "__u32" }, c: { type: "__u32" } } });`,
    },
  ],
  invalid: [
    {
      name: "the i386 trap of ioctl.rst: u32, u64, u32",
      code: `export const s = struct({ fields: {
  a: { type: "__u32" },
  b: { type: "__u64" },
  c: { type: "__u32" },
} });`,
      errors: [
        {
          messageId: "size",
          line: 1,
          column: 14,
          data: {
            struct: "s",
            where: "24 on every ABI but i386, m68k, sh4; 16 on i386, m68k, sh4",
          },
        },
        {
          messageId: "offset",
          line: 3,
          column: 3,
          data: { field: "b", where: "8 on every ABI but i386, m68k, sh4; 4 on i386, m68k, sh4" },
        },
      ],
    },
    {
      name: "long changes size with the ABI",
      code: `export const s = struct({ fields: { a: { type: "long" }, b: { type: "__u32" } } });`,
      errors: [
        { messageId: "size", line: 1, column: 14 },
        { messageId: "offset", line: 1, column: 58 },
      ],
    },
  ],
});
