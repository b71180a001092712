/** A struct holding a 64-bit value must be a multiple of 8 bytes everywhere (arrays, size checks). */
import { createRule } from "../create-rule.js";
import {
  describeGroups,
  groupByValue,
  has64,
  NATURAL_ABI,
  layoutStructsOf,
  noteUnjudged,
  declaredLayouts,
} from "../rule-util.js";

export default createRule({
  meta: {
    id: "size-multiple-of-8",
    category: "layout",
    severity: "error",
    recommended: true,
    fixable: true,
    description:
      "Require a struct with a 64-bit member to have a size that is a multiple of 8 on every ABI.",
    kernelRules: ["B3", "I7"],
    messages: {
      size: "`{{struct}}` holds a 64-bit value but its size is not a multiple of 8: {{where}}",
      unjudged: "cannot check `{{struct}}`: {{reason}}",
    },
  },
  check(ctx) {
    noteUnjudged(ctx);
    const resolve = (n: string) => ctx.model.items.get(n);
    for (const struct of layoutStructsOf(ctx)) {
      if (!struct.fields.some((f) => has64(f.type, resolve))) continue;
      const layouts = declaredLayouts(ctx, struct);
      const bad = layouts
        .filter((l) => l.size % 8 !== 0)
        .map((l) => ({ abi: l.abi, value: l.size }));
      if (bad.length === 0) continue;
      const natural = layouts.find((l) => l.abi === NATURAL_ABI);
      const used = natural ? natural.size - natural.tailPadding : 0;
      const pad = (8 - (used % 8)) % 8;
      const edits =
        pad > 0 && struct.kind === "struct"
          ? ctx.fixer.insertPadding(struct, undefined, pad)
          : undefined;
      ctx.report({
        messageId: "size",
        data: { struct: struct.name, where: describeGroups(groupByValue(bad), struct.abis) },
        loc: struct.loc,
        path: struct.name,
        hint: "append an explicit reserved field up to the next multiple of 8",
        ...(edits ? { fix: { title: `append ${pad} bytes of must-be-zero padding`, edits } } : {}),
      });
    }
  },
});
