import rule from "../../../src/lint/rules/fixed-width-types.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ fields: { a: { type: "__u32" }, name: { type: array("char", 16) }, v: { type: "__aligned_le64" } } });`,
  ],
  invalid: [
    {
      code: `export const s = struct({ fields: {
  p: { type: "void *" },
  l: { type: "unsigned long" },
  n: { type: "size_t" },
  b: { type: "_Bool" },
  c: { type: "char" },
  i: { type: "int" },
  q: { type: "unsigned long long" },
} });`,
      errors: [
        {
          messageId: "pointer",
          line: 2,
          column: 3,
          data: { field: "p", ctype: "void *", width: 0 },
        },
        {
          messageId: "long",
          line: 3,
          column: 3,
          data: { field: "l", ctype: "unsigned long", width: 0 },
        },
        { messageId: "sizeT", line: 4, column: 3 },
        { messageId: "bool", line: 5, column: 3 },
        { messageId: "charNumber", line: 6, column: 3 },
        {
          messageId: "nativeInt",
          line: 7,
          column: 3,
          data: { field: "i", ctype: "int", width: 0 },
        },
        { messageId: "nativeInt", line: 8, column: 3 },
      ],
    },
    {
      name: "native integers with a same-layout kernel type are fixed",
      code: `export const s = struct({ fields: { i: { type: "unsigned int" }, j: { type: "short" } } });`,
      errors: [
        { messageId: "nativeInt", line: 1, column: 37 },
        { messageId: "nativeInt", line: 1, column: 66 },
      ],
      output: `export const s = struct({ fields: { i: { type: "__u32" }, j: { type: "__s16" } } });`,
    },
    {
      name: "a pointer has no safe fix",
      code: `export const s = struct({ fields: { p: { type: "void *" } } });`,
      errors: [{ messageId: "pointer", line: 1, column: 37 }],
      output: null,
    },
  ],
});
