/** Enum values are ABI; only sentinels by declaration (../conventions/sentinels.ts) may move. */
import { describeAbis } from "../../rule-util.js";
import type { EnumItem, EnumMember } from "../../../model/ir.js";
import { enumSentinels } from "../conventions/sentinels.js";
import { classifyValueChange, type ValueClass } from "../conventions/value-change.js";
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
      renumbered:
        "{{count}} enumerators of {{enum}} changed value, from `{{first}}` ({{change}}) to `{{last}}`: members were inserted, removed or reordered before them",
      reused:
        "`{{name}}` takes the value {{value}} of removed `{{old}}`: old binaries mean `{{old}}` by it",
    },
  },
  check(ctx) {
    // Plain changes, by enum: many in one enum are one renumbering, reported once.
    const plain = new Map<
      string,
      { name: string; at: number; change: string; report: () => void }[]
    >();
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
        (now && countedFromSentinel(now.item, now.member)) ??
        (a !== undefined && b !== undefined ? classifyValueChange(p.name, a, b) : undefined);
      const change = changes.map((c) => `${c.text} on ${describeAbis(c.abis)}`).join("; ");
      const report = () =>
        ctx.report({
          messageId: cls ? "classified" : "changed",
          data: { name: p.name, change, why: cls?.why ?? "" },
          ...(cls ? { severity: cls.severity } : {}),
          loc: now?.member.loc ?? p.constant?.loc ?? now?.item.loc,
          path: `${(now?.item ?? p.old.item).name}.${p.name}`,
        });
      if (cls || !now) report();
      else {
        const key = now.item.name;
        const list = plain.get(key) ?? [];
        list.push({ name: p.name, at: now.item.members.indexOf(now.member), change, report });
        plain.set(key, list);
      }
    }
    for (const [item, list] of plain) {
      if (list.length < RENUMBERED) {
        for (const c of list) c.report();
        continue;
      }
      list.sort((a, b) => a.at - b.at);
      const [first, last] = [list[0]!, list[list.length - 1]!];
      const e = ctx.pairs.enumerators.find((p) => p.name === first.name)!.new!;
      ctx.report({
        messageId: "renumbered",
        data: {
          count: String(list.length),
          enum: e.item.anonymous ? "an anonymous enum" : `\`${item}\``,
          first: first.name,
          change: first.change,
          last: last.name,
        },
        loc: e.member.loc ?? e.item.loc,
        path: `${item}.${first.name}`,
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

/**
 * A member whose implicit value counts on from a sentinel (`NL80211_AUTHTYPE_AUTOMATIC` after
 * `NL80211_AUTHTYPE_MAX`): declared to move with it, so a change needs review, not a verdict.
 */
function countedFromSentinel(item: EnumItem, member: EnumMember): ValueClass | undefined {
  const i = item.members.indexOf(member);
  const before = item.members[i - 1];
  if (!member.implicit || !before || !enumSentinels(item).has(before.name)) return undefined;
  return {
    severity: "warning",
    why: `counted on from sentinel \`${before.name}\`, it moves whenever the sentinel does`,
  };
}

/** As many changed enumerators in one enum as make one renumbering, reported once. */
const RENUMBERED = 4;

/** Two versions of one enum: they share a member name. */
function sameEnum(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  const names = new Set(a.map((m) => m.name));
  return b.some((m) => names.has(m.name));
}
