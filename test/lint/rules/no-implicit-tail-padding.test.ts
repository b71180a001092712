import rule from "../../../src/lint/rules/no-implicit-tail-padding.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ fields: { a: { type: "__aligned_u64" }, b: { type: "__u32" }, c: { type: "__u32" } } });`,
    `export const bytes = struct({ fields: { a: { type: "__u8" }, b: { type: "__u8" }, c: { type: "__u8" } } });`,
  ],
  invalid: [
    {
      name: "u64 then u32 leaves 4 bytes",
      code: `export const s = struct({ fields: {
  a: { type: "__aligned_u64" },
  b: { type: "__u32" },
} });`,
      errors: [
        {
          messageId: "tail",
          line: 1,
          column: 14,
          data: { struct: "s", where: "4 bytes on every ABI" },
        },
      ],
      output: `export const s = struct({ fields: {
  a: { type: "__aligned_u64" },
  b: { type: "__u32" },
  __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
} });`,
    },
    {
      name: "u32 then u16: 2 bytes except on m68k",
      code: `export const s = struct({ fields: {
  a: { type: "__u32" },
  b: { type: "__u16" },
} });`,
      errors: [
        {
          messageId: "tail",
          line: 1,
          column: 14,
          data: { struct: "s", where: "2 bytes on every ABI but m68k" },
        },
      ],
    },
  ],
});
