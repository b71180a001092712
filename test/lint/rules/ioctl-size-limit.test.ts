import rule from "../../../src/lint/rules/ioctl-size-limit.js";
import { runRuleTests } from "../rule-tester.js";

const T = `export const T = constant({ value: char("x") });\nexport const NR = constant({ value: 1 });\n`;

runRuleTests(rule, {
  valid: [
    `${T}export const a = struct({ fields: { v: { type: array("__u8", 8191) } } });
export const IOC = ioctl({ type: T, nr: "NR", dir: "write", arg: a });`,
    {
      name: "_IO does not encode the size",
      code: `${T}export const a = struct({ extensible: { size: "size", lastMandatory: "size" }, fields: { size: { type: "__u32" }, v: { type: array("__u8", 20000) } } });
export const IOC = ioctl({ type: T, nr: "NR", dir: "none", arg: a });`,
    },
  ],
  invalid: [
    {
      name: "8192 bytes fit 14 bits but not 13",
      code: `${T}export const a = struct({ fields: { v: { type: array("__u8", 8192) } } });
export const IOC = ioctl({ type: T, nr: "NR", dir: "write", arg: a });`,
      errors: [
        {
          messageId: "tooBig",
          line: 4,
          column: 14,
          data: {
            ioctl: "IOC",
            size: 8192,
            max: 8191,
            abis: "powerpc64le, powerpc64, powerpc, mips, mips64el, sparc64, alpha",
          },
        },
      ],
    },
    {
      name: "too big everywhere",
      code: `${T}export const a = struct({ fields: { v: { type: array("__u8", 16384) } } });
export const IOC = ioctl({ type: T, nr: "NR", dir: "read", arg: a });`,
      errors: [
        {
          messageId: "tooBig",
          line: 4,
          column: 14,
          data: {
            ioctl: "IOC",
            size: 16384,
            max: 16383,
            abis: "every ABI but powerpc64le, powerpc64, powerpc, mips, mips64el, sparc64, alpha",
          },
        },
        { messageId: "tooBig", line: 4, column: 14 },
      ],
    },
  ],
});
