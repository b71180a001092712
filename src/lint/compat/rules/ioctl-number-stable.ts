/** An ioctl's number is what old binaries call: type, nr, direction and encoded size stay. */
import { findAbi } from "../../../abi/abis.js";
import { ioctlNumber } from "../../../layout/ioctl-size.js";
import type { IoctlItem } from "../../../model/ir.js";
import { describeAbis } from "../../rule-util.js";
import { createCompatRule } from "../create.js";
import { typeName } from "../pairs.js";
import type { Side } from "../types.js";

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
      changed: "`{{name}}` changed its {{what}}: {{old}} → {{new}} on {{abis}}",
      drmGrew:
        "the number of `{{name}}` changed on {{abis}} ({{old}} → {{new}} on {{first}}): sizeof its argument{{arg}} grew, which DRM's ioctl dispatcher accepts (it matches the command number alone, copies the caller's size and zero-fills the rest)",
      number:
        "the number of `{{name}}` changed on {{abis}} ({{old}} → {{new}} on {{first}}): sizeof its argument{{arg}} changed",
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
      const hex = (n: number) => `0x${n.toString(16)}`;
      const what: [string, string, string][] = [
        ["type", hex(old.type.value), hex(now.type.value)],
        ["command number", hex(old.nr.value), hex(now.nr.value)],
        ["direction", old.dir, now.dir],
      ];
      const changed = what.filter(([, a, b]) => a !== b);
      for (const [w, a, b] of changed)
        ctx.report({
          ...base,
          messageId: "changed",
          data: { name: now.name, what: w, old: a, new: b, abis: describeAbis(ctx.abis) },
        });
      if (changed.length || now.dir === "none") continue;
      // An argument the front end could not resolve on either side has no size to compare.
      if (!sized(old, ctx.before) || !sized(now, ctx.after)) continue;
      const moved = ctx.abis.filter(
        (abi) => number(old, ctx.before, abi) !== number(now, ctx.after, abi),
      );
      const first = moved[0];
      if (first === undefined) continue;
      const show = (n: number | undefined) => (n === undefined ? "?" : hex(n));
      const argName = (i: IoctlItem) => i.arg ?? (i.argType ? typeName(i.argType) : "none");
      const arg = argName(old) !== argName(now) ? ` (${argName(old)} → ${argName(now)})` : "";
      // DRM's dispatcher finds a command by its number alone and copies what the caller's size
      // says, zero-filling up to the driver's: an argument that grew is compatible there.
      const grew = moved.every((abi) => {
        const [a, b] = [number(old, ctx.before, abi), number(now, ctx.after, abi)];
        return a !== undefined && b !== undefined && sizeOf(b) > sizeOf(a);
      });
      const drm = now.type.value === DRM_IOCTL_TYPE && grew;
      ctx.report({
        ...base,
        ...(drm ? { severity: "info" as const, hint: DRM_HINT } : {}),
        messageId: drm ? "drmGrew" : "number",
        data: {
          name: now.name,
          abis: describeAbis(moved),
          first,
          old: show(number(old, ctx.before, first)),
          new: show(number(now, ctx.after, first)),
          arg,
        },
      });
    }
  },
});

/** DRM_IOCTL_BASE, `'d'`: every DRM driver's ioctls go through drm_ioctl(). */
const DRM_IOCTL_TYPE = 0x64;
const DRM_HINT =
  "old binaries pass the old size and get the old behaviour if a zero new member means it";

/** _IOC_SIZE of an encoded number (14 bits on most ABIs, 13 on the `_IOC_SIZEBITS` 13 ones). */
function sizeOf(n: number): number {
  return (n >>> 16) & 0x1fff;
}

function sized(ioctl: IoctlItem, side: Side): boolean {
  if (ioctl.argType) return true;
  const arg = ioctl.arg ? side.model.items.get(ioctl.arg) : undefined;
  if (!arg || (arg.kind !== "struct" && arg.kind !== "union")) return false;
  try {
    side.layouts.of(arg, "x86_64");
    return true;
  } catch {
    // A member of a type the front end could not read: no layout.
    return false;
  }
}

function number(ioctl: IoctlItem, side: Side, abi: string): number | undefined {
  const a = findAbi(abi);
  return a ? ioctlNumber(ioctl, side.layouts, a) : undefined;
}
