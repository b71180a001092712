/** The kernel-doc parser and the comment scanner, on comments written the kernel's ways. */
import { describe, expect, it } from "vitest";
import { scanComments } from "../../src/import/c-comments.js";
import { parseKernelDoc } from "../../src/import/kernel-doc.js";

const doc = (lines: string[]) => `/**\n${lines.map((l) => (l ? ` * ${l}` : " *")).join("\n")}\n */`;

describe("kernel-doc comments", () => {
  it("reads a struct title, its members with continuations, and the body", () => {
    const kd = parseKernelDoc(
      doc([
        "struct foo_args - ioctl(FOO_SET) and",
        "                  ioctl(FOO_GET)",
        "@size: sizeof(struct foo_args)",
        "@flags: Must be 0, unless @dst_id is",
        "        given",
        "@outer.inner: a nested member",
        "",
        "The body, where @dst_id is prose",
        "and stays text.",
        "",
        "Second paragraph::",
        "",
        "  literal line one",
        "  literal line two",
      ]),
    );
    expect(kd.title).toMatchObject({
      kind: "struct",
      name: "foo_args",
      summary: "ioctl(FOO_SET) and ioctl(FOO_GET)",
      dashed: true,
      line: 1,
    });
    expect(kd.ioctls).toEqual(["FOO_SET", "FOO_GET"]);
    expect(kd.members).toEqual([
      { name: "size", line: 3, text: "sizeof(struct foo_args)" },
      { name: "flags", line: 4, text: "Must be 0, unless @dst_id is given" },
      { name: "outer.inner", line: 6, text: "a nested member" },
    ]);
    expect(kd.body).toBe(
      "The body, where @dst_id is prose and stays text.\n\nSecond paragraph::\n\n  literal line one\n  literal line two",
    );
  });

  it("continues a member past a blank line only when the next line is indented", () => {
    const kd = parseKernelDoc(
      doc([
        "enum cap - capabilities",
        "@CAP_A: first",
        "        paragraph",
        "",
        "           second paragraph",
        "@CAP_B: only one",
        "",
        "Not a member: the body.",
      ]),
    );
    expect(kd.members.map((m) => [m.name, m.text])).toEqual([
      ["CAP_A", "first paragraph\n\nsecond paragraph"],
      ["CAP_B", "only one"],
    ]);
    expect(kd.body).toBe("Not a member: the body.");
  });

  it("reads DOC sections, defines, NAME titles, titles without a summary", () => {
    expect(parseKernelDoc(doc(["DOC: General format", "", "Text."])).title).toMatchObject({
      kind: "doc",
      name: "General format",
    });
    expect(parseKernelDoc(doc(["define FOO_MAX - the largest foo"])).title).toMatchObject({
      kind: "define",
      name: "FOO_MAX",
      summary: "the largest foo",
    });
    expect(parseKernelDoc(doc(["FOO_GET - read a foo"])).title).toMatchObject({
      kind: "name",
      name: "FOO_GET",
    });
    expect(parseKernelDoc(doc(["enum flags_without_summary", "@A: a"])).title).toMatchObject({
      kind: "enum",
      name: "flags_without_summary",
      summary: "",
      dashed: false,
    });
    // Prose that starts like a title is not one.
    expect(parseKernelDoc("/* struct foo holds the fields of a bar */").title).toBeUndefined();
  });

  it("reads in-line member comments, all paragraphs included", () => {
    const kd = parseKernelDoc(
      [
        "/**",
        "\t * @flags: Set of flags",
        "\t *",
        "\t * FLAG_A:",
        "\t *     the first one",
        "\t */",
      ].join("\n"),
    );
    expect(kd.title).toBeUndefined();
    expect(kd.members).toEqual([
      { name: "flags", line: 1, text: "Set of flags\n\nFLAG_A: the first one" },
    ]);
    expect(parseKernelDoc("/** @fd: Returned sync file descriptor */").members).toEqual([
      { name: "fd", line: 0, text: "Returned sync file descriptor" },
    ]);
    // Doxygen group markers are not members.
    expect(parseKernelDoc("/** @{ */").members).toEqual([]);
  });

  it("is linear: a pathological comment of a few megabytes parses at once", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      i % 3 === 0 ? `@${"a.".repeat(20)}b ${"@x: ".repeat(10)}` : `${"struct ".repeat(12)}-`,
    );
    const kd = parseKernelDoc(doc(["struct big - a big one", "", ...lines]));
    expect(kd.members.length).toBe(0);
    expect(kd.body.length).toBeGreaterThan(500_000);
  });
});

describe("the comment scanner", () => {
  it("finds block, doc and line comments, never inside literals", () => {
    const text = [
      'char *s = "/* not a comment */";',
      "char c = '/'; /** doc */",
      "int x; // line",
      "/*",
      " * two lines",
      " */ int y; /**< trailing */",
    ].join("\n");
    expect(
      scanComments(text).map((c) => [c.style, c.startLine, c.endLine, c.trailingMarker]),
    ).toEqual([
      ["doc", 1, 1, false],
      ["line", 2, 2, false],
      ["block", 3, 5, false],
      ["doc", 5, 5, true],
    ]);
    expect(scanComments("/**/ /*** banner ***/").map((c) => c.style)).toEqual(["block", "block"]);
  });
});
