import rule from "../../../src/lint/rules/ioctl-unique-number.js";
import { runRuleTests } from "../rule-tester.js";

const T = `export const T = constant({ value: char("x") });
export const cmd = enumeration({ anonymous: true, members: { CMD_A: 1, CMD_B: 2, CMD_C: 1 } });
`;

runRuleTests(rule, {
  valid: [
    `${T}export const A = ioctl({ type: T, nr: "CMD_A", dir: "none" });
export const B = ioctl({ type: T, nr: "CMD_B", dir: "none" });`,
  ],
  invalid: [
    {
      code: `${T}export const A = ioctl({ type: T, nr: "CMD_A", dir: "none" });
export const C = ioctl({ type: T, nr: "CMD_C", dir: "none" });`,
      errors: [
        {
          messageId: "collision",
          line: 4,
          column: 14,
          data: { ioctl: "C", other: "A", type: "0x78", nr: "0x1" },
        },
      ],
    },
  ],
});
