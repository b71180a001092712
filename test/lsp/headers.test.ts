// C uAPI headers: lint diagnostics through the clang importer, for the editor's buffer,
// debounced while typing. Skipped where clang-19 is not installed.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hover, MarkupContent } from "vscode-languageserver/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeWorkspace, startClient, uriOf, workspaceFrom, type TestClient } from "./client.js";

const hasClang = (() => {
  try {
    execFileSync(process.env.UAPI_GEN_CLANG ?? "clang-19", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasClang)("uapi-gen lsp on C headers", () => {
  let client: TestClient;
  let root: string;
  let header: string;
  let text: string;
  beforeAll(async () => {
    root = workspaceFrom("headers");
    header = join(root, "demo_hdr.h");
    text = readFileSync(header, "utf8");
    client = await startClient(root);
  });
  afterAll(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  it("publishes layout findings for an open header at the field", async () => {
    const waiting = client.diagnostics(uriOf(header), (p) => p.version === 1);
    client.open(header, text, 1);
    const p = await waiting;
    const hole = p.diagnostics.find((d) => d.code === "no-implicit-hole")!;
    expect(hole.range).toEqual({
      start: { line: 13, character: 7 },
      end: { line: 13, character: 11 },
    });
    expect(hole.message).toMatch(/4 bytes at offset 4/);
  });

  it("hovers a header's field and struct with their layouts per ABI", async () => {
    const field = await client.conn.sendRequest<Hover>("textDocument/hover", {
      textDocument: { uri: uriOf(header) },
      position: { line: 13, character: 9 },
    });
    const text = (field.contents as MarkupContent).value;
    expect(text).toContain("__u64 data;");
    // The u64 is 4-aligned on i386 (offset 4) and 8-aligned on x86_64 (offset 8).
    expect(text).toMatch(/i386[^\n]*\| 4 \|/);
    expect(text).toMatch(/x86_64[^\n]*\| 8 \|/);
    const struct = await client.conn.sendRequest<Hover>("textDocument/hover", {
      textDocument: { uri: uriOf(header) },
      position: { line: 11, character: 9 },
    });
    expect((struct.contents as MarkupContent).value).toMatch(/\*\*struct demo_hdr\*\*/);
    expect((struct.contents as MarkupContent).value).toContain("The layout differs on");
  });

  it("analyses the unsaved buffer once typing pauses", async () => {
    const fixed = text.replace("\t__u32 size;", "\t__u32 size;\n\t__u32 __reserved;");
    const waiting = client.diagnostics(uriOf(header), (p) => p.version === 3);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(header), version: 2 },
      contentChanges: [{ text: text.replace("__u64", "__u6") }],
    });
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(header), version: 3 },
      contentChanges: [{ text: fixed }],
    });
    const p = await waiting;
    expect(p.diagnostics.map((d) => d.code)).not.toContain("no-implicit-hole");
    // The intermediate version 2 was never analysed: the two edits were one burst.
    expect(client.published.filter((x) => x.uri === uriOf(header) && x.version === 2)).toEqual([]);
  });

  it("reports what clang cannot compile at its position", async () => {
    const waiting = client.diagnostics(uriOf(header), (p) => p.version === 4);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(header), version: 4 },
      contentChanges: [{ text: text.replace("__u64 data;", "__u65 data;") }],
    });
    const p = await waiting;
    const err = p.diagnostics.find((d) => d.code === "import/clang")!;
    expect(err.range.start.line).toBe(13);
  });
});
