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
    // Every ioctl of the tree counts (a selftest header shares the type of the main one, and
    // `lint FILE` loads the rest of its folder), the linted version of a module over the
    // tree's; only the linted modules are reported on.
    const linted = new Set(itemsOf(ctx, "ioctl"));
    const all = new Map<string, IoctlItem>();
    for (const model of [ctx.tree, ctx.model])
      for (const item of model.items.values())
        if (item.kind === "ioctl") all.set(`${item.module}\0${item.name}`, item);
    const groups = new Map<string, IoctlItem[]>();
    for (const item of all.values()) {
      const key = `${item.type.value}/${item.nr.value}`;
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      // Each linted ioctl is reported once, against the first of its group (the first
      // against the second when no later one of the group is linted).
      const laterLinted = group.slice(1).some((i) => linted.has(i));
      group.forEach((item, k) => {
        if (!linted.has(item) || (k === 0 && laterLinted)) return;
        const prior = group[k === 0 ? 1 : 0]!;
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
      });
    }
  },
});
