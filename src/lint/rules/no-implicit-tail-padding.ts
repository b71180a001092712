/** Implicit padding at the end of a struct: sizeof includes bytes nobody declared. */
import { createRule } from "../create-rule.js";
import {
  describeGroups,
  groupByValue,
  NATURAL_ABI,
  layoutStructsOf,
  noteUnjudged,
  declaredLayouts,
} from "../rule-util.js";

export default createRule({
  meta: {
    id: "no-implicit-tail-padding",
    category: "layout",
    severity: "error",
    recommended: true,
    fixable: true,
    description: "Disallow implicit padding at the end of a struct on any ABI.",
    kernelRules: ["B3", "B7", "I8", "I13"],
    messages: {
      tail: "`{{struct}}` ends in implicit padding: {{where}}",
      unjudged: "cannot check `{{struct}}`: {{reason}}",
    },
  },
  check(ctx) {
    noteUnjudged(ctx);
    for (const struct of layoutStructsOf(ctx)) {
      const entries = declaredLayouts(ctx, struct)
        .filter((l) => l.tailPadding > 0)
        .map((l) => ({
          abi: l.abi,
          value: `${l.tailPadding} byte${l.tailPadding === 1 ? "" : "s"}`,
        }));
      if (entries.length === 0) continue;
      const natural = ctx.layouts.of(struct, NATURAL_ABI).tailPadding;
      const edits =
        natural && struct.kind === "struct"
          ? ctx.fixer.insertPadding(struct, undefined, natural)
          : undefined;
      ctx.report({
        messageId: "tail",
        data: { struct: struct.name, where: describeGroups(groupByValue(entries), struct.abis) },
        loc: struct.loc,
        path: struct.name,
        hint: "append an explicit reserved field that fills the struct to its alignment",
        ...(edits
          ? { fix: { title: `append ${natural} bytes of must-be-zero padding`, edits } }
          : {}),
      });
    }
  },
});
