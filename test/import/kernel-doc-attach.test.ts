/**
 * kernel-doc into the IR on import, kept by `import` and `generate`: a header written with
 * every form (titles, members, nested and in-line members, DOC sections, ioctl() ties,
 * trailing comments, directives), and the real iommufd.h of Linux 7.2.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { importHeader } from "../../src/import/import.js";
import { roundTripHeader } from "../../src/corpus/kernel-doc-roundtrip.js";
import type { Field, Item } from "../../src/model/ir.js";
import { corpusHeaders } from "../../src/util/corpus.js";

const FIXTURE = join(__dirname, "fixtures/documented.h");
/**
 * Comments are the same text on every ABI: one ABI's compiler reads them (`npm run
 * corpus:kernel-doc` reads the tree on all of them).
 */
const ONE_ABI = { abis: [getAbi("x86_64")] };

/** `name: doc` of every item, field and enum member, nested ones indented. */
function docsOf(items: readonly Item[]): string[] {
  const out: string[] = [];
  const fields = (list: readonly Field[], indent: string) => {
    for (const f of list) {
      out.push(`${indent}${f.name}: ${f.doc ?? "-"}`);
      if (f.type.kind === "anonUnion") fields(f.type.members, `${indent}  `);
    }
  };
  for (const i of items) {
    out.push(`${i.kind} ${i.name}: ${i.doc ?? "-"}${i.kind === "ioctl" ? ` (arg ${i.arg})` : ""}`);
    if (i.kind === "struct" || i.kind === "union") fields(i.fields, "  ");
    if (i.kind === "enum") for (const m of i.members) out.push(`  ${m.name}: ${m.doc ?? "-"}`);
  }
  return out;
}

describe("kernel-doc on import", () => {
  it("puts titles, @name lines, DOC sections and comments where they belong", async () => {
    const r = await importHeader(FIXTURE, ONE_ABI);
    expect(
      r.diagnostics.map(
        (d) => `${d.loc!.range.start.line + 1}:${d.loc!.range.start.character + 1} ${d.message}`,
      ),
    ).toEqual([
      "34:4 kernel-doc describes `@gone`, which is not a member of `struct doc_args`",
      "55:2 the comment documenting `struct doc_plain` is written as kernel-doc but opens with `/*`, so kernel-doc skips it",
    ]);
    const mod = r.primary[0]!;
    expect(mod.doc).toBe("Overview\n\nThe documented test header.");
    expect(docsOf(mod.items)).toEqual([
      "constant DOC_TYPE: the ioctl type",
      "enum doc_kind: kinds of things",
      "  DOC_A: the first",
      "  DOC_B: the second, over two lines",
      "  DOC_C: -",
      // An @name: the struct lacks stays in its doc; `@size` in prose is text.
      "struct doc_args: ioctl(DOC_SET)\n\nSet a thing. The @flags are checked.\n\n@gone: a member that is not there",
      "  size: sizeof(struct doc_args)",
      "  flags: Must be 0; @size is read first",
      "  (anonymous union after flags): -",
      "    in_id: input ID",
      "    out_id: output ID",
      "  point: -",
      "  extra: described in-line",
      // The anonymous struct type of `point`, described by `@point.x:` lines.
      "struct doc_args::point: -",
      "  x: the x of the point",
      "  y: the y",
      // ioctl(DOC_SET) in the title ties the _IO ioctl to its argument.
      "ioctl DOC_SET: - (arg doc_args)",
      "struct doc_plain: not kernel-doc",
      "  a: the a",
      // A suppression comment is a directive, not documentation.
      "struct doc_directive: -",
      "  a: -",
      "ioctl DOC_GET: - (arg doc_plain)",
    ]);
  });

  it("import then generate keeps every description and puts each ioctl after its struct", async () => {
    const r = await roundTripHeader(FIXTURE, "/usr/include", { keepTexts: true, ...ONE_ABI });
    expect(r.skipped).toBeUndefined();
    expect([r.total, r.exact, r.missing, r.doubledTitles]).toEqual([10, 10, [], []]);
    const defs = r.texts!.definitions;
    // Right after: only the constants the ioctl itself declares (its number) come between.
    const order = [...defs.matchAll(/^export const (\w+)/gm)]
      .map((m) => m[1]!)
      .filter((n) => !/_(NR|TYPE)$/.test(n));
    expect(order.indexOf("DOC_SET")).toBe(order.indexOf("doc_args") + 1);
    expect(order.indexOf("DOC_GET")).toBe(order.indexOf("doc_plain") + 1);
    expect(r.texts!.regenerated).toMatch(
      /struct doc_plain \{\n\t__u32 a;\n\};\n\n#define DOC_GET_NR 2\n\n#define DOC_GET _IOR/,
    );
  });
});

describe("bounds", () => {
  it("attaches thousands of descriptions and comments to a struct of thousands of fields at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-kdoc-"));
    const n = 3000;
    const names = Array.from({ length: n }, (_, i) => `f${i}`);
    const header = join(dir, "big.h");
    writeFileSync(
      header,
      [
        "/**",
        " * struct big - many fields",
        ...names.map((f) => ` * @${f}: about ${f}`),
        ...names.map((f) => ` * @missing_${f}: nothing`),
        " */",
        "struct big {",
        ...names.map((f) => `\t/** @${f}: again ${f} */\n\tunsigned int ${f}; /* trailing */`),
        "};",
        ...names.map((f) => `/* a comment about nothing ${f} */`),
        "",
      ].join("\n"),
    );
    // The attach pass is what is measured: one ABI's compiler is enough to read the header.
    const r = await importHeader(header, ONE_ABI);
    const big = r.primary[0]!.items.find((i) => i.name === "big");
    expect(big?.kind === "struct" && big.fields.every((f, i) => f.doc === `about f${i}`)).toBe(
      true,
    );
    expect(r.diagnostics.filter((d) => d.code === "import/kernel-doc").length).toBe(n);
  });
});

describe("Linux 7.2 linux/iommufd.h", () => {
  it("keeps all its @name: descriptions through import and generate, titles once", async () => {
    const header = join(corpusHeaders("7.2"), "linux/iommufd.h");
    const r = await roundTripHeader(header, corpusHeaders("7.2"), { keepTexts: true, ...ONE_ABI });
    expect(r.skipped).toBeUndefined();
    expect([r.total, r.exact, r.moved, r.outOfScope, r.missing, r.doubledTitles]).toEqual([
      228,
      228,
      0,
      0,
      [],
      [],
    ]);
    // As in the kernel's header, each ioctl #define follows its argument struct.
    const regenerated = r.texts!.regenerated;
    for (const [ioctl, struct] of [
      ["IOMMU_DESTROY", "iommu_destroy"],
      ["IOMMU_HWPT_INVALIDATE", "iommu_hwpt_invalidate"],
      ["IOMMU_HW_QUEUE_ALLOC", "iommu_hw_queue_alloc"],
    ])
      expect(regenerated).toMatch(new RegExp(`struct ${struct} \\{[^}]*\\};\\n#define ${ioctl} `));
  });
});
