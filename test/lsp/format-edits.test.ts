// The formatting of quick-fix edits: the inserted text must come out as prettier would write
// it, without touching the rest of the file. Unit tests of format-edits.ts, with prettier as
// the oracle on prettier-formatted inputs.
import { join } from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import type { TextEdit } from "../../src/lint/index.js";
import { applyEdits, formatEdits } from "../../src/lsp/features/format-edits.js";
import { FIXTURES } from "./client.js";

// A file inside the fixture, so prettier finds the fixture's .prettierrc.json (printWidth 100).
const file = join(FIXTURES, "basic", "uapi-defs", "virtual.ts");
const options = async () => ({
  ...(await prettier.resolveConfig(file)),
  parser: "typescript" as const,
});
const at = (line: number, character: number) => ({
  start: { line, character },
  end: { line, character },
});

async function check(source: string, edits: TextEdit[]): Promise<string> {
  expect(await prettier.format(source, await options())).toBe(source);
  const result = applyEdits(source, await formatEdits(source, edits));
  expect(await prettier.format(result, await options())).toBe(result);
  return result;
}

describe("formatEdits", () => {
  it("puts an element appended to a one-per-line import list on its own line", async () => {
    const source =
      'import {\n  anonymousUnion,\n  constant,\n  enumeration,\n  flagSet,\n  header,\n  ioctl,\n  struct,\n} from "uapi-gen/dsl";\n';
    const result = await check(source, [{ file, range: at(7, 8), newText: ", array" }]);
    expect(result).toContain("  struct,\n  array,\n}");
  });

  it("lets prettier break a one-line import that the edit makes too long", async () => {
    const source =
      'import { anonymousUnion, char, constant, enumeration, flagSet, header, ioctl, struct } from "uapi-gen/dsl";\n'.replace(
        "anonymousUnion, ",
        "",
      );
    const result = await check(source, [
      { file, range: at(0, source.indexOf(" }")), newText: ", anonymousUnion, bits" },
    ]);
    expect(result.split("\n")[0]).toBe("import {");
  });

  it("indents a field inserted after a multi-line field and wraps a long one", async () => {
    const source = [
      "export const s = struct({",
      "  fields: {",
      "    ste: {",
      '      type: array("__aligned_le64", 2),',
      '      doc: "A documentation string that is long enough to need its own line in this struct.",',
      "    },",
      "  },",
      "});",
      "",
    ].join("\n");
    const long =
      '__reserved: { type: "__u32", reserved: true, doc: "Must be 0, and this documentation is long enough to wrap." }';
    const result = await check(source, [{ file, range: at(5, 5), newText: `,\n${long}` }]);
    expect(result).toContain('    },\n    __reserved: {\n      type: "__u32",\n');
  });

  it("breaks a field that a type change makes too long, keeping its trailing comma", async () => {
    const field =
      '    data: { type: "__u64", flags: demo_flags, doc: "A documentation string near the limit." },';
    const source = [
      "export const s = struct({",
      "  fields: {",
      field,
      '    size: { type: "__u32" },',
      "  },",
      "});",
      "",
    ].join("\n");
    const col = field.indexOf('"__u64"');
    const edit = {
      file,
      range: { start: { line: 2, character: col }, end: { line: 2, character: col + 7 } },
      newText: '"__aligned_u64"',
    };
    const result = await check(source, [edit]);
    expect(result).toContain(
      '    data: {\n      type: "__aligned_u64",\n      flags: demo_flags,\n',
    );
    expect(result).toContain('    },\n    size: { type: "__u32" },');
  });
});
