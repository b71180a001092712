/**
 * Enum values are part of the ABI: written out, and within a __u32 field. In a C header an
 * enumerator without a value is a warning (its value is exact, but inserting a member above it
 * changes it), and only a value that does not fit 32 bits is an error: C enumerators are `int`,
 * so a negative one is carried by a signed field the header does not name.
 */
import { exactValue, type EnumMember, type ModuleIR } from "../../model/ir.js";
import { createRule } from "../create-rule.js";

const INT_MIN = -(2 ** 31);
const U32_MAX = 0xffffffff;

export default createRule({
  meta: {
    id: "enum-explicit-values",
    category: "types",
    severity: "error",
    recommended: true,
    description: "Require every enum member to have an explicit value that fits a `__u32`.",
    kernelRules: ["I10", "B9"],
    messages: {
      implicit: "`{{member}}` has no explicit value (it is {{value}} by position)",
      doesNotFit: "`{{member}}` = {{value}} does not fit the __u32 field that carries it",
      notIn32Bits:
        "`{{member}}` = {{value}} does not fit 32 bits: the enum's type then differs between compilers",
    },
  },
  check(ctx) {
    for (const mod of ctx.modules) {
      const c = mod.source === "c-header";
      for (const e of mod.items) {
        if (e.kind !== "enum") continue;
        for (const m of e.members) {
          const report = (
            messageId: "implicit" | "doesNotFit" | "notIn32Bits",
            hint: string,
            severity?: "warning",
          ) =>
            ctx.report({
              messageId,
              data: { member: m.name, value: shown(exactValue(m)) },
              loc: m.loc ?? e.loc,
              path: `${e.name}.${m.name}`,
              hint,
              ...(severity ? { severity } : {}),
            });
          if (m.implicit)
            report(
              "implicit",
              `write the value it has today: \`${m.name} = ${m.value}\``,
              c ? "warning" : undefined,
            );
          const problem = valueProblem(mod, m);
          if (problem === "doesNotFit") report(problem, "keep values from 0 to 0xffffffff");
          if (problem === "notIn32Bits")
            report(problem, "keep enumerators within int or __u32; define wider values as macros");
        }
      }
    }
  },
});

function valueProblem(mod: ModuleIR, m: EnumMember): "doesNotFit" | "notIn32Bits" | undefined {
  const v = exactValue(m);
  if (mod.source === "c-header")
    return v < BigInt(INT_MIN) || v > BigInt(U32_MAX) ? "notIn32Bits" : undefined;
  return v < 0n || v > BigInt(U32_MAX) ? "doesNotFit" : undefined;
}

/** Exact, in hex past 32 bits (`0xffffffffffffffe0`, as headers write such values). */
function shown(v: bigint): string {
  return v > BigInt(U32_MAX) ? `0x${v.toString(16)}` : v.toString();
}
