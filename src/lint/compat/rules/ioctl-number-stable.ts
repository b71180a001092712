/** An ioctl's number is what old binaries call: type, nr, direction and encoded size stay. */
import { ABIS } from "../../../abi/abis.js";
import type { IoctlItem, Model } from "../../../model/ir.js";
import { ioctlNumber } from "../../../layout/ioctl-size.js";
import type { Layouts } from "../../../layout/layouts.js";
import { describeAbis } from "../../rule-util.js";
import { createCompatRule } from "../create.js";

export default createCompatRule({
  meta: {
    id: "ioctl-number-stable",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow changing an ioctl's number: its type, command number, direction, or (for `_IOR/_IOW/_IOWR`) its argument's size.",
    kernelRules: ["I1", "I2"],
    messages: {
      changed: "`{{name}}` changed its {{what}}: {{old}} → {{new}}",
      number:
        "the number of `{{name}}` changed on {{abis}} ({{old}} → {{new}} on {{first}}): sizeof its argument changed",
    },
  },
  check(ctx) {
    for (const { old, new: now } of ctx.pairs.items) {
      if (old.kind !== "ioctl" || now.kind !== "ioctl") continue;
      const base = {
        loc: now.loc,
        path: now.name,
        hint: "add a new command number for the new layout (ioctl.rst: no versioned payloads)",
      };
      const what: [string, string, string][] = [
        ["type", `0x${old.type.value.toString(16)}`, `0x${now.type.value.toString(16)}`],
        ["command number", `0x${old.nr.value.toString(16)}`, `0x${now.nr.value.toString(16)}`],
        ["direction", old.dir, now.dir],
        ["argument", old.arg ?? "none", now.arg ?? "none"],
      ];
      const changed = what.filter(([, a, b]) => a !== b);
      for (const [w, a, b] of changed)
        ctx.report({
          ...base,
          messageId: "changed",
          data: { name: now.name, what: w, old: a, new: b },
        });
      if (changed.length || now.dir === "none") continue;
      const moved = ABIS.filter(
        (abi) =>
          number(old, ctx.before.model, ctx.before.layouts, abi.name) !==
          number(now, ctx.after.model, ctx.after.layouts, abi.name),
      );
      if (moved.length === 0) continue;
      const first = moved[0]!;
      const hex = (n: number | undefined) => (n === undefined ? "?" : `0x${n.toString(16)}`);
      ctx.report({
        ...base,
        messageId: "number",
        data: {
          name: now.name,
          abis: describeAbis(moved.map((a) => a.name)),
          first: first.name,
          old: hex(number(old, ctx.before.model, ctx.before.layouts, first.name)),
          new: hex(number(now, ctx.after.model, ctx.after.layouts, first.name)),
        },
      });
    }
  },
});

function number(
  ioctl: IoctlItem,
  _model: Model,
  layouts: Layouts,
  abi: string,
): number | undefined {
  return ioctlNumber(
    ioctl,
    layouts,
    ABIS.find((x) => x.name === abi)!,
  );
}
