/** Enum values are ABI; only sentinels by declaration (../conventions/sentinels.ts) may move. */
import { describeAbis } from "../../rule-util.js";
import { classifyValueChange } from "../conventions/value-change.js";
import { constantOn, memberOn, numberOf, valueChanges, type Value } from "../conventions/values.js";
import { createCompatRule } from "../create.js";
import { enumeratorRenames, enumeratorsOf } from "../enumerators.js";

export default createCompatRule({
  meta: {
    id: "enum-value-stable",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow changing the value of an enumerator, except sentinels declared as such (`__FOO_MAX`, `FOO_MAX = __FOO_MAX - 1`, a last member named like a count), or giving an old value to a new member.",
    kernelRules: ["I2", "B26", "§1.4"],
    messages: {
      changed: "`{{name}}` changed value: {{change}}",
      classified: "`{{name}}` changed value: {{change}} ({{why}})",
      reused:
        "`{{name}}` takes the value {{value}} of removed `{{old}}`: old binaries mean `{{old}}` by it",
    },
  },
  check(ctx) {
    for (const p of ctx.pairs.enumerators) {
      const now = p.new;
      if (!now && !p.constant) continue;
      if (p.old.sentinel || now?.sentinel) continue;
      const newValue = (abi: string): Value =>
        now ? memberOn(now.member, abi) : constantOn(p.constant!.value, abi);
      const changes = valueChanges(ctx.abis, (abi) => memberOn(p.old.member, abi), newValue);
      const biggest = changes[0];
      if (!biggest) continue;
      const [a, b] = [numberOf(biggest.first.old), numberOf(biggest.first.new)];
      const cls =
        a !== undefined && b !== undefined ? classifyValueChange(p.name, a, b) : undefined;
      ctx.report({
        messageId: cls ? "classified" : "changed",
        data: {
          name: p.name,
          change: changes.map((c) => `${c.text} on ${describeAbis(c.abis)}`).join("; "),
          why: cls?.why ?? "",
        },
        ...(cls ? { severity: cls.severity } : {}),
        loc: now?.member.loc ?? p.constant?.loc ?? now?.item.loc,
        path: `${(now?.item ?? p.old.item).name}.${p.name}`,
      });
    }
    // A new enumerator with the value of one removed from the same enum.
    const linted = enumeratorsOf(ctx.after.modules.flatMap((m) => m.items));
    const renamed = enumeratorRenames(ctx.pairs.enumerators, ctx.after);
    const removed = ctx.pairs.enumerators.filter(
      (p) => !p.new && !p.constant && !p.old.sentinel && !renamed.has(p.name),
    );
    const oldNames = new Set(ctx.pairs.enumerators.map((p) => p.name));
    for (const [name, e] of linted) {
      if (oldNames.has(name) || e.sentinel) continue;
      const gone = removed.find(
        (r) =>
          r.old.member.value === e.member.value && sameEnum(r.old.item.members, e.item.members),
      );
      if (!gone) continue;
      ctx.report({
        messageId: "reused",
        data: { name, value: e.member.value, old: gone.name },
        loc: e.member.loc ?? e.item.loc,
        path: `${e.item.name}.${name}`,
      });
    }
  },
});

/** Two versions of one enum: they share a member name. */
function sameEnum(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  const names = new Set(a.map((m) => m.name));
  return b.some((m) => names.has(m.name));
}
