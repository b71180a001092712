/**
 * A constant's value is compiled into every binary that uses it. Sentinels by declaration
 * (`#define IFLA_MAX (__IFLA_MAX - 1)`: ../conventions/sentinels.ts) may move; a name alone
 * (`FOO_SIZE`, a `FOO_MAX` that is a plain limit) does not make one. A version that went up or
 * a mask that gained bits is reported as compatible, a limit that widened as needing review
 * (../conventions/value-change.ts).
 */
import type { ConstantItem, Item } from "../../../model/ir.js";
import { describeAbis } from "../../rule-util.js";
import { macroBody } from "../conventions/macro-body.js";
import { countLike, macroSentinel } from "../conventions/sentinels.js";
import { classifyValueChange } from "../conventions/value-change.js";
import {
  constantOn,
  isStringText,
  memberOn,
  numberOf,
  valueChanges,
  type Value,
} from "../conventions/values.js";
import { createCompatRule } from "../create.js";
import { allEnumerators } from "../enumerators.js";
import { oldModulesOf } from "../pairs.js";
import type { CompatContext, Side } from "../types.js";

export default createCompatRule({
  meta: {
    id: "constant-stable",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow changing the value of a constant, except sentinels declared as such (`#define FOO_MAX (__FOO_MAX - 1)`).",
    kernelRules: ["I1", "I2"],
    messages: {
      changed: "constant `{{name}}` changed value: {{change}}",
      classified: "constant `{{name}}` changed value: {{change}} ({{why}})",
    },
  },
  check(ctx) {
    // One per name: a macro defined in several preprocessor branches is one constant.
    const seen = new Set<string>();
    const olds = oldModulesOf(ctx.before, ctx.after)
      .flatMap((m) => m.items)
      .filter(
        (i): i is ConstantItem => i.kind === "constant" && !seen.has(i.name) && !!seen.add(i.name),
      );
    const sentinel = sentinelTest(ctx, olds);
    const linted = new Set(ctx.after.modules.flatMap((m) => m.items.map((i) => i.name)));
    for (const old of olds) {
      const now = newValue(ctx.after, old.name);
      if (!now || sentinel(old, now.item)) continue;
      // Reported where the linted header defines it (a constant that moved away is not its own).
      if (!linted.has(old.name) && !linted.has(now.ownerName)) continue;
      const char = old.value.kind === "char";
      const changes = valueChanges(ctx.abis, (abi) => constantOn(old.value, abi), now.value, char);
      const biggest = changes[0];
      if (!biggest) continue;
      const [a, b] = [numberOf(biggest.first.old), numberOf(biggest.first.new)];
      const cls =
        a !== undefined && b !== undefined
          ? classifyValueChange(old.name, a, b)
          : textChange(old.name, biggest.first.old, biggest.first.new);
      const change = changes.map((c) => `${c.text} on ${describeAbis(c.abis)}`).join("; ");
      const where = { loc: now.loc ?? old.loc, path: old.name };
      // A value lost breaks source, not binaries: item-no-delete (api) reports it.
      if (cls && "lost" in cls) continue;
      ctx.report({
        messageId: cls ? "classified" : "changed",
        data: { name: old.name, change, why: cls?.why ?? "" },
        ...where,
        ...(cls ? { severity: cls.severity } : {}),
      });
    }
  },
});

/**
 * A change where one version is not a number the compiler computes: a string, an initializer
 * list, or a macro that needs what the header does not include (`_IOW` without
 * linux/ioctl.h, the kernel's `u64`). Losing a value is item-no-delete's (source no longer
 * compiles); the rest needs review.
 */
function textChange(
  name: string,
  old: Value,
  now: Value,
): { severity: "error" | "warning" | "info"; why: string } | { lost: true } {
  if ("int" in old && !isStringText(now)) return { lost: true };
  if ("int" in now) return { severity: "info", why: "it now has a value of its own" };
  if (isStringText(old) && isStringText(now))
    return classifyValueChange(name, 1, 2)?.severity === "info"
      ? { severity: "info", why: "a version string" }
      : { severity: "warning", why: "a string that changed" };
  return {
    severity: "warning",
    why: "it has no value of its own in either version: review what it expands to",
  };
}

interface NewValue {
  readonly value: (abi: string) => Value;
  readonly loc: ConstantItem["loc"];
  readonly item: Item | undefined;
  /** The item that holds it: the constant, or the enum of an enumerator. */
  readonly ownerName: string;
}

/** The constant's value now: still a constant, or an enumerator of the same name. */
function newValue(after: Side, name: string): NewValue | undefined {
  const item = after.model.items.get(name);
  if (item?.kind === "constant")
    return {
      value: (abi) => constantOn(item.value, abi),
      loc: item.loc,
      item,
      ownerName: item.name,
    };
  const e = allEnumerators(after).get(name);
  if (e)
    return {
      value: (abi) => memberOn(e.member, abi),
      loc: e.member.loc,
      item: e.item,
      ownerName: e.item.name,
    };
  return undefined;
}

function sentinelTest(
  ctx: CompatContext<string>,
  olds: readonly ConstantItem[],
): (old: ConstantItem, now: Item | undefined) => boolean {
  const known = new Set<string>();
  for (const side of [ctx.before, ctx.after])
    for (const [name, e] of allEnumerators(side)) if (e.sentinel) known.add(name);
  const body = (side: Side, c: ConstantItem) => macroBody(side.text, c.name, c.loc);
  // Macros defined from sentinel macros: a few passes reach every chain the header has.
  for (let pass = 0; pass < 4; pass++)
    for (const c of olds) {
      const now = ctx.after.model.items.get(c.name);
      const bodies = [
        body(ctx.before, c),
        now?.kind === "constant" ? body(ctx.after, now) : undefined,
      ];
      if (bodies.some((b) => macroSentinel(c.name, b, known))) known.add(c.name);
    }
  return (old, now) => {
    if (known.has(old.name)) return true;
    // Definitions modules have no macro bodies: a count-like name is their declaration.
    const fromDefinitions = (i: Item | undefined) =>
      i !== undefined &&
      ctx.after.model.modules.some((m) => m.file === i.module && m.source !== "c-header");
    return fromDefinitions(now) && countLike(old.name);
  };
}
