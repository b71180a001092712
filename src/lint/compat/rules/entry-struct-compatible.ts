/**
 * The entry struct a `data_type` selects is ABI: it may only grow at the tail (entry_len tells
 * the kernel which version it got); switching to another struct must keep the old one's prefix.
 */
import type { StructItem } from "../../../model/ir.js";
import { createCompatRule } from "../create.js";
import type { Side } from "../types.js";

export default createCompatRule({
  meta: {
    id: "entry-struct-compatible",
    category: "abi",
    severity: "error",
    recommended: true,
    description:
      "Disallow dropping the entry struct of a `data_type`, or replacing it with one that does not start with the old struct's layout.",
    kernelRules: ["B6", "§1.3"],
    messages: {
      dropped:
        "`{{member}}` no longer selects an entry struct for `{{pointer}}` (it selected `{{old}}`)",
      replaced:
        "`{{member}}` now selects `{{new}}` instead of `{{old}}`, which is not a tail extension of it: {{why}}",
    },
  },
  check(ctx) {
    for (const s of ctx.pairs.structs) {
      for (const oldArray of s.old.arrays) {
        const newArray = s.new.arrays.find((a) => a.pointer === oldArray.pointer);
        if (!newArray) continue;
        for (const e of oldArray.entries) {
          const now = newArray.entries.find((n) => n.member === e.member);
          const base = {
            loc: newArray.loc ?? s.new.loc,
            path: `${s.new.name}.${oldArray.pointer}`,
          };
          if (!now) {
            ctx.report({
              ...base,
              messageId: "dropped",
              data: { member: e.member, pointer: oldArray.pointer, old: e.struct },
            });
            continue;
          }
          if (now.struct === e.struct) continue;
          const why = prefixProblem(
            structOf(ctx.before, e.struct),
            ctx.before,
            structOf(ctx.after, now.struct),
            ctx.after,
          );
          if (why)
            ctx.report({
              ...base,
              messageId: "replaced",
              data: { member: e.member, old: e.struct, new: now.struct, why },
            });
        }
      }
    }
  },
});

function structOf(side: Side, name: string): StructItem | undefined {
  const item = side.model.items.get(name);
  return item && (item.kind === "struct" || item.kind === "union") ? item : undefined;
}

/** Why `now` does not start with `old`'s fields, by name, at the same offsets and sizes (x86_64). */
function prefixProblem(
  old: StructItem | undefined,
  before: Side,
  now: StructItem | undefined,
  after: Side,
): string | undefined {
  if (!old || !now) return undefined;
  const a = before.layouts.of(old, "x86_64");
  const b = after.layouts.of(now, "x86_64");
  if (b.size < a.size) return `it is smaller (${b.size} < ${a.size} bytes)`;
  for (const f of a.fields) {
    const g = b.fields.find((x) => x.name === f.name);
    if (!g || g.offset !== f.offset || g.size !== f.size)
      return `it has no \`${f.name}\` at offset ${f.offset} (${f.size} bytes)`;
  }
  return undefined;
}
