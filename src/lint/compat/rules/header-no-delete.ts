/** A uAPI header never disappears: programs include it by name (check-uapi.sh: always an error). */
import { describeAbis } from "../../rule-util.js";
import { createCompatRule } from "../create.js";

export default createCompatRule({
  meta: {
    id: "header-no-delete",
    category: "api",
    severity: "error",
    recommended: true,
    description: "Disallow removing or renaming a uAPI header.",
    kernelRules: ["B26", "§1.4"],
    messages: {
      removed:
        "uAPI header `{{header}}` was removed (on {{abis}}): every program that includes it stops compiling",
      renamed:
        "uAPI header `{{header}}` was renamed to `{{to}}` (on {{abis}}): programs that include `{{header}}` stop compiling",
    },
  },
  check(ctx) {
    for (const h of ctx.removedHeaders) {
      const loc = {
        file: h.renamedTo?.shown ?? h.was,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      };
      const abis = describeAbis(h.abis);
      ctx.report({
        messageId: h.renamedTo ? "renamed" : "removed",
        data: { header: h.installed, to: h.renamedTo?.installed ?? "", abis },
        loc,
        path: h.installed,
        hint: h.renamedTo
          ? `keep \`${h.installed}\` as a header that includes \`${h.renamedTo.installed}\``
          : "keep the header (an empty one that says why, if its subsystem is gone)",
        related: [{ loc: { ...loc, file: h.was }, message: `\`${h.installed}\` in the baseline` }],
      });
    }
  },
});
