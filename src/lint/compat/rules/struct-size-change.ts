/**
 * A struct never shrinks, and grows only at its tail. A definitions struct must be declared
 * size-extensible to grow; a C struct that grows at its tail is `struct-tail-growth`'s (needs
 * review) or, under a sizing convention, `tail-field-zero-default`'s (compatible).
 */
import { createCompatRule } from "../create.js";
import type { StructItem } from "../../../model/ir.js";
import { placesOf } from "../members.js";
import type { Side } from "../types.js";
import { growth } from "./growth.js";
import { perAbiChange } from "./util.js";

/** offsetofend(struct, lastMandatory): the smallest size the kernel accepts. */
function endOf(struct: StructItem, side: Side, abi: string): number | undefined {
  const name = struct.extensible?.lastMandatory;
  const f = side.layouts.of(struct, abi).fields.find((x) => x.name === name);
  return f ? f.offset + f.size : undefined;
}

export default createCompatRule({
  meta: {
    id: "struct-size-change",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow a struct shrinking, growing anywhere but at its tail, changing its alignment, or (in definitions) growing without being size-extensible.",
    kernelRules: ["B6", "§1.3", "§1.4"],
    messages: {
      shrank: "`{{struct}}` shrank: sizeof {{change}}",
      notExtensible:
        "`{{struct}}` grew (sizeof {{change}}) but is not size-extensible: old callers pass the old size",
      notAtTail:
        "`{{struct}}` grew (sizeof {{change}}) but not only at the tail: `{{field}}` is new at offset {{offset}}, inside the old struct",
      alignment:
        "`{{struct}}` changed alignment ({{change}}): arrays of it and structs that embed it lay out differently",
      reshaped:
        "`{{struct}}` changed size (sizeof {{change}}) because its members moved or changed size",
      minSize:
        "the minimum size of `{{struct}}` changed ({{change}}): its last mandatory member was `{{old}}`, now `{{new}}`",
    },
  },
  check(ctx) {
    const { before, after } = ctx;
    for (const s of ctx.pairs.structs) {
      const base = { loc: s.new.loc, path: s.new.name };
      const minSize =
        s.old.extensible && s.new.extensible
          ? perAbiChange(
              ctx.abis,
              (side, abi) =>
                endOf(side === "old" ? s.old : s.new, side === "old" ? before : after, abi),
              " bytes",
            )
          : undefined;
      if (minSize) {
        ctx.report({
          ...base,
          messageId: "minSize",
          data: {
            struct: s.new.name,
            old: s.old.extensible!.lastMandatory,
            new: s.new.extensible!.lastMandatory,
            change: minSize.text,
          },
          hint: "old callers pass at least the old minimum size",
        });
      }
      // Where the size changed too, the size finding says more (a member added, moved, grown).
      const align = perAbiChange(ctx.abis, (side, abi) => {
        const [o, n] = [before.layouts.of(s.old, abi), after.layouts.of(s.new, abi)];
        return o.size !== n.size ? undefined : side === "old" ? o.align : n.align;
      });
      if (align)
        ctx.report({
          ...base,
          messageId: "alignment",
          data: { struct: s.new.name, change: align.text },
          hint: "keep the alignment: an explicit aligned() or packed is part of the ABI",
        });
      const g = growth(ctx, s);
      if (!g) continue;
      const data = { struct: s.new.name, change: g.change.text };
      if (g.shrank) {
        ctx.report({
          ...base,
          messageId: "shrank",
          data,
          hint: "keep every field; turn unused ones into reserved fields",
        });
        continue;
      }
      if (g.inside) {
        const at = placesOf(s.new, after, g.inside.abi)[g.inside.added.index];
        ctx.report({
          ...base,
          messageId: "notAtTail",
          data: { ...data, field: g.inside.added.member.path, offset: at?.offset ?? "?" },
          loc: g.inside.added.member.field.loc ?? s.new.loc,
        });
        continue;
      }
      if (g.reshaped) {
        ctx.report({
          ...base,
          messageId: "reshaped",
          data,
          hint: "every old binary passes and reads the old layout: keep every member where it was",
        });
        continue;
      }
      if (!g.sizing && s.new.module && isDefinitions(ctx, s.new))
        ctx.report({
          ...base,
          messageId: "notExtensible",
          data,
          hint: "add a new struct and ioctl, or make the struct size-extensible from the start",
        });
    }
  },
});

function isDefinitions(ctx: { after: Side }, struct: StructItem): boolean {
  return ctx.after.model.modules.some((m) => m.file === struct.module && m.source !== "c-header");
}
