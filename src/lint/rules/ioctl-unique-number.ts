/** `nr` is unique per ioctl type: two commands with one number cannot be told apart. */
import type { IoctlItem } from "../../model/ir.js";
import { createRule } from "../create-rule.js";
import { itemsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "ioctl-unique-number",
    category: "ioctl",
    severity: "error",
    recommended: true,
    description: "Disallow two ioctls with the same type and command number.",
    kernelRules: ["I1", "I2"],
    messages: {
      collision: "`{{ioctl}}` has the same type and number ({{type}}, {{nr}}) as `{{other}}`",
    },
  },
  check(ctx) {
    // Every module of the model counts (a selftest header shares the type of the main one),
    // but only the linted modules are reported on.
    const first = new Map<string, IoctlItem>();
    const linted = new Set(itemsOf(ctx, "ioctl"));
    for (const item of ctx.model.items.values()) {
      if (item.kind !== "ioctl") continue;
      const key = `${item.type.value}/${item.nr.value}`;
      const prior = first.get(key);
      if (!prior) {
        first.set(key, item);
        continue;
      }
      if (!linted.has(item)) continue;
      ctx.report({
        messageId: "collision",
        data: {
          ioctl: item.name,
          other: prior.name,
          type: `0x${item.type.value.toString(16)}`,
          nr: `0x${item.nr.value.toString(16)}`,
        },
        loc: item.loc,
        path: item.name,
        hint: "pick an unused number; never reuse one, even of a removed command",
        related: [
          {
            ...(prior.loc ? { loc: prior.loc } : {}),
            message: `\`${prior.name}\` is declared here`,
          },
        ],
      });
    }
  },
});
