import rule from "../../../src/lint/rules/ioctl-unique-number.js";
import { runRuleTests } from "../rule-tester.js";

const T = `export const T = constant({ value: char("x") });
export const cmd = enumeration({ anonymous: true, members: { CMD_A: 1, CMD_B: 2, CMD_C: 1 } });
export const s = struct({ fields: { a: { type: "__u32" } } });
export const s2 = struct({ fields: { a: { type: "__u32" }, b: { type: "__u32" } } });
`;

runRuleTests(rule, {
  valid: [
    `${T}export const A = ioctl({ type: T, nr: "CMD_A", dir: "none" });
export const B = ioctl({ type: T, nr: "CMD_B", dir: "none" });`,
    {
      name: "the read and the write of one argument are two numbers of one command",
      code: `${T}export const X_GET = ioctl({ type: T, nr: "CMD_A", dir: "read", arg: s });
export const X_SET = ioctl({ type: T, nr: "CMD_A", dir: "write", arg: s });`,
    },
    {
      name: "one command declared again for another ABI's size, under its name with 32",
      code: `${T}export const X_IOC_GET = ioctl({ type: T, nr: "CMD_A", dir: "read", arg: s2 });
export const X_IOC32_GET = ioctl({ type: T, nr: "CMD_A", dir: "read", arg: s });`,
    },
  ],
  invalid: [
    {
      code: `${T}export const A = ioctl({ type: T, nr: "CMD_A", dir: "none" });
export const C = ioctl({ type: T, nr: "CMD_C", dir: "none" });`,
      errors: [
        {
          messageId: "collision",
          line: 6,
          column: 14,
          data: { ioctl: "C", other: "A", type: "0x78", nr: "0x1" },
        },
      ],
    },
    {
      name: "a new layout under the old number (I2), though the sizes differ",
      code: `${T}export const X = ioctl({ type: T, nr: "CMD_A", dir: "read", arg: s });
export const X_V2 = ioctl({ type: T, nr: "CMD_A", dir: "read", arg: s2 });`,
      errors: [{ messageId: "collision", line: 6, column: 14 }],
    },
    {
      name: "two commands with other arguments in other directions",
      code: `${T}export const X = ioctl({ type: T, nr: "CMD_A", dir: "read", arg: s });
export const Y = ioctl({ type: T, nr: "CMD_A", dir: "write", arg: s2 });`,
      errors: [{ messageId: "collision", line: 6, column: 14 }],
    },
  ],
});
