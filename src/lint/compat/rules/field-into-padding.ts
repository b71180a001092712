/**
 * A new member must not take bytes that were implicit padding: old callers never set them, so
 * the kernel would read whatever their compiler left there (no padding was ever checked). Bytes
 * that were reserved members, or that a union alternative overlays, are not padding.
 */
import { isReserved } from "../conventions/reserved.js";
import { placesOf } from "../members.js";
import { describeAbis } from "../../rule-util.js";
import { createCompatRule } from "../create.js";
import type { StructPair } from "../pairs.js";
import type { CompatContext } from "../types.js";
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
      const padding = new Map<string, boolean[]>();
      const paddingOn = (abi: string, oldSize: number) => {
        let bytes = padding.get(abi);
        if (!bytes) padding.set(abi, (bytes = paddingBytes(ctx, s, abi, oldSize)));
        return bytes;
      };
      for (const a of s.added) {
        if (isReserved(a.member.field) || a.inReserved) continue;
        const hits = ctx.abis.flatMap((abi) => {
          const at = placesOf(s.new, ctx.after, abi)[a.index];
          if (!at) return [];
          const oldSize = ctx.before.layouts.of(s.old, abi).size;
          const bytes = paddingOn(abi, oldSize);
          // Only a member that lies wholly in old padding (bits, for bitfields): one that
          // overlays old members too is a union alternative (a struct_group), or an insertion
          // other rules report.
          const end = Math.min(at.bit + at.bits, oldSize * 8);
          if (end <= at.bit) return [];
          for (let b = at.bit; b < end; b++) if (!bytes[b]) return [];
          return [{ abi, offset: at.offset, oldSize }];
        });
        const first = hits[0];
        if (!first) continue;
        ctx.report({
          messageId: "intoPadding",
          data: {
            field: a.member.path,
            struct: s.new.name,
            offset: first.offset,
            oldSize: first.oldSize,
            abis: describeAbis(hits.map((h) => h.abi)),
          },
          loc: a.member.field.loc,
          path: pathOf(s.new, a.member.path),
          hint: "padding the kernel never checked cannot gain a meaning: append the field after the old end of a size-extensible struct, or declare explicit reserved fields first and use those",
        });
      }
    }
  },
});

/** Per bit of the old struct on one ABI: true where no old member (reserved ones included) was. */
function paddingBytes(
  ctx: CompatContext<string>,
  s: StructPair,
  abi: string,
  oldSize: number,
): boolean[] {
  const padding = new Array<boolean>(oldSize * 8).fill(true);
  const old = placesOf(s.old, ctx.before, abi);
  for (const p of old)
    if (p) for (let b = p.bit; b < p.bit + p.bits && b < oldSize * 8; b++) padding[b] = false;
  return padding;
}
