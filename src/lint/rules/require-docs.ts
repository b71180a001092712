/**
 * Public items carry documentation: the header is the contract user space reads. In a C
 * header the documentation is kernel-doc: a field or enum member described by an `@name:`
 * line of its item's comment is documented, and so is an ioctl that a struct's kernel-doc
 * title names as `ioctl(NAME)` (the importer puts both into the IR's docs and ties).
 */
import type { SourceLoc } from "../../diagnostics/diagnostic.js";
import type { Item, Model } from "../../model/ir.js";
import { docSummary, ioctlsNamedIn } from "../../model/doc-text.js";
import { createRule } from "../create-rule.js";
import { flatFields } from "../rule-util.js";

/** What to write, per kind of module and per what is missing (`name` is the member's). */
const HINTS: Readonly<Record<"c" | "defs", (owner: Item, member?: string) => string>> = {
  defs: () => 'add `doc: "..."`',
  c: (owner, member) =>
    member
      ? owner.kind === "enum" && owner.anonymous
        ? `describe it with an \`@${member}: ...\` line in a comment right before the enum`
        : `describe it with an \`@${member}: ...\` line in the kernel-doc comment of \`${TITLE[owner.kind](owner)}\``
      : owner.kind === "ioctl"
        ? `name it in the kernel-doc title of its argument (\`struct foo - ioctl(${owner.name})\`), or put a kernel-doc comment before its #define`
        : `add a kernel-doc comment with a short description before it: \`/** ${TITLE[owner.kind](owner)} - ... */\``,
};

const TITLE: Readonly<Record<Item["kind"], (item: Item) => string>> = {
  struct: (i) => `struct ${i.name}`,
  union: (i) => `union ${i.name}`,
  enum: (i) => (i.kind === "enum" && i.anonymous ? "enum" : `enum ${i.name}`),
  flags: (i) => `enum ${i.name}`,
  constant: (i) => i.name,
  ioctl: (i) => i.name,
  commandSet: (i) => i.name,
};

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
    const titled = ioctlsInTitles(ctx.model);
    for (const mod of ctx.modules) {
      const hint = HINTS[mod.source === "c-header" ? "c" : "defs"];
      // Anonymous members and the records the C importer names after them have nothing to document.
      const missing = (
        what: string,
        item: Item,
        member: string | undefined,
        loc: SourceLoc | undefined,
      ) => {
        const name = member ?? item.name;
        if (name.includes("(anonymous")) return;
        ctx.report({
          messageId: "missing",
          data: { what, name },
          loc,
          path: member === undefined ? item.name : `${item.name}.${member}`,
          hint: hint(item, member),
        });
      };
      for (const item of mod.items) {
        if (!item.doc && !(item.kind === "ioctl" && titled.has(item.name)))
          missing(item.kind, item, undefined, item.loc);
        if (item.kind === "struct" || item.kind === "union") {
          for (const f of flatFields(item.fields))
            if (!f.doc) missing("field", item, f.name, f.loc);
        } else if (item.kind === "enum") {
          for (const m of item.members) if (!m.doc) missing("enum member", item, m.name, m.loc);
        } else if (item.kind === "flags") {
          for (const b of item.bits) if (!b.doc) missing("flag", item, b.name, b.loc);
        } else if (item.kind === "commandSet") {
          for (const c of item.commands) if (!c.doc) missing("command", item, c.name, c.loc);
        }
      }
    }
  },
});

/** Ioctls named as `ioctl(NAME)` in the summary (the kernel-doc title) of an item's doc. */
function ioctlsInTitles(model: Model): Set<string> {
  const out = new Set<string>();
  for (const item of model.items.values())
    if (item.doc && item.kind !== "ioctl")
      for (const name of ioctlsNamedIn(docSummary(item.doc))) out.add(name);
  return out;
}
