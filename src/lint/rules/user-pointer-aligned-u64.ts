/** User pointers travel as __aligned_u64 so that 32- and 64-bit callers agree. */
import { createRule } from "../create-rule.js";
import { fieldPath, flatFields, structsOf } from "../rule-util.js";

export default createRule({
  meta: {
    id: "user-pointer-aligned-u64",
    category: "types",
    severity: "error",
    recommended: true,
    fixable: true,
    description:
      "Require user pointers (`userPtr` fields and `*_uptr` names) to be `__aligned_u64`.",
    kernelRules: ["B4", "I6", "I7"],
    messages: {
      notAligned: "user pointer `{{field}}` is `{{type}}`, not `__aligned_u64`",
    },
  },
  check(ctx) {
    const c = new Set(ctx.modules.filter((m) => m.source === "c-header").map((m) => m.file));
    for (const struct of structsOf(ctx)) {
      for (const field of flatFields(struct.fields)) {
        if (!field.userPtr && !/_uptr$/.test(field.name)) continue;
        const type = field.type.kind === "scalar" ? field.type.name : undefined;
        if (type === "__aligned_u64" && !field.cType) continue;
        // A C header that carries a pointer in a plain __u64 follows B4; where the field is
        // not 8-aligned on some ABI, aligned-u64 says so.
        if (c.has(struct.module) && type === "__u64" && !field.cType) continue;
        if (field.type.kind === "anonUnion") continue;
        // Only an integer of the same width is a safe swap; a real pointer changes the layout.
        const safe = type === "__u64" && !field.cType;
        const edit = safe
          ? ctx.fixer.replaceFieldProperty(field, "type", `"__aligned_u64"`)
          : undefined;
        ctx.report({
          messageId: "notAligned",
          data: { field: field.name, type: field.cType ?? type ?? field.type.kind },
          loc: field.loc,
          path: fieldPath(struct, field),
          hint: "declare it `__aligned_u64` with `userPtr: true`; cast with u64_to_user_ptr() in the kernel",
          ...(edit ? { fix: { title: "use __aligned_u64", edits: [edit] } } : {}),
        });
      }
    }
  },
});
