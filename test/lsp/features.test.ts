// Hover, go to definition, find references, document symbols and quick fixes, against the
// real server process: on a small fixture workspace and on the shipped definitions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as prettier from "prettier";
import type {
  CodeAction,
  DocumentSymbol,
  Hover,
  Location,
  TextDocumentEdit,
  TextEdit,
} from "vscode-languageserver/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEdits } from "../../src/lsp/features/format-edits.js";
import {
  REPO,
  removeWorkspace,
  startClient,
  uriOf,
  workspaceFrom,
  type TestClient,
} from "./client.js";

/** The position `offset` characters into the first occurrence of `needle` (after line `from`). */
function at(text: string, needle: string, offset = 0, from = 0) {
  const lines = text.split("\n");
  for (let line = from; line < lines.length; line++) {
    const i = lines[line]!.indexOf(needle);
    if (i >= 0) return { line, character: i + offset };
  }
  throw new Error(`${needle} not found`);
}

describe("uapi-gen lsp features on a fixture workspace", () => {
  let client: TestClient;
  let root: string;
  let demo: string;
  let ext: string;
  let text: string;
  beforeAll(async () => {
    root = workspaceFrom("basic");
    demo = join(root, "uapi-defs", "demo.ts");
    ext = join(root, "uapi-defs", "demo_ext.ts");
    text = readFileSync(demo, "utf8");
    client = await startClient(root);
    const ready = client.diagnostics(uriOf(demo), (p) => p.version === 1);
    client.open(demo, text, 1);
    await ready;
  });
  afterAll(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  const request = <T>(method: string, params: object) =>
    client.conn.sendRequest(method, params) as Promise<T>;

  it("hovers a struct with its pahole-style layout per ABI", async () => {
    const h = await request<Hover>("textDocument/hover", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, "demo_query = struct", 3),
    });
    const md = (h.contents as { kind: string; value: string }).value;
    expect((h.contents as { kind: string }).kind).toBe("markdown");
    expect(md).toContain("**struct demo_query**");
    expect(md).toContain("| every ABI | 24 | 8 | 4 @ 12 | 0 |");
    expect(md).toContain("\t/* XXX 4 bytes hole, try to pack */\n\t__aligned_u64 data_uptr;");
    expect(md).toMatch(/__u32 count;\s+\/\*\s+8\s+4 \*\//);
    expect(md).toContain("/* sum members: 20, holes: 1, sum holes: 4 */");
    expect(h.range).toEqual({
      start: { line: 22, character: 13 },
      end: { line: 22, character: 23 },
    });
  });

  it("hovers a field with its C spelling and per-ABI offsets", async () => {
    const h = await request<Hover>("textDocument/hover", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, "flags: { type", 1),
    });
    const md = (h.contents as { value: string }).value;
    expect(md).toContain("```c\n__u32 flags;\n```");
    expect(md).toContain("flags: demo_flags");
    expect(md).toMatch(/\| (18 ABIs|every ABI)[^|]*\| 4 \| 4 \| (4|2) \|/);
    expect(md).toContain("| m68k | 4 | 4 | 2 | 0 | 0 |");
    expect(md).toContain("Differs on: m68k.");
  });

  it("hovers an enum member named by a string, and an ioctl with its numbers", async () => {
    const m = await request<Hover>("textDocument/hover", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, '"DEMO_CMD_QUERY"', 2),
    });
    expect((m.contents as { value: string }).value).toContain("**DEMO_CMD_QUERY** = 128 (`0x80`)");
    const i = await request<Hover>("textDocument/hover", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, "DEMO_QUERY = ioctl", 2),
    });
    const md = (i.contents as { value: string }).value;
    expect(md).toContain("#define DEMO_QUERY _IO(DEMO_TYPE, DEMO_CMD_QUERY)");
    expect(md).toContain("`0x00004480`");
    expect(md).toContain("`0x20004480`");
  });

  it("goes to the definition of an item, an enum member string and a field string", async () => {
    const item = await request<Location[]>("textDocument/definition", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, "arg: demo_query", 6),
    });
    expect(item).toEqual([
      {
        uri: uriOf(demo),
        range: { start: { line: 22, character: 13 }, end: { line: 22, character: 23 } },
      },
    ]);
    const member = await request<Location[]>("textDocument/definition", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, '"DEMO_CMD_QUERY"', 1),
    });
    expect(member).toEqual([
      {
        uri: uriOf(demo),
        range: { start: { line: 11, character: 4 }, end: { line: 11, character: 18 } },
      },
    ]);
    const field = await request<Location[]>("textDocument/definition", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, 'lastMandatory: "flags"', 17),
    });
    expect(field).toEqual([
      {
        uri: uriOf(demo),
        range: { start: { line: 27, character: 4 }, end: { line: 27, character: 9 } },
      },
    ]);
  });

  it("goes to a definition in another module and finds references across modules", async () => {
    const extText = readFileSync(ext, "utf8");
    const def = await request<Location[]>("textDocument/definition", {
      textDocument: { uri: uriOf(ext) },
      position: at(extText, "type: demo_query", 8),
    });
    expect(def).toEqual([
      {
        uri: uriOf(demo),
        range: { start: { line: 22, character: 13 }, end: { line: 22, character: 23 } },
      },
    ]);
    const refs = await request<Location[]>("textDocument/references", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, "demo_query = struct", 0),
      context: { includeDeclaration: true },
    });
    const where = refs
      .map(
        (r) =>
          `${r.uri.endsWith("demo_ext.ts") ? "ext" : "demo"}:${r.range.start.line}:${r.range.start.character}`,
      )
      .sort();
    expect(where).toEqual(["demo:22:13", "demo:37:7", "ext:2:9", "ext:9:19"]);
    const noDecl = await request<Location[]>("textDocument/references", {
      textDocument: { uri: uriOf(demo) },
      position: at(text, "demo_query = struct", 0),
      context: { includeDeclaration: false },
    });
    expect(noDecl).toHaveLength(3);
  });

  it("lists document symbols with fields and members as children", async () => {
    const symbols = await request<DocumentSymbol[]>("textDocument/documentSymbol", {
      textDocument: { uri: uriOf(demo) },
    });
    expect(symbols.map((s) => `${s.name}/${s.kind}`)).toEqual([
      "demo/2",
      "DEMO_TYPE/14",
      "demo_cmd/10",
      "demo_flags/10",
      "demo_query/23",
      "DEMO_QUERY/12",
    ]);
    const query = symbols.find((s) => s.name === "demo_query")!;
    expect(query.children!.map((c) => c.name)).toEqual(["size", "flags", "count", "data_uptr"]);
    expect(query.range).toEqual({
      start: { line: 22, character: 0 },
      end: { line: 31, character: 3 },
    });
    expect(
      symbols.find((s) => s.name === "demo_cmd")!.children!.map((c) => `${c.name}/${c.kind}`),
    ).toEqual(["DEMO_CMD_QUERY/22"]);
  });

  it("offers the linter's fix as a quick fix whose edit is prettier-clean", async () => {
    const actions = await request<CodeAction[]>("textDocument/codeAction", {
      textDocument: { uri: uriOf(demo) },
      range: { start: { line: 29, character: 6 }, end: { line: 29, character: 6 } },
      context: { diagnostics: [] },
    });
    expect(actions.map((a) => a.title)).toEqual([
      "insert 4 bytes of must-be-zero padding before `data_uptr`",
    ]);
    const [action] = actions;
    expect(action!.kind).toBe("quickfix");
    expect(action!.diagnostics![0]!.code).toBe("no-implicit-hole");
    const change = action!.edit!.documentChanges![0] as TextDocumentEdit;
    const edits = change.edits as TextEdit[];
    expect(change.textDocument).toEqual({ uri: uriOf(demo), version: 1 });
    const fixed = applyEdits(text, edits);
    expect(fixed).toContain(
      '    count: { type: "__u32", doc: "Number of things." },\n    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },\n    data_uptr:',
    );
    const options = { ...(await prettier.resolveConfig(demo)), parser: "typescript" as const };
    expect(await prettier.format(fixed, options)).toBe(fixed);
    // Applying it clears the finding.
    const clean = client.diagnostics(uriOf(demo), (p) => p.version === 2);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    expect((await clean).diagnostics).toEqual([]);
  });
});

describe("uapi-gen lsp quick fixes that import a builder", () => {
  it("inserts array padding and extends the DSL import, prettier-clean", async () => {
    const root = workspaceFrom("basic");
    const demo = join(root, "uapi-defs", "demo.ts");
    // count: __u16 leaves a 6-byte hole: the padding is array("__u8", 6), which needs `array`.
    const text = readFileSync(demo, "utf8").replace(
      'count: { type: "__u32"',
      'count: { type: "__u16"',
    );
    const client = await startClient(root);
    try {
      const ready = client.diagnostics(uriOf(demo), (p) => p.version === 1);
      client.open(demo, text, 1);
      await ready;
      const [action] = (await client.conn.sendRequest("textDocument/codeAction", {
        textDocument: { uri: uriOf(demo) },
        range: { start: { line: 29, character: 4 }, end: { line: 29, character: 13 } },
        context: { diagnostics: [], only: ["quickfix"] },
      })) as CodeAction[];
      const edits = (action!.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
      const fixed = applyEdits(text, edits);
      expect(fixed).toContain(
        'import { char, constant, enumeration, flagSet, header, ioctl, struct, array } from "uapi-gen/dsl";',
      );
      expect(fixed).toContain(
        '    __reserved: { type: array("__u8", 6), reserved: true, doc: "Must be 0." },\n',
      );
      const options = { ...(await prettier.resolveConfig(demo)), parser: "typescript" as const };
      expect(await prettier.format(fixed, options)).toBe(fixed);
    } finally {
      await client.stop();
      removeWorkspace(root);
    }
  });
});

describe("uapi-gen lsp on the shipped definitions", () => {
  let client: TestClient;
  const file = join(REPO, "uapi-defs", "iommufd.ts");
  const text = readFileSync(file, "utf8");
  beforeAll(async () => {
    client = await startClient(REPO);
    const ready = client.diagnostics(uriOf(file), (p) => p.version === 1);
    client.open(file, text, 1);
    await ready;
  });
  afterAll(async () => {
    await client.stop();
  });

  const definition = (needle: string, offset: number, from = 0) =>
    client.conn.sendRequest("textDocument/definition", {
      textDocument: { uri: uriOf(file) },
      position: at(text, needle, offset, from),
    }) as Promise<Location[]>;

  it("resolves field names in array descriptors and extensible structs to the fields", async () => {
    const start = at(text, "export const iommu_hwpt_invalidate = struct").line;
    const pointer = await definition('pointer: "data_uptr"', 11, start);
    const decl = at(text, "data_uptr: {", 0, start);
    expect(pointer[0]!.range.start).toEqual(decl);
    const lastMandatory = await definition('lastMandatory: "__reserved"', 17, start);
    expect(lastMandatory[0]!.range.start).toEqual(at(text, "__reserved: {", 0, start));
    const entry = await definition(
      "IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: iommu_hwpt_vtd_s1_invalidate",
      2,
      start,
    );
    expect(entry[0]!.range.start).toEqual(at(text, "IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: {", 0));
    const entryStruct = await definition(
      "IOMMU_HWPT_INVALIDATE_DATA_VTD_S1: iommu_hwpt_vtd_s1_invalidate",
      40,
      start,
    );
    expect(entryStruct[0]!.range.start).toEqual(
      at(text, "iommu_hwpt_vtd_s1_invalidate = struct", 0),
    );
  });

  it("finds the references of IOMMUFD_TYPE in every module that imports it", async () => {
    const refs = (await client.conn.sendRequest("textDocument/references", {
      textDocument: { uri: uriOf(file) },
      position: at(text, "export const IOMMUFD_TYPE", 14),
      context: { includeDeclaration: false },
    })) as Location[];
    const files = new Set(refs.map((r) => r.uri.split("/").pop()));
    expect(files).toEqual(new Set(["iommufd.ts", "iommufd_test.ts"]));
    expect(refs.filter((r) => r.uri.endsWith("/iommufd.ts")).length).toBe(
      (text.match(/type: IOMMUFD_TYPE/g) ?? []).length,
    );
  });

  it("hovers an anonymous-union member with the ABI where its alignment differs", async () => {
    const h = (await client.conn.sendRequest("textDocument/hover", {
      textDocument: { uri: uriOf(file) },
      position: at(text, "in_data_type:", 2),
    })) as Hover;
    const md = (h.contents as { value: string }).value;
    expect(md).toContain("__u32 in_data_type;");
    expect(md).toContain("| m68k | 24 | 4 | 2 | 0 | 0 |");
  });
});
