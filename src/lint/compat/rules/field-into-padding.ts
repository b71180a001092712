/**
 * A new field must not take bytes that were implicit padding: old callers never set them, so
 * the kernel would read whatever their compiler left there (no padding was ever checked).
 */
import { ABIS } from "../../../abi/abis.js";
import { describeAbis } from "../../rule-util.js";
import { createCompatRule } from "../create.js";
import { pathOf } from "./util.js";

export default createCompatRule({
  meta: {
    id: "field-into-padding",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow adding a field into bytes that were implicit padding (a hole or tail padding) of the old struct.",
    kernelRules: ["B7", "B6"],
    messages: {
      intoPadding:
        "`{{field}}` was added into padding of the old `{{struct}}` (offset {{offset}}, old size {{oldSize}}) on {{abis}}: old callers never set those bytes, so they may hold garbage",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const a of s.added) {
        if (a.field.reserved || a.inReserved) continue;
        const hits = ABIS.flatMap((abi) => {
          const offset = ctx.after.layouts.of(s.new, abi).fields[a.index]!.offset;
          const oldSize = ctx.before.layouts.of(s.old, abi).size;
          return offset < oldSize ? [{ abi: abi.name, offset, oldSize }] : [];
        });
        const first = hits[0];
        if (!first) continue;
        ctx.report({
          messageId: "intoPadding",
          data: {
            field: a.field.name,
            struct: s.new.name,
            offset: first.offset,
            oldSize: first.oldSize,
            abis: describeAbis(hits.map((h) => h.abi)),
          },
          loc: a.field.loc,
          path: pathOf(s.new, a.field),
          hint: "padding the kernel never checked cannot gain a meaning: append the field after the old end of a size-extensible struct, or declare explicit reserved fields first and use those",
        });
      }
    }
  },
});
