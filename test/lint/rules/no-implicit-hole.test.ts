import rule from "../../../src/lint/rules/no-implicit-hole.js";
import { runRuleTests } from "../rule-tester.js";

runRuleTests(rule, {
  valid: [
    `export const ok = struct({ doc: "d", fields: {
  a: { type: "__u32", doc: "d" },
  b: { type: "__u32", doc: "d" },
  c: { type: "__aligned_u64", doc: "d" },
} });`,
    {
      name: "explicit padding before a 64-bit field",
      code: `export const ok = struct({ fields: {
  a: { type: "__u32" },
  __reserved: { type: "__u32", reserved: true },
  c: { type: "__aligned_u64" },
} });`,
    },
  ],
  invalid: [
    {
      name: "u32 then __aligned_u64: 4-byte hole on every ABI",
      code: `export const s = struct({ fields: {
  a: { type: "__u32" },
  b: { type: "__aligned_u64" },
} });`,
      errors: [
        {
          messageId: "hole",
          line: 3,
          column: 3,
          data: { field: "b", where: "4 bytes at offset 4 on every ABI" },
        },
      ],
      output: `export const s = struct({ fields: {
  a: { type: "__u32" },
  __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  b: { type: "__aligned_u64" },
} });`,
    },
    {
      name: "u32 then plain __u64: the hole exists only where u64 is 8-aligned",
      code: `export const s = struct({ fields: {
  a: { type: "__u32" },
  b: { type: "__u64" },
} });`,
      errors: [
        {
          messageId: "hole",
          line: 3,
          column: 3,
          data: { field: "b", where: "4 bytes at offset 4 on every ABI but i386, m68k, sh4" },
        },
      ],
    },
    {
      name: "u8 then u32: 3 bytes on natural ABIs, 1 on m68k; fixed with a __u8 array",
      code: `export const s = struct({ fields: {
  a: { type: "__u8" },
  b: { type: "__u32" },
} });`,
      errors: [
        {
          messageId: "hole",
          line: 3,
          column: 3,
          data: {
            field: "b",
            where: "3 bytes at offset 1 on every ABI but m68k; 1 byte at offset 1 on m68k",
          },
        },
      ],
      output: `export const s = struct({ fields: {
  a: { type: "__u8" },
  __reserved: { type: array("__u8", 3), reserved: true, doc: "Must be 0." },
  b: { type: "__u32" },
} });`,
    },
    {
      name: "two holes, fixed in two passes with distinct names",
      code: `export const s = struct({ fields: {
  a: { type: "__u16" },
  b: { type: "__u32" },
  c: { type: "__u32" },
  d: { type: "__aligned_u64" },
} });`,
      errors: [
        { messageId: "hole", line: 3, column: 3 },
        { messageId: "hole", line: 5, column: 3 },
      ],
      output: `export const s = struct({ fields: {
  a: { type: "__u16" },
  __reserved: { type: "__u16", reserved: true, doc: "Must be 0." },
  b: { type: "__u32" },
  c: { type: "__u32" },
  __reserved2: { type: "__u32", reserved: true, doc: "Must be 0." },
  d: { type: "__aligned_u64" },
} });`,
    },
  ],
});
