/**
 * Values that name one thing each: a flag set's bits, a command set's opcodes, and the
 * selector values that pick an array's entry struct. A second name for a bit makes the set
 * of valid bits say less than it seems to; a shared opcode or selector value makes decoding
 * ambiguous. (Plain enums may alias on purpose, as IOMMU_HW_INFO_TYPE_NONE and _DEFAULT do.)
 */
import type { SourceLoc } from "../../diagnostics/diagnostic.js";
import { createRule } from "../create-rule.js";
import { definitionStructsOf, itemsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "unique-values",
    category: "contract",
    severity: "error",
    recommended: true,
    description:
      "Disallow two flags with one bit, two commands with one opcode, and two array entry types selected by one value.",
    kernelRules: ["B6", "B7"],
    messages: {
      bit: "flag `{{name}}` of `{{set}}` is bit {{value}}, as `{{other}}` is",
      opcode: "command `{{name}}` of `{{set}}` has opcode {{value}}, as `{{other}}` has",
      selector:
        "`{{name}}` and `{{other}}` select different entry structs of `{{set}}` but are both {{value}}",
    },
  },
  check(ctx) {
    type Named = { name: string; value: number; loc: SourceLoc | undefined };
    /** Reports each entry whose value an earlier one of `list` already has. */
    const each = (
      list: readonly Named[],
      messageId: "bit" | "opcode" | "selector",
      set: string,
      hex: boolean,
      at?: SourceLoc,
    ) => {
      const first = new Map<number, Named>();
      for (const n of list) {
        const prior = first.get(n.value);
        if (!prior) {
          first.set(n.value, n);
          continue;
        }
        ctx.report({
          messageId,
          data: {
            name: n.name,
            other: prior.name,
            set,
            value: hex ? `0x${n.value.toString(16)}` : n.value,
          },
          loc: at ?? n.loc,
          path: `${set}.${n.name}`,
          hint:
            messageId === "bit"
              ? "give each flag its own bit; an alias for a combination belongs in a constant"
              : "give each one its own value",
          related: [
            ...(at && n.loc ? [{ loc: n.loc, message: `\`${n.name}\` is here` }] : []),
            { ...(prior.loc ? { loc: prior.loc } : {}), message: `\`${prior.name}\` is here` },
          ],
        });
      }
    };
    for (const f of itemsOf(ctx, "flags"))
      each(
        f.bits.map((b) => ({ name: b.name, value: b.bit, loc: b.loc })),
        "bit",
        f.name,
        false,
      );
    for (const c of itemsOf(ctx, "commandSet"))
      each(
        c.commands.map((m) => ({ name: m.name, value: m.opcode, loc: m.loc })),
        "opcode",
        c.name,
        true,
      );
    for (const s of definitionStructsOf(ctx)) {
      for (const a of s.arrays) {
        const selector = s.fields.find((f) => f.name === a.selector);
        const values = selector?.values ? ctx.model.items.get(selector.values) : undefined;
        if (values?.kind !== "enum") continue;
        // Members mapped to the same struct may share a value; different structs may not.
        const members = new Map(values.members.map((m) => [m.name, m]));
        const seen = new Set<string>();
        const distinct = a.entries.flatMap((e) => {
          const m = members.get(e.member);
          const key = `${m?.value}/${e.struct}`;
          if (!m || seen.has(key)) return [];
          seen.add(key);
          return [{ name: m.name, value: m.value, loc: m.loc }];
        });
        each(distinct, "selector", `${s.name}.${a.pointer}`, false, a.loc ?? s.loc);
      }
    }
  },
});
