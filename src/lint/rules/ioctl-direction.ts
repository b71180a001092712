/** The `_IO*` direction is from user space's view and must match who writes the fields. */
import type { IoctlItem, StructItem } from "../../model/ir.js";
import { createRule } from "../create-rule.js";
import { flatFields, itemsOf, noteNotInC } from "../rule-util.js";

export default createRule({
  meta: {
    id: "ioctl-direction",
    category: "ioctl",
    severity: "error",
    recommended: true,
    description:
      "Require an ioctl's direction to match its argument's in and out fields (`_IO` only for size-negotiated or absent arguments).",
    kernelRules: ["I1", "I3"],
    messages: {
      ioWithArg:
        "`{{ioctl}}` is `_IO` but passes `{{arg}}`, which does not negotiate its size (not `extensible`)",
      readHasIn:
        "`{{ioctl}}` is `_IOR` (kernel writes only) but `{{arg}}` has input field `{{field}}`",
      writeHasOut:
        "`{{ioctl}}` is `_IOW` (kernel reads only) but `{{arg}}` has output field `{{field}}`",
      readwriteOneWay: "`{{ioctl}}` is `_IOWR` but `{{arg}}` has no {{missing}} fields",
      notInC:
        "C cannot say which fields the kernel writes: the direction of {{count}} ioctl(s) of this header not checked, from `{{first}}`",
    },
  },
  check(ctx) {
    // C headers do not say who writes a field, so only definitions are checked.
    const fromDefinitions = new Set(
      ctx.modules.filter((m) => m.source !== "c-header").flatMap((m) => m.items),
    );
    const withArgument = (i: IoctlItem) => {
      const arg = i.arg ? ctx.model.items.get(i.arg) : undefined;
      return !!arg && (arg.kind === "struct" || arg.kind === "union");
    };
    noteNotInC(
      ctx,
      itemsOf(ctx, "ioctl")
        .filter(withArgument)
        .map((i) => ({ module: i.module, path: i.name, loc: i.loc })),
      "describe the header with a definitions module (`uapi-gen import`) and give each field its `dir`",
    );
    for (const ioctl of itemsOf(ctx, "ioctl").filter((i) => fromDefinitions.has(i))) {
      const arg = ioctl.arg ? ctx.model.items.get(ioctl.arg) : undefined;
      if (!arg || (arg.kind !== "struct" && arg.kind !== "union")) continue;
      const { input, output } = directions(arg);
      const base = { ioctl: ioctl.name, arg: arg.name };
      const report = (
        messageId: "ioWithArg" | "readHasIn" | "writeHasOut" | "readwriteOneWay",
        data: Record<string, string>,
      ) =>
        ctx.report({
          messageId,
          data: { ...base, ...data },
          loc: ioctl.loc,
          path: ioctl.name,
          hint: "the direction is from user space's point of view: _IOR reads from the kernel",
        });
      if (ioctl.dir === "none" && !arg.extensible) report("ioWithArg", {});
      if (ioctl.dir === "read" && input) report("readHasIn", { field: input });
      if (ioctl.dir === "write" && output) report("writeHasOut", { field: output });
      if (ioctl.dir === "readwrite" && (!input || !output))
        report("readwriteOneWay", { missing: !input ? "input" : "output" });
    }
  },
});

/** The first input and output field; reserved fields carry no data either way. */
function directions(struct: StructItem): { input?: string; output?: string } {
  const fields = flatFields(struct.fields).filter(
    (f) => !f.reserved && f.type.kind !== "anonUnion",
  );
  const input = fields.find((f) => f.dir === "in" || f.dir === "inout")?.name;
  const output = fields.find((f) => f.dir === "out" || f.dir === "inout")?.name;
  return { ...(input ? { input } : {}), ...(output ? { output } : {}) };
}
