/** One declaration, one layout: a struct must have the same size and offsets on every ABI. */
import { createRule } from "../create-rule.js";
import {
  describeGroups,
  fieldPath,
  groupByValue,
  layoutStructsOf,
  noteUnjudged,
  declaredLayouts,
  sameDeclarationGroups,
} from "../rule-util.js";

export default createRule({
  meta: {
    id: "consistent-layout",
    category: "layout",
    severity: "error",
    recommended: true,
    description:
      "Require the same size and field offsets on every ABI, so 32-bit callers work on 64-bit kernels without a compat layer.",
    kernelRules: ["B2", "B3", "I4", "I7", "I8", "I9"],
    messages: {
      size: "sizeof(`{{struct}}`) differs between ABIs: {{where}}",
      offset: "`{{field}}` is at a different offset per ABI: {{where}}",
      unjudged: "cannot check `{{struct}}`: {{reason}}",
    },
  },
  check(ctx) {
    noteUnjudged(ctx);
    for (const struct of layoutStructsOf(ctx)) {
      const layouts = declaredLayouts(ctx, struct);
      if (!layouts.length) continue;
      // ABIs that read other declarations (a per-architecture record, bitfields in
      // big-endian order) differ by the header's choice: each group is judged on its own.
      for (const group of sameDeclarationGroups(ctx, struct, layouts)) {
        const scope = group.layouts.map((l) => l.abi);
        // Most structs agree everywhere: compare first, group (for the message) only when not.
        if (!sameOnEvery(group.layouts, (l) => l.size)) {
          ctx.report({
            messageId: "size",
            data: {
              struct: struct.name,
              where: describeGroups(
                groupByValue(group.layouts.map((l) => ({ abi: l.abi, value: l.size }))),
                scope,
              ),
            },
            loc: struct.loc,
            path: struct.name,
            hint: "use fixed-width types, __aligned_u64 and explicit padding",
          });
        }
        // Only the first field that moves: every later one moves with it.
        // ABIs of one layout class share their field list: compare each list once.
        const lists = distinct(group.layouts.map((l) => l.fields));
        for (let i = 0; i < group.fields.length; i++) {
          if (sameOnEvery(lists, (f) => f[i]!.offset)) continue;
          const offsets = groupByValue(
            group.layouts.map((l) => ({ abi: l.abi, value: l.fields[i]!.offset })),
          );
          const field = group.fields[i]!;
          ctx.report({
            messageId: "offset",
            data: { field: field.name, where: describeGroups(offsets, scope) },
            loc: field.loc,
            path: fieldPath(struct, field),
            hint: "pad explicitly before it, or use __aligned_u64 for 64-bit fields",
          });
          break;
        }
      }
    }
  },
});

function sameOnEvery<T>(list: readonly T[], value: (x: T) => number): boolean {
  const first = value(list[0]!);
  for (let i = 1; i < list.length; i++) if (value(list[i]!) !== first) return false;
  return true;
}

/** The distinct elements, by identity, in order. */
function distinct<T>(list: readonly T[]): T[] {
  const out: T[] = [];
  for (const x of list) if (!out.includes(x)) out.push(x);
  return out;
}
