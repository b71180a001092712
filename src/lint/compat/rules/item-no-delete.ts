/** Nothing user space names disappears: items, enum members, flags. */
import type { Item } from "../../../model/ir.js";
import { createCompatRule } from "../create.js";

export default createCompatRule({
  meta: {
    id: "item-no-delete",
    category: "api",
    severity: "error",
    recommended: true,
    description:
      "Disallow removing a struct, enum, flag set, constant or ioctl, an enum member or a flag.",
    kernelRules: ["B26", "I2"],
    messages: {
      item: "{{kind}} `{{name}}` was removed",
      member: "{{what}} `{{name}}` of `{{item}}` was removed",
    },
  },
  check(ctx) {
    const moduleLoc = (old: Item) =>
      ctx.after.modules.find(
        (m) => m.name === ctx.before.modules.find((b) => b.file === old.module)?.name,
      )?.loc;
    for (const old of ctx.pairs.deleted) {
      ctx.report({
        messageId: "item",
        data: { kind: old.kind, name: old.name },
        loc: moduleLoc(old),
        path: old.name,
        hint: "keep it; deprecate it in its documentation instead",
        related: old.loc ? [{ loc: old.loc, message: `\`${old.name}\` in the baseline` }] : [],
      });
    }
    for (const { old, new: now } of ctx.pairs.items) {
      const gone =
        old.kind === "enum" && now.kind === "enum"
          ? old.members
              .filter((m) => !now.members.some((n) => n.name === m.name))
              .map((m) => ({ what: "enum member", name: m.name }))
          : old.kind === "flags" && now.kind === "flags"
            ? old.bits
                .filter((b) => !now.bits.some((n) => n.name === b.name))
                .map((b) => ({ what: "flag", name: b.name }))
            : [];
      for (const g of gone)
        ctx.report({
          messageId: "member",
          data: { ...g, item: now.name },
          loc: now.loc,
          path: `${now.name}.${g.name}`,
        });
    }
  },
});
