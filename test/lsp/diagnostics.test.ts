// Diagnostics as the user types: open, incremental change, syntax errors, dependents, and
// the workspace scan, against the real server process.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeWorkspace, startClient, uriOf, workspaceFrom, type TestClient } from "./client.js";

describe("uapi-gen lsp diagnostics", () => {
  let client: TestClient;
  let root: string;
  let demo: string;
  let demoText: string;
  beforeAll(async () => {
    root = workspaceFrom("basic");
    demo = join(root, "uapi-defs", "demo.ts");
    demoText = readFileSync(demo, "utf8");
    client = await startClient(root);
  });
  afterAll(async () => {
    expect(await client.stop()).toBe(0);
    removeWorkspace(root);
  });

  it("publishes the workspace's findings without opening anything", async () => {
    const p = await client.diagnostics(uriOf(demo));
    expect(p.diagnostics.map((d) => d.code)).toEqual(["no-implicit-hole"]);
  });

  it("publishes lint findings with exact ranges, docs link and severity on open", async () => {
    const waiting = client.diagnostics(uriOf(demo), (p) => p.version === 1);
    client.open(demo, demoText, 1);
    const p = await waiting;
    expect(p.diagnostics).toHaveLength(1);
    const [d] = p.diagnostics;
    expect(d).toMatchObject({
      code: "no-implicit-hole",
      severity: 1,
      source: "uapi-gen",
      range: { start: { line: 29, character: 4 }, end: { line: 29, character: 13 } },
      data: { fixable: 1 },
    });
    expect(d!.message).toMatch(
      /^implicit padding before `data_uptr`: 4 bytes at offset 12 on every ABI/,
    );
    expect(d!.codeDescription?.href).toMatch(/docs\/rules\/no-implicit-hole\.md$/);
  });

  it("re-publishes after an incremental one-field edit", async () => {
    // count: __u32 -> __u16 widens the hole before data_uptr from 4 to 6 bytes.
    const line = demoText.split("\n")[28]!;
    const col = line.indexOf('"__u32"');
    const waiting = client.diagnostics(uriOf(demo), (p) => p.version === 2);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 2 },
      contentChanges: [
        {
          range: { start: { line: 28, character: col + 1 }, end: { line: 28, character: col + 6 } },
          text: "__u16",
        },
      ],
    });
    const p = await waiting;
    expect(p.diagnostics.map((d) => d.code)).toEqual(["no-implicit-hole"]);
    expect(p.diagnostics[0]!.message).toMatch(/6 bytes at offset 10 on every ABI/);
  });

  it("turns a syntax error into a diagnostic and recovers", async () => {
    const broken = demoText.replace("fields: {", "fields: {{");
    const waiting = client.diagnostics(uriOf(demo), (p) => p.version === 3);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 3 },
      contentChanges: [{ text: broken }],
    });
    const p = await waiting;
    expect(p.diagnostics.length).toBeGreaterThan(0);
    expect(p.diagnostics.every((d) => d.code === "defs/syntax")).toBe(true);
    expect(p.diagnostics[0]!.range.start.line).toBe(25);
    const back = client.diagnostics(uriOf(demo), (p) => p.version === 4);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 4 },
      contentChanges: [{ text: demoText }],
    });
    expect((await back).diagnostics.map((d) => d.code)).toEqual(["no-implicit-hole"]);
  });

  it("re-analyses a module that imports the edited one", async () => {
    const ext = join(root, "uapi-defs", "demo_ext.ts");
    // Renaming demo_query in demo.ts breaks the import in demo_ext.ts (not open).
    const waiting = client.diagnostics(uriOf(ext), (p) => p.diagnostics.length > 0);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 5 },
      contentChanges: [
        {
          text: demoText
            .replace("export const demo_query", "export const demo_query2")
            .replace("arg: demo_query", "arg: demo_query2"),
        },
      ],
    });
    const p = await waiting;
    expect(p.diagnostics[0]!.message).toMatch(/exports no `demo_query`/);
    expect(p.diagnostics[0]!.range.start.line).toBe(2);
    const fixed = client.diagnostics(uriOf(ext), (p) => p.diagnostics.length === 0);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 6 },
      contentChanges: [{ text: demoText }],
    });
    await fixed;
  });
});
