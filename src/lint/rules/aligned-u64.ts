/** A 64-bit field must sit at a multiple of 8 on every ABI: i386, sh4 and m68k align less. */
import { SCALARS } from "../../abi/kernel-types.js";
import { createRule } from "../create-rule.js";
import { scalarOn, type Field, type ScalarType, type TypeRef } from "../../model/ir.js";
import {
  declarationsOf,
  describeGroups,
  fieldPath,
  groupByValue,
  scalarOf,
  layoutStructsOf,
  noteUnjudged,
  declaredLayouts,
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
      // Per declaration (a C header may declare the record otherwise on some ABIs), on the
      // ABIs where the field is a 64-bit scalar (`__kernel_long_t` is only on some).
      const byName = new Map<string, { field: Field; offsets: { abi: string; value: number }[] }>();
      for (const decl of declarationsOf(struct, declaredLayouts(ctx, struct)))
        decl.fields.forEach((field, i) => {
          const scalar = scalarType(field.type);
          if (!scalar) return;
          for (const l of decl.layouts) {
            if (SCALARS[scalarOn(scalar, l.abi)].size !== 8) continue;
            const entry = byName.get(field.name) ?? { field, offsets: [] };
            entry.offsets.push({ abi: l.abi, value: l.fields[i]!.offset });
            byName.set(field.name, entry);
          }
        });
      for (const { field, offsets } of byName.values()) {
        if (offsets.every((o) => o.value % 8 === 0)) continue;
        const name = scalarOf(field.type)!;
        const aligned = field.type.kind === "scalar" ? ALIGNED[name] : undefined;
        const edit = aligned
          ? ctx.fixer.replaceFieldProperty(field, "type", JSON.stringify(aligned))
          : undefined;
        ctx.report({
          messageId: "misaligned",
          data: {
            field: field.name,
            where: describeGroups(
              groupByValue(offsets),
              offsets.map((o) => o.abi),
            ),
          },
          loc: field.loc,
          path: fieldPath(struct, field),
          hint: aligned ? `use ${aligned}` : "pad explicitly so it starts at a multiple of 8",
          ...(edit ? { fix: { title: `use ${aligned}`, edits: [edit] } } : {}),
        });
      }
    }
  },
});

/** The scalar of a scalar field or of an array's elements. */
function scalarType(t: TypeRef): ScalarType | undefined {
  return t.kind === "scalar" ? t : t.kind === "array" ? scalarType(t.element) : undefined;
}
