/** Nothing user space names disappears: items, enumerators, flags. */
import type { Item } from "../../../model/ir.js";
import { createCompatRule } from "../create.js";
import { allEnumerators } from "../enumerators.js";
import { oldModulesOf } from "../pairs.js";

export default createCompatRule({
  meta: {
    id: "item-no-delete",
    category: "api",
    severity: "error",
    recommended: true,
    description:
      "Disallow removing a struct, enum, flag set, constant or ioctl, an enumerator or a flag.",
    kernelRules: ["B26", "I2"],
    messages: {
      item: "{{kind}} `{{name}}` was removed",
      member: "{{what}} `{{name}}` of `{{item}}` was removed",
    },
  },
  check(ctx) {
    const oldModules = oldModulesOf(ctx.before, ctx.after);
    const moduleLoc = (old: Item) =>
      ctx.after.modules.length === 1
        ? ctx.after.modules[0]!.loc
        : ctx.after.modules.find(
            (m) => m.name === oldModules.find((b) => b.file === old.module)?.name,
          )?.loc;
    const enumerators = allEnumerators(ctx.after);
    for (const old of ctx.pairs.deleted) {
      // A `#define` that became an enumerator of the same name is still there.
      if (old.kind === "constant" && enumerators.has(old.name)) continue;
      ctx.report({
        messageId: "item",
        data: { kind: old.kind, name: old.name },
        loc: moduleLoc(old),
        path: old.name,
        hint: "keep it; deprecate it in its documentation instead",
        related: old.loc ? [{ loc: old.loc, message: `\`${old.name}\` in the baseline` }] : [],
      });
    }
    const gone = new Set(ctx.pairs.deleted);
    for (const p of ctx.pairs.enumerators) {
      // The members of a removed enum go with it (one finding).
      if (p.new || p.constant || ctx.after.model.items.has(p.name) || gone.has(p.old.item))
        continue;
      const sameEnum = p.old.item.anonymous
        ? undefined
        : ctx.after.model.items.get(p.old.item.name);
      ctx.report({
        messageId: "member",
        data: { what: "enumerator", name: p.name, item: p.old.item.name },
        loc: sameEnum?.loc ?? moduleLoc(p.old.item),
        path: `${p.old.item.name}.${p.name}`,
        related: p.old.member.loc
          ? [{ loc: p.old.member.loc, message: `\`${p.name}\` in the baseline` }]
          : [],
      });
    }
    for (const { old, new: now } of ctx.pairs.items) {
      if (old.kind !== "flags" || now.kind !== "flags") continue;
      for (const b of old.bits.filter((x) => !now.bits.some((n) => n.name === x.name)))
        ctx.report({
          messageId: "member",
          data: { what: "flag", name: b.name, item: now.name },
          loc: now.loc,
          path: `${now.name}.${b.name}`,
        });
    }
  },
});
