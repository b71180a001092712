// The server never dies on bad input: broken framing, invalid JSON, unknown methods, huge
// documents, bursts of edits, requests about documents it does not know.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Hover } from "vscode-languageserver/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import {
  REPO,
  removeWorkspace,
  startClient,
  uriOf,
  workspaceFrom,
  type TestClient,
} from "./client.js";

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const initialize = (root: string, capabilities: object) => ({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { processId: null, rootUri: uriOf(root), capabilities },
});

describe("uapi-gen lsp robustness", () => {
  let client: TestClient;
  let root: string;
  let demo: string;
  let text: string;
  let stdout = "";
  beforeAll(async () => {
    root = workspaceFrom("basic");
    demo = join(root, "uapi-defs", "demo.ts");
    text = readFileSync(demo, "utf8");
    client = await startClient(root);
    client.child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  });
  afterAll(async () => {
    // Still alive and exits cleanly after everything below.
    expect(await client.stop()).toBe(0);
    removeWorkspace(root);
  });

  const alive = async () => {
    const symbols = await client.conn.sendRequest("textDocument/documentSymbol", {
      textDocument: { uri: uriOf(demo) },
    });
    expect(Array.isArray(symbols)).toBe(true);
  };

  it("answers invalid JSON with a parse error and carries on", async () => {
    client.raw(frame("{ this is not json"));
    await alive();
    expect(stdout).toMatch(/"id":null,"error":\{"code":-32700/);
  });

  it("skips a header block without Content-Length and the body after it", async () => {
    client.raw('X-Junk: 1\r\n\r\n{"jsonrpc":"2.0","id":999,"method":"shutdown"}');
    client.raw("Content-Length: twelve\r\n\r\n");
    await alive();
  });

  it("survives kilobytes of garbage without any header end", async () => {
    client.raw(Buffer.alloc(20_000, "x"));
    await alive();
  });

  it("skips an over-long message without buffering it", async () => {
    client.raw("Content-Length: 100000000\r\n\r\n");
    client.raw(Buffer.alloc(100_000_000, " "));
    await alive();
  });

  it("answers unknown methods and requests on unknown documents", async () => {
    await expect(client.conn.sendRequest("uapiGen/noSuchMethod", {})).rejects.toThrow(
      /Unhandled method/,
    );
    const h = (await client.conn.sendRequest("textDocument/hover", {
      textDocument: { uri: "file:///nowhere/x.ts" },
      position: { line: 0, character: 0 },
    })) as Hover | null;
    expect(h).toBeNull();
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: "file:///nowhere/x.ts", version: 2 },
      contentChanges: [{ text: "x" }],
    });
    await alive();
  });

  it("drops a didOpen without text and answers a request with broken parameters", async () => {
    void client.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri: uriOf(demo), languageId: "typescript", version: 1, text: null },
    });
    await expect(
      client.conn.sendRequest("textDocument/hover", { textDocument: null, position: 3 }),
    ).rejects.toThrow(/Invalid params/);
    await alive();
    expect(client.stderr()).toBe("");
  });

  it("reads on after a Content-Length longer than the body that follows", async () => {
    client.raw('Content-Length: 60000000\r\n\r\n{"jsonrpc":"2.0"}');
    await alive();
  });

  it("refuses a huge document with a diagnostic instead of analysing it", async () => {
    const huge = join(root, "uapi-defs", "huge.ts");
    const body = `import { struct } from "uapi-gen/dsl";\n${"// filler line of a huge definitions module\n".repeat(70_000)}`;
    const waiting = client.diagnostics(uriOf(huge), (p) => p.version === 1);
    client.open(huge, body, 1);
    const p = await waiting;
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]).toMatchObject({
      code: "lsp/too-large",
      severity: 2,
      range: { start: { line: 0, character: 0 } },
    });
    await alive();
  });

  it("coalesces a burst of edits and publishes the last version", async () => {
    const opened = client.diagnostics(uriOf(demo), (p) => p.version === 1);
    client.open(demo, text, 1);
    await opened;
    const before = client.published.length;
    const last = 200;
    const done = client.diagnostics(uriOf(demo), (p) => p.version === last);
    for (let v = 2; v <= last; v++) {
      // Alternate between a hole of 4 and of 6 bytes before data_uptr; the last one has 6.
      const type = v % 2 === 0 ? "__u16" : "__u32";
      void client.conn.sendNotification("textDocument/didChange", {
        textDocument: { uri: uriOf(demo), version: v },
        contentChanges: [
          { text: text.replace('count: { type: "__u32"', `count: { type: "${type}"`) },
        ],
      });
    }
    const p = await done;
    expect(p.diagnostics[0]!.message).toMatch(/6 bytes at offset 10/);
    const publishedForDemo = client.published
      .slice(before)
      .filter((x) => x.uri === uriOf(demo)).length;
    expect(publishedForDemo).toBeLessThan(50);
  });

  it("reports a file that does not parse, with the position of the error", async () => {
    const waiting = client.diagnostics(uriOf(demo), (p) => p.version === 300);
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 300 },
      contentChanges: [{ text: "export const = struct({" }],
    });
    const p = await waiting;
    expect(p.diagnostics.map((d) => d.code)).toContain("defs/syntax");
    expect(p.diagnostics[0]!.range.start).toEqual({ line: 0, character: 13 });
  });

  it("exits quietly when the client closes its end without shutdown", async () => {
    // A bare client: it sends and reads, and answers nothing, as an editor that went away.
    const server = spawn(process.execPath, [join(REPO, "bin", "uapi-gen.js"), "lsp"], {
      cwd: root,
      stdio: "pipe",
    });
    let stderr = "";
    server.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    server.stdout.resume();
    const capabilities = { workspace: { configuration: true } };
    server.stdin.write(frame(JSON.stringify(initialize(root, capabilities))));
    server.stdin.write(
      frame(
        JSON.stringify({
          jsonrpc: "2.0",
          method: "textDocument/didOpen",
          params: {
            textDocument: { uri: uriOf(demo), languageId: "typescript", version: 1, text },
          },
        }),
      ),
    );
    server.stdin.end();
    const code = await new Promise<number | null>((r) => server.once("exit", r));
    expect(code).toBe(0);
    expect(stderr).toBe("");
  });
});
