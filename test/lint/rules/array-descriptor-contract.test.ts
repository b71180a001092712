import rule from "../../../src/lint/rules/array-descriptor-contract.js";
import { runRuleTests } from "../rule-tester.js";

const ENTRY = `export const kind = enumeration({ members: { K_A: 0, K_B: 1 } });
export const ea = struct({ fields: { v: { type: "__u32" } } });
export const eb = struct({ fields: { v: { type: "__u32" } } });
`;

runRuleTests(rule, {
  valid: [
    `${ENTRY}export const ok = struct({
  arrays: [{ pointer: "data_uptr", entryLen: "entry_len", count: "entry_num", selector: "data_type", entries: { K_A: ea, K_B: eb }, onError: { blame: "entry-at-count", count: "handled" } }],
  fields: {
    data_uptr: { type: "__aligned_u64", userPtr: true },
    data_type: { type: "__u32", values: kind },
    entry_len: { type: "__u32" },
    entry_num: { type: "__u32", dir: "inout" },
  },
});`,
  ],
  invalid: [
    {
      name: "the out_driver_error_code draft: no contract, count not written back",
      code: `${ENTRY}export const s = struct({
  arrays: [{ pointer: "reqs_uptr", entryLen: "req_len", count: "req_num", selector: "req_type", entries: { K_A: ea } }],
  fields: {
    reqs_uptr: { type: "__u64" },
    req_type: { type: "__u32", values: kind },
    req_len: { type: "__u16" },
    req_num: { type: "__u32" },
    out_driver_error_code: { type: "__u32", dir: "out" },
  },
});`,
      errors: [
        {
          messageId: "noContract",
          line: 5,
          column: 12,
          data: { pointer: "reqs_uptr", count: "req_num" },
        },
        { messageId: "pointerNotUser", line: 7, column: 5, data: { field: "reqs_uptr" } },
        {
          messageId: "missingEntry",
          line: 8,
          column: 5,
          data: { selector: "req_type", member: "K_B" },
        },
        {
          messageId: "notU32",
          line: 9,
          column: 5,
          data: { role: "entry length", field: "req_len" },
        },
      ],
    },
    {
      name: "a contract whose count is input only",
      code: `export const s = struct({
  arrays: [{ pointer: "data_uptr", entryLen: "entry_len", count: "entry_num", onError: { blame: "entry-at-count", count: "handled" } }],
  fields: {
    data_uptr: { type: "__aligned_u64", userPtr: true },
    entry_len: { type: "__u32" },
    entry_num: { type: "__u32" },
  },
});`,
      errors: [{ messageId: "countNotWritten", line: 6, column: 5, data: { count: "entry_num" } }],
    },
    {
      name: "an undeclared array",
      code: `export const s = struct({ fields: { data_uptr: { type: "__aligned_u64", userPtr: true }, entry_num: { type: "__u32" } } });`,
      errors: [
        {
          messageId: "undeclared",
          line: 1,
          column: 37,
          data: { pointer: "data_uptr", count: "entry_num" },
        },
      ],
    },
  ],
});
