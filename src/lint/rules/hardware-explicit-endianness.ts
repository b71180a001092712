/** A hardware format has one byte order on every ABI: say which, per field. */
import { SCALARS } from "../../abi/kernel-types.js";
import { createRule } from "../create-rule.js";
import { fieldPath, flatFields, scalarOf, structsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "hardware-explicit-endianness",
    category: "types",
    severity: "error",
    recommended: true,
    description:
      "Require every multi-byte field of a hardware-format struct (`hardware: true`) to have an explicit byte order (`__le*`/`__be*`).",
    kernelRules: ["B1", "B9"],
    messages: {
      native: "`{{field}}` of hardware format `{{struct}}` is `{{type}}`, in the CPU's byte order",
    },
  },
  check(ctx) {
    for (const struct of structsOf(ctx)) {
      if (!struct.hardware) continue;
      for (const field of flatFields(struct.fields)) {
        const scalar = scalarOf(field.type);
        if (!scalar || field.reserved) continue;
        const info = SCALARS[scalar];
        if (info.order !== "native" || (info.size !== null && info.size <= 1)) continue;
        ctx.report({
          messageId: "native",
          data: { field: field.name, struct: struct.name, type: scalar },
          loc: field.loc,
          path: fieldPath(struct, field),
          hint: "use the __le or __be type the hardware defines",
        });
      }
    }
  },
});
