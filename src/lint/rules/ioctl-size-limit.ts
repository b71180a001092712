/** `_IOR/_IOW/_IOWR` encode the argument size in 14 bits (13 on powerpc, mips, sparc, alpha). */
import { ABIS } from "../../abi/abis.js";
import { IOCTL_FAMILIES, maxIoctlSize } from "../../abi/ioctl-families.js";
import { createRule } from "../create-rule.js";
import { describeAbis, itemsOf, whyNotModelled } from "../rule-util.js";

export default createRule({
  meta: {
    id: "ioctl-size-limit",
    category: "ioctl",
    severity: "error",
    recommended: true,
    description:
      "Require the argument of an ioctl that encodes its size to fit the size field on every ABI.",
    kernelRules: ["I1"],
    messages: {
      tooBig:
        "the argument of `{{ioctl}}` is {{size}} bytes, more than the {{max}} its size field holds on {{abis}}",
      unjudged: "cannot check the size of `{{ioctl}}`'s argument `{{arg}}`: {{reason}}",
    },
  },
  check(ctx) {
    for (const ioctl of itemsOf(ctx, "ioctl")) {
      const arg = ioctl.arg ? ctx.model.items.get(ioctl.arg) : undefined;
      if (ioctl.dir === "none" || !arg || (arg.kind !== "struct" && arg.kind !== "union")) continue;
      const reason = whyNotModelled(arg, (n) => ctx.model.items.get(n));
      if (reason) {
        ctx.report({
          messageId: "unjudged",
          severity: "info",
          data: { ioctl: ioctl.name, arg: arg.name, reason },
          loc: ioctl.loc,
          path: ioctl.name,
        });
        continue;
      }
      const over = new Map<string, { size: number; max: number; abis: string[] }>();
      for (const abi of ABIS) {
        const size = ctx.layouts.of(arg, abi).size;
        const max = maxIoctlSize(IOCTL_FAMILIES[abi.ioctl]);
        if (size <= max) continue;
        const key = `${size}/${max}`;
        const entry = over.get(key) ?? { size, max, abis: [] };
        entry.abis.push(abi.name);
        over.set(key, entry);
      }
      for (const o of over.values()) {
        ctx.report({
          messageId: "tooBig",
          data: { ioctl: ioctl.name, size: o.size, max: o.max, abis: describeAbis(o.abis) },
          loc: ioctl.loc,
          path: ioctl.name,
          hint: "pass a pointer to the data in a __aligned_u64 field of a small struct",
        });
      }
    }
  },
});
