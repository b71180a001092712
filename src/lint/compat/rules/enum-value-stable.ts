/** Enum values are ABI; only sentinels such as `*_MAX` may move. */
import { createCompatRule, SENTINEL } from "../create.js";

export default createCompatRule({
  meta: {
    id: "enum-value-stable",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow changing the value of an enum member, except sentinels such as `*_MAX`, or giving an old value to a new member.",
    kernelRules: ["I2", "B26", "§1.4"],
    messages: {
      changed: "`{{name}}` changed value: {{old}} → {{new}}",
      reused:
        "`{{name}}` takes the value {{value}} of removed `{{old}}`: old binaries mean `{{old}}` by it",
    },
  },
  check(ctx) {
    for (const { old, new: now } of ctx.pairs.items) {
      if (old.kind !== "enum" || now.kind !== "enum") continue;
      for (const m of now.members) {
        const before = old.members.find((o) => o.name === m.name);
        const path = `${now.name}.${m.name}`;
        if (before && before.value !== m.value && !SENTINEL.test(m.name)) {
          ctx.report({
            messageId: "changed",
            data: { name: m.name, old: before.value, new: m.value },
            loc: m.loc ?? now.loc,
            path,
          });
        }
        if (!before) {
          const removed = old.members.find(
            (o) =>
              o.value === m.value &&
              !now.members.some((n) => n.name === o.name) &&
              !SENTINEL.test(o.name),
          );
          if (removed)
            ctx.report({
              messageId: "reused",
              data: { name: m.name, value: m.value, old: removed.name },
              loc: m.loc ?? now.loc,
              path,
            });
        }
      }
    }
  },
});
