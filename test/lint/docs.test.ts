/**
 * Meta-test over the rule catalogue (typescript-eslint's docs.test): every rule has
 * docs/rules/<id>.md, its title and description match the rule's metadata, it cites the kernel
 * rules it enforces, no doc is orphaned, and every example produces exactly the diagnostics
 * the doc shows under it (correct examples: none). `UAPI_GEN_UPDATE=1 npx vitest run` rewrites
 * the shown diagnostics, like the golden files.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_DOCS_DIR } from "../../src/lint/create-rule.js";
import { RULE_LIST } from "../../src/lint/rules/index.js";
import type { LintDiagnostic, Rule } from "../../src/lint/types.js";
import { lintCase } from "./rule-tester.js";
import { DOC_RULES, docExampleDiagnostics, docHeaderExampleDiagnostics } from "./doc-examples.js";

const UPDATE = process.env.UAPI_GEN_UPDATE === "1";

interface Example {
  readonly kind: "incorrect" | "correct";
  /** `c`: a C header (`c before` holds its older version); otherwise a definitions module. */
  readonly language: "ts" | "c";
  readonly code: string;
  readonly before?: string;
  /** Index of the ```text block in the file's block list, when there is one. */
  readonly textBlock?: number;
  readonly shown?: string;
}

interface Block {
  readonly info: string;
  readonly body: string;
  readonly start: number;
  readonly end: number;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  const re = /^```([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({ info: m[1]!.trim(), body: m[2]!, start: m.index, end: m.index + m[0].length });
  return out;
}

function examples(text: string): { list: Example[]; blocks: Block[] } {
  const all = blocks(text);
  const list: Example[] = [];
  const incorrectAt = text.indexOf("### Incorrect");
  const correctAt = text.indexOf("### Correct");
  for (let i = 0; i < all.length; i++) {
    const b = all[i]!;
    const language = b.info.startsWith("ts") ? "ts" : b.info.startsWith("c") ? "c" : undefined;
    if (!language) continue;
    const kind =
      correctAt >= 0 && b.start > correctAt
        ? "correct"
        : incorrectAt >= 0 && b.start > incorrectAt
          ? "incorrect"
          : undefined;
    if (!kind) continue;
    // A `ts before` (`c before`) block is the older version of the block that follows
    // (compatibility rules).
    if (b.info === `${language} before`) continue;
    const prev = all[i - 1];
    const before = prev?.info === `${language} before` ? prev.body : undefined;
    const next = all[i + 1];
    const textBlock = next?.info === "text" ? i + 1 : undefined;
    list.push({
      kind,
      language,
      code: b.body,
      ...(before !== undefined ? { before } : {}),
      ...(textBlock !== undefined ? { textBlock, shown: next!.body } : {}),
    });
  }
  return { list, blocks: all };
}

/** Definitions examples get an import line prepended (hence line - 1); C examples do not. */
export function render(
  diagnostics: readonly LintDiagnostic[],
  language: "ts" | "c" = "ts",
): string {
  const [file, shift] = language === "c" ? ["example.h", 1] : ["example.ts", 0];
  return diagnostics
    .map(
      (d) =>
        `${file}:${d.loc ? `${d.loc.range.start.line + shift}:${d.loc.range.start.character + 1}: ` : " "}${d.severity}: ${d.message} [${d.code}]\n`,
    )
    .join("");
}

const ALL: readonly Rule<string>[] = [...RULE_LIST, ...DOC_RULES];

describe("rule docs", () => {
  it("docs/lint.md lists every rule", () => {
    const guide = readFileSync(join(RULE_DOCS_DIR, "..", "lint.md"), "utf8");
    for (const rule of ALL)
      expect(guide).toContain(`[\`${rule.meta.id}\`](rules/${rule.meta.id}.md)`);
  });

  it("has one doc per rule and no orphan", () => {
    const docs = readdirSync(RULE_DOCS_DIR)
      .filter((f) => f.endsWith(".md"))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(docs).toEqual(ALL.map((r) => r.meta.id).sort());
  });

  for (const rule of ALL) {
    describe(rule.meta.id, () => {
      const file = join(RULE_DOCS_DIR, `${rule.meta.id}.md`);
      const text = readFileSync(file, "utf8");

      it("matches the rule's metadata", () => {
        const lines = text.split("\n");
        expect(lines[0]).toBe(`# ${rule.meta.id}`);
        expect(lines[2]).toBe(`> ${rule.meta.description}`);
        expect(text).toContain(`| Default severity | ${rule.meta.severity} |`);
        expect(text).toMatch(new RegExp(`\\| Category \\| ${rule.meta.category}[ |]`));
        const kernel = lines.find((l) => l.startsWith("| Kernel rules |")) ?? "";
        for (const k of rule.meta.kernelRules) expect(kernel).toContain(k);
        expect(kernel).toContain("](../kernel-rules.md)");
        expect(lines.find((l) => l.startsWith("| Kernel documentation |"))).toMatch(
          /`(Documentation\/[\w./-]+\.rst|include\/linux\/uaccess\.h|scripts\/check-uapi\.sh)`/,
        );
        expect(text).toContain("## Why");
      });

      it("has examples that produce the documented diagnostics", async () => {
        const { list, blocks: all } = examples(text);
        expect(list.some((e) => e.kind === "incorrect")).toBe(true);
        expect(list.some((e) => e.kind === "correct")).toBe(true);
        let updated = text;
        for (const ex of [...list].reverse()) {
          const found =
            ex.language === "c"
              ? await docHeaderExampleDiagnostics(rule, ex.before ?? "", ex.code)
              : ex.before !== undefined
                ? docExampleDiagnostics(rule, ex.before, ex.code)
                : lintCase(rule, ex.code);
          if (ex.kind === "correct") {
            expect(render(found, ex.language)).toBe("");
            continue;
          }
          expect(
            found.length,
            "an incorrect example shows at least one diagnostic",
          ).toBeGreaterThan(0);
          expect(ex.textBlock, "an incorrect example is followed by a ```text block").toBeDefined();
          const want = render(found, ex.language);
          if (UPDATE) {
            const b = all[ex.textBlock!]!;
            updated = updated.slice(0, b.start) + "```text\n" + want + "```" + updated.slice(b.end);
          } else {
            expect(ex.shown).toBe(want);
          }
        }
        if (UPDATE && updated !== text) writeFileSync(file, updated);
      });
    });
  }
});
