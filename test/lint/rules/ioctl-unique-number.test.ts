import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs } from "../../../src/lint/inputs.js";
import { lint } from "../../../src/lint/lint.js";
import rule from "../../../src/lint/rules/ioctl-unique-number.js";
import { DSL_IMPORT, runRuleTests } from "../rule-tester.js";

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

// The pre-commit case: `lint FILE` lints one module, and the rest of its folder still counts.
describe("ioctl-unique-number across the definitions tree", () => {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-tree-"));
  mkdirSync(join(dir, "uapi-defs"));
  // Two modules that do not import each other, with one type character and number each.
  writeFileSync(
    join(dir, "uapi-defs/b.ts"),
    `${DSL_IMPORT}
export const B_TYPE = constant({ value: char(";"), doc: "Type." });
export const B_NR = constant({ value: 0x80, doc: "Number." });
export const B_CMD = ioctl({ type: B_TYPE, nr: "B_NR", dir: "none", doc: "Command." });
`,
  );
  writeFileSync(
    join(dir, "uapi-defs/a.ts"),
    `${DSL_IMPORT}
export const A_TYPE = constant({ value: char(";"), doc: "Type." });
export const A_NR = constant({ value: 0x80, doc: "Number." });
export const A_CMD = ioctl({ type: A_TYPE, nr: "A_NR", dir: "none", doc: "Command." });
`,
  );
  const findings = async (file: string) => {
    const [input] = await readInputs([file], dir);
    const levels = new Map([[rule.meta.id, rule.meta.severity]]);
    return lint(input!, { rules: [rule], config: { levels, ignores: [] } }).diagnostics.map(
      (d) =>
        `${d.loc?.file.slice(dir.length + 1)}:${d.loc!.range.start.line + 1}:${d.loc!.range.start.character + 1}: ${d.message}`,
    );
  };

  it("finds the collision when only the later module is linted", async () => {
    expect(await findings("uapi-defs/b.ts")).toEqual([
      "uapi-defs/b.ts:4:14: `B_CMD` has the same type and number (0x3b, 0x80) as `A_CMD`",
    ]);
  });

  it("finds the collision when only the earlier module is linted", async () => {
    expect(await findings("uapi-defs/a.ts")).toEqual([
      "uapi-defs/a.ts:4:14: `A_CMD` has the same type and number (0x3b, 0x80) as `B_CMD`",
    ]);
  });

  it("reports it once when the whole tree is linted", async () => {
    expect(await findings("uapi-defs")).toEqual([
      "uapi-defs/b.ts:4:14: `B_CMD` has the same type and number (0x3b, 0x80) as `A_CMD`",
    ]);
  });
});
