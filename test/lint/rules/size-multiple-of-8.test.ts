import rule from "../../../src/lint/rules/size-multiple-of-8.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ fields: { a: { type: "__u64" }, b: { type: "__u32" }, c: { type: "__u32" } } });`,
    {
      name: "no 64-bit member",
      code: `export const ok = struct({ fields: { a: { type: "__u32" }, b: { type: "__u16" }, c: { type: "__u16" }, d: { type: "__u32" } } });`,
    },
  ],
  invalid: [
    {
      name: "plain u64 + u32 is 12 bytes on i386",
      code: `export const s = struct({ fields: {
  a: { type: "__u64" },
  b: { type: "__u32" },
} });`,
      errors: [
        {
          messageId: "size",
          line: 1,
          column: 14,
          data: { struct: "s", where: "12 on i386, m68k, sh4" },
        },
      ],
      output: `export const s = struct({ fields: {
  a: { type: "__u64" },
  b: { type: "__u32" },
  __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
} });`,
    },
    {
      name: "a nested struct with a u64 counts",
      code: `export const inner = struct({ fields: { v: { type: "__u64" } } });
export const s = struct({ fields: { i: { type: inner }, n: { type: "__u16" } } });`,
      errors: [
        {
          messageId: "size",
          line: 2,
          column: 14,
          data: { struct: "s", where: "12 on i386, sh4; 10 on m68k" },
        },
      ],
    },
  ],
});
