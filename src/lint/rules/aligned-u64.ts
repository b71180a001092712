/** A 64-bit field must sit at a multiple of 8 on every ABI: i386, sh4 and m68k align less. */
import { SCALARS } from "../../abi/kernel-types.js";
import { createRule } from "../create-rule.js";
import {
  describeGroups,
  fieldPath,
  groupByValue,
  scalarOf,
  layoutStructsOf,
  noteUnjudged,
} from "../rule-util.js";

/** The forced-alignment spelling of each plain 64-bit kernel type (there is no __aligned_s64). */
const ALIGNED: Readonly<Record<string, string>> = {
  __u64: "__aligned_u64",
  __le64: "__aligned_le64",
  __be64: "__aligned_be64",
};

export default createRule({
  meta: {
    id: "aligned-u64",
    category: "layout",
    severity: "error",
    recommended: true,
    fixable: true,
    description: "Require every 64-bit field to be 8-byte aligned on every ABI.",
    kernelRules: ["B2", "I7", "I9"],
    messages: {
      misaligned: "64-bit field `{{field}}` is not 8-aligned on every ABI: offset {{where}}",
      unjudged: "cannot check `{{struct}}`: {{reason}}",
    },
  },
  check(ctx) {
    noteUnjudged(ctx);
    for (const struct of layoutStructsOf(ctx)) {
      const layouts = ctx.layouts.everywhere(struct);
      struct.fields.forEach((field, i) => {
        const scalar = scalarOf(field.type);
        if (!scalar || SCALARS[scalar].size !== 8) return;
        if (layouts.every((l) => l.fields[i]!.offset % 8 === 0)) return;
        const offsets = layouts.map((l) => ({ abi: l.abi, value: l.fields[i]!.offset }));
        const aligned = field.type.kind === "scalar" ? ALIGNED[scalar] : undefined;
        const edit = aligned
          ? ctx.fixer.replaceFieldProperty(field, "type", JSON.stringify(aligned))
          : undefined;
        ctx.report({
          messageId: "misaligned",
          data: { field: field.name, where: describeGroups(groupByValue(offsets)) },
          loc: field.loc,
          path: fieldPath(struct, field),
          hint: aligned ? `use ${aligned}` : "pad explicitly so it starts at a multiple of 8",
          ...(edit ? { fix: { title: `use ${aligned}`, edits: [edit] } } : {}),
        });
      });
    }
  },
});
