/** Public items carry documentation: the header is the contract user space reads. */
import type { SourceLoc } from "../../diagnostics/diagnostic.js";
import { createRule } from "../create-rule.js";
import { flatFields } from "../rule-util.js";

export default createRule({
  meta: {
    id: "require-docs",
    category: "docs",
    severity: "warning",
    recommended: true,
    description:
      "Require documentation on every public item, field, enum member, flag bit and command.",
    kernelRules: ["B8", "B14"],
    messages: {
      missing: "{{what}} `{{name}}` has no documentation",
    },
  },
  check(ctx) {
    // Anonymous members and the records the C importer names after them have nothing to document.
    let hint = "";
    const missing = (what: string, name: string, path: string, loc: SourceLoc | undefined) =>
      name.includes("(anonymous") ||
      ctx.report({ messageId: "missing", data: { what, name }, loc, path, hint });
    for (const mod of ctx.modules) {
      // A C header documents with kernel-doc comments; a definitions module with `doc`.
      hint =
        mod.source === "c-header"
          ? "add a kernel-doc comment (/** ... */) before it"
          : 'add `doc: "..."`';
      for (const item of mod.items) {
        if (!item.doc) missing(item.kind, item.name, item.name, item.loc);
        if (item.kind === "struct" || item.kind === "union") {
          for (const f of flatFields(item.fields))
            if (!f.doc) missing("field", f.name, `${item.name}.${f.name}`, f.loc);
        } else if (item.kind === "enum") {
          for (const m of item.members)
            if (!m.doc) missing("enum member", m.name, `${item.name}.${m.name}`, m.loc);
        } else if (item.kind === "flags") {
          for (const b of item.bits)
            if (!b.doc) missing("flag", b.name, `${item.name}.${b.name}`, b.loc);
        } else if (item.kind === "commandSet") {
          for (const c of item.commands)
            if (!c.doc) missing("command", c.name, `${item.name}.${c.name}`, c.loc);
        }
      }
    }
  },
});
