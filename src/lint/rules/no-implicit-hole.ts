/** Implicit padding between fields on any ABI: the compiler's bytes are never checked. */
import { createRule } from "../create-rule.js";
import { describeGroups, fieldPath, NATURAL_ABI, layoutStructsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "no-implicit-hole",
    category: "layout",
    severity: "error",
    recommended: true,
    fixable: true,
    description: "Disallow implicit padding between the fields of a struct on any ABI.",
    kernelRules: ["B2", "B7", "I7", "I8", "I9", "I13"],
    messages: {
      hole: "implicit padding before `{{field}}`: {{where}}",
    },
  },
  check(ctx) {
    for (const struct of layoutStructsOf(ctx)) {
      if (struct.kind !== "struct") continue;
      const layouts = ctx.layouts.everywhere(struct);
      if (layouts.every((l) => l.holes.length === 0)) continue;
      const byField = new Map<string, { abi: string; offset: number; size: number }[]>();
      for (const layout of layouts) {
        for (const h of layout.holes) {
          const list = byField.get(h.before) ?? [];
          list.push({ abi: layout.abi, offset: h.offset, size: h.size });
          byField.set(h.before, list);
        }
      }
      // Field positions by name, once per struct (a lookup per hole was quadratic).
      const indexOf = new Map(struct.fields.map((f, i) => [f.name, i]));
      for (const [before, holes] of byField) {
        const index = indexOf.get(before) ?? -1;
        const field = struct.fields[index];
        // Group by (size, offset), in order of first appearance; the text once per group.
        const groups: { size: number; offset: number; abis: string[] }[] = [];
        for (const h of holes) {
          const group = groups.find((g) => g.size === h.size && g.offset === h.offset);
          if (group) group.abis.push(h.abi);
          else groups.push({ size: h.size, offset: h.offset, abis: [h.abi] });
        }
        const where = describeGroups(
          groups.map((g) => ({
            value: `${g.size} byte${g.size === 1 ? "" : "s"} at offset ${g.offset}`,
            abis: g.abis,
          })),
        );
        // Padding sized on the naturally aligned ABI leaves every field naturally aligned,
        // which removes the hole on the ABIs that align less too.
        const natural = holes.find((h) => h.abi === NATURAL_ABI);
        const after = index > 0 ? struct.fields[index - 1] : undefined;
        const edits =
          natural && after ? ctx.fixer.insertPadding(struct, after, natural.size) : undefined;
        ctx.report({
          messageId: "hole",
          data: { field: before, where },
          loc: field?.loc ?? struct.loc,
          path: fieldPath(struct, field),
          hint: natural
            ? `insert an explicit ${natural.size}-byte reserved field before \`${before}\` and check it is zero`
            : "reorder the fields or add explicit padding",
          ...(edits
            ? {
                fix: {
                  title: `insert ${natural!.size} bytes of must-be-zero padding before \`${before}\``,
                  edits,
                },
              }
            : {}),
        });
      }
    }
  },
});
