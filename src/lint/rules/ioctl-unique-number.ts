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
      // Each linted ioctl is reported once, against the first of its group that is another
      // command; a pair of two linted ioctls is reported by the later one.
      group.forEach((item, k) => {
        if (!linted.has(item)) return;
        const prior = group.find(
          (other, j) => j !== k && (j < k || !linted.has(other)) && !oneCommand(other, item),
        );
        if (!prior) return;
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

/**
 * Two ioctls of one type and number that are encodings of one command, not a collision: the
 * read and the write of one argument (`FOO_GET`/`FOO_SET`, numbers that differ in their
 * direction bits), or one command declared again for another ABI's argument size under the
 * same name with `32`/`64` (`FS_IOC32_GETFLAGS` for `FS_IOC_GETFLAGS`).
 */
function oneCommand(a: IoctlItem, b: IoctlItem): boolean {
  if (a.dir !== b.dir && a.dir !== "none" && b.dir !== "none" && sameArgument(a, b)) return true;
  return a.dir === b.dir && withoutWidth(a.name) === withoutWidth(b.name);
}

const withoutWidth = (name: string) => name.replace(/(32|64)(?=_|$)/g, "");

function sameArgument(a: IoctlItem, b: IoctlItem): boolean {
  // A scalar argument's type, where the importer records one.
  const scalar = (i: IoctlItem) => JSON.stringify((i as { argType?: unknown }).argType ?? null);
  return a.arg === b.arg && scalar(a) === scalar(b);
}
