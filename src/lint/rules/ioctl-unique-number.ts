/** `nr` is unique per ioctl type: two commands with one number cannot be told apart. */
import type { IoctlItem } from "../../model/ir.js";
import { createRule } from "../create-rule.js";
import { itemsOf } from "../rule-util.js";

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
    const seen = new Map<string, IoctlItem[]>();
    const linted = new Set(itemsOf(ctx, "ioctl"));
    for (const item of ctx.model.items.values()) {
      if (item.kind !== "ioctl") continue;
      const key = `${item.type.value}/${item.nr.value}`;
      const before = seen.get(key) ?? [];
      seen.set(key, [...before, item]);
      const prior = before.find((p) => !oneCommand(p, item));
      if (!prior || !linted.has(item)) continue;
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
