import rule from "../../../src/lint/rules/ioctl-direction.js";
import { runRuleTests } from "../rule-tester.js";

const T = `export const T = constant({ value: char("x") });\nexport const NR = constant({ value: 1 });\n`;
const ARG = `export const a = struct({ fields: { id: { type: "__u32" }, out_id: { type: "__u32", dir: "out" } } });\n`;

runRuleTests(rule, {
  valid: [
    `${T}${ARG}export const IOC = ioctl({ type: T, nr: "NR", dir: "readwrite", arg: a });`,
    {
      name: "_IO with a size-negotiated struct (IOMMUFD style)",
      code: `${T}export const a = struct({ extensible: { size: "size", lastMandatory: "size" }, fields: { size: { type: "__u32" } } });
export const IOC = ioctl({ type: T, nr: "NR", dir: "none", arg: a });`,
    },
    {
      name: "_IO without argument",
      code: `${T}export const IOC = ioctl({ type: T, nr: "NR", dir: "none" });`,
    },
  ],
  invalid: [
    {
      code: `${T}${ARG}export const R = ioctl({ type: T, nr: "NR", dir: "read", arg: a });
export const W = ioctl({ type: T, nr: "NR", dir: "write", arg: a });
export const N = ioctl({ type: T, nr: "NR", dir: "none", arg: a });`,
      errors: [
        {
          messageId: "readHasIn",
          line: 4,
          column: 14,
          data: { ioctl: "R", arg: "a", field: "id" },
        },
        {
          messageId: "writeHasOut",
          line: 5,
          column: 14,
          data: { ioctl: "W", arg: "a", field: "out_id" },
        },
        { messageId: "ioWithArg", line: 6, column: 14, data: { ioctl: "N", arg: "a" } },
      ],
    },
    {
      name: "_IOWR with input only",
      code: `${T}export const a = struct({ fields: { id: { type: "__u32" } } });
export const RW = ioctl({ type: T, nr: "NR", dir: "readwrite", arg: a });`,
      errors: [
        {
          messageId: "readwriteOneWay",
          line: 4,
          column: 14,
          data: { ioctl: "RW", arg: "a", missing: "output" },
        },
      ],
    },
  ],
});
