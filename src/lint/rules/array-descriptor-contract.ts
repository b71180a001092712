/**
 * An array passed by pointer is described completely (pointer, entry length, entry count)
 * and says how failure is reported: which entry is blamed and how the count is written back.
 * The IOMMUFD invalidation history (docs/rules/array-descriptor-contract.md) shows why: the
 * drafts with an optional error-code field could not say whether zero meant "no error".
 */
import type { Field, StructItem } from "../../model/ir.js";
import { createRule } from "../create-rule.js";
import { fieldPath } from "../rule-util.js";
import { definitionStructsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "array-descriptor-contract",
    category: "contract",
    severity: "error",
    recommended: true,
    description:
      "Require every user array to be described by a pointer, an entry length and an entry count, with an error-reporting contract.",
    kernelRules: ["B6", "B9", "§1.3"],
    messages: {
      pointerNotUser: "array pointer `{{field}}` must be a `userPtr` `__aligned_u64`",
      notU32: "array {{role}} `{{field}}` must be a `__u32`",
      noContract:
        "the array at `{{pointer}}` declares no error-reporting contract (`onError`: which entry is blamed, how `{{count}}` is written back)",
      countNotWritten:
        '`onError` says `{{count}}` is written back with the number handled, but `{{count}}` is not `dir: "inout"`',
      missingEntry: "selector `{{selector}}` has no entry struct for `{{member}}`",
      undeclared:
        "`{{pointer}}` and `{{count}}` look like an array of entries but the struct declares no `arrays` descriptor",
    },
  },
  check(ctx) {
    for (const struct of definitionStructsOf(ctx)) {
      const byName = new Map(struct.fields.map((f) => [f.name, f]));
      const report = (
        messageId: Parameters<typeof ctx.report>[0]["messageId"],
        field: Field | undefined,
        data: Record<string, string>,
      ) =>
        ctx.report({
          messageId,
          data,
          loc: field?.loc ?? struct.loc,
          path: fieldPath(struct, field),
        });
      for (const a of struct.arrays) {
        const pointer = byName.get(a.pointer);
        if (
          pointer &&
          !(
            pointer.userPtr &&
            pointer.type.kind === "scalar" &&
            pointer.type.name === "__aligned_u64"
          )
        ) {
          report("pointerNotUser", pointer, { field: a.pointer });
        }
        for (const [role, name] of [
          ["entry length", a.entryLen],
          ["entry count", a.count],
        ] as const) {
          const f = byName.get(name);
          if (f && !(f.type.kind === "scalar" && f.type.name === "__u32"))
            report("notU32", f, { role, field: name });
        }
        const count = byName.get(a.count);
        if (!a.onError) {
          ctx.report({
            messageId: "noContract",
            data: { pointer: a.pointer, count: a.count },
            loc: a.loc ?? struct.loc,
            path: fieldPath(struct, pointer),
          });
        } else if (a.onError.count === "handled" && count && count.dir !== "inout") {
          report("countNotWritten", count, { count: a.count });
        }
        const selector = a.selector ? byName.get(a.selector) : undefined;
        const values = selector?.values ? ctx.model.items.get(selector.values) : undefined;
        if (selector && values?.kind === "enum" && a.entries.length > 0) {
          for (const m of values.members) {
            if (!a.entries.some((e) => e.member === m.name))
              report("missingEntry", selector, { selector: selector.name, member: m.name });
          }
        }
      }
      for (const [pointer, count] of undeclaredArrays(struct)) {
        report("undeclared", byName.get(pointer), { pointer, count });
      }
    }
  },
});

/** `X_uptr` next to `X_num` or `entry_num`, with no descriptor naming the pointer. */
function undeclaredArrays(struct: StructItem): [string, string][] {
  const names = new Set(struct.fields.map((f) => f.name));
  const described = new Set(struct.arrays.map((a) => a.pointer));
  const out: [string, string][] = [];
  for (const f of struct.fields) {
    const m = /^(.*)_uptr$/.exec(f.name);
    if (!m || described.has(f.name)) continue;
    const count = [`${m[1]}_num`, "entry_num", `${m[1]}_count`].find((n) => names.has(n));
    if (count) out.push([f.name, count]);
  }
  return out;
}
