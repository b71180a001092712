import rule from "../../../src/lint/rules/user-pointer-aligned-u64.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ fields: { data_uptr: { type: "__aligned_u64", userPtr: true } } });`,
    {
      name: "a plain u64 that is not a pointer",
      code: `export const ok = struct({ fields: { iova: { type: "__aligned_u64" }, len: { type: "__u64" } } });`,
    },
  ],
  invalid: [
    {
      name: "userPtr declared as __u64",
      code: `export const s = struct({ fields: { buf: { type: "__u64", userPtr: true } } });`,
      errors: [
        { messageId: "notAligned", line: 1, column: 37, data: { field: "buf", type: "__u64" } },
      ],
      output: `export const s = struct({ fields: { buf: { type: "__aligned_u64", userPtr: true } } });`,
    },
    {
      name: "a *_uptr name is a user pointer too",
      code: `export const s = struct({ fields: { data_uptr: { type: "__u32" } } });`,
      errors: [
        {
          messageId: "notAligned",
          line: 1,
          column: 37,
          data: { field: "data_uptr", type: "__u32" },
        },
      ],
      output: null,
    },
  ],
});
