// Configuration: the linter's configuration file (watched), the editor's uapiGen settings,
// and the compatibility rules against a git ref of the workspace.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeWorkspace, startClient, uriOf, workspaceFrom, type TestClient } from "./client.js";

describe("uapi-gen lsp configuration", () => {
  let client: TestClient;
  let root: string;
  let demo: string;
  let text: string;
  beforeAll(async () => {
    root = workspaceFrom("basic");
    demo = join(root, "uapi-defs", "demo.ts");
    text = readFileSync(demo, "utf8");
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "pipe" });
    git("init", "-q");
    git(
      "-c",
      "user.email=t@example.com",
      "-c",
      "user.name=t",
      "commit",
      "-q",
      "--allow-empty",
      "-m",
      "empty",
    );
    git("add", ".");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "baseline");
    client = await startClient(root);
    const ready = client.diagnostics(uriOf(demo), (p) => p.version === 1);
    client.open(demo, text, 1);
    await ready;
  });
  afterAll(async () => {
    await client.stop();
    removeWorkspace(root);
  });

  const codes = (p: { diagnostics: { code?: string | number }[] }) =>
    p.diagnostics.map((d) => d.code);

  it("re-publishes when the watched configuration file changes", async () => {
    const file = join(root, "uapi-lint.json");
    writeFileSync(file, JSON.stringify({ rules: { "no-implicit-hole": "off" } }));
    const waiting = client.diagnostics(
      uriOf(demo),
      (p) => p.version === 1 && p.diagnostics.length === 0,
    );
    void client.conn.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: uriOf(file), type: 1 }],
    });
    await waiting;
    writeFileSync(file, JSON.stringify({ rules: { "no-implicit-hole": "warning" } }));
    const back = client.diagnostics(uriOf(demo), (p) => p.diagnostics[0]?.severity === 2);
    void client.conn.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: uriOf(file), type: 2 }],
    });
    expect(codes(await back)).toEqual(["no-implicit-hole"]);
  });

  it("publishes errors in the configuration file on the file itself", async () => {
    const file = join(root, "uapi-lint.json");
    const body = '{\n  "rules": { "no-such-rule": "off" }\n}\n';
    writeFileSync(file, body);
    const waiting = client.diagnostics(uriOf(file));
    void client.conn.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: uriOf(file), type: 2 }],
    });
    const p = await waiting;
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]).toMatchObject({
      code: "lint/config",
      range: { start: { line: 1, character: 13 }, end: { line: 1, character: 27 } },
    });
    expect(p.diagnostics[0]!.message).toMatch(/unknown rule "no-such-rule"/);
  });

  it("applies settings pushed with didChangeConfiguration", async () => {
    const waiting = client.diagnostics(
      uriOf(demo),
      (p) => p.diagnostics[0]?.code === "lsp/too-large",
    );
    void client.conn.sendNotification("workspace/didChangeConfiguration", {
      settings: { uapiGen: { maxFileBytes: 100 } },
    });
    await waiting;
    const back = client.diagnostics(
      uriOf(demo),
      (p) => p.diagnostics[0]?.code === "no-implicit-hole",
    );
    void client.conn.sendNotification("workspace/didChangeConfiguration", {
      settings: { uapiGen: {} },
    });
    await back;
  });

  it("runs the compatibility rules against uapiGen.against, pulled from the client", async () => {
    // The workspace's HEAD has `count: __u32`; the buffer makes it __u16: an ABI break.
    client.settings = { against: "HEAD" };
    const edited = text.replace('count: { type: "__u32"', 'count: { type: "__u16"');
    void client.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri: uriOf(demo), version: 2 },
      contentChanges: [{ text: edited }],
    });
    const waiting = client.diagnostics(
      uriOf(demo),
      (p) => p.version === 2 && p.diagnostics.some((d) => d.code === "field-same-type"),
    );
    void client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
    const p = await waiting;
    const d = p.diagnostics.find((x) => x.code === "field-same-type")!;
    expect(d.range.start.line).toBe(28);
    expect(d.message).toMatch(/count/);
    // The baseline moves (a commit): the watched .git change re-runs the compatibility rules.
    writeFileSync(demo, edited);
    execFileSync(
      "git",
      ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-am", "u16"],
      { cwd: root },
    );
    const moved = client.diagnostics(
      uriOf(demo),
      (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === "field-same-type"),
    );
    void client.conn.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: uriOf(join(root, ".git", "refs", "heads", "x")), type: 2 }],
    });
    await moved;
    // A baseline that does not exist is a diagnostic, not a crash.
    client.settings = { against: "no-such-ref" };
    const bad = client.diagnostics(uriOf(demo), (p) =>
      p.diagnostics.some((d) => d.code === "lint/against"),
    );
    void client.conn.sendNotification("workspace/didChangeConfiguration", { settings: null });
    expect((await bad).diagnostics.find((d) => d.code === "lint/against")!.message).toMatch(
      /no-such-ref/,
    );
  });

  it("takes the settings from initializationOptions alone, as Neovim 0.7 sends them", async () => {
    // Neovim 0.7 answers workspace/configuration with null; init_options carry the settings.
    const baseline = execFileSync("git", ["log", "--format=%H", "--grep=^baseline$"], {
      cwd: root,
      encoding: "utf8",
    }).trim(); // the commit with `count: __u32`, whichever tests ran before
    const nvim = await startClient(root, null, { uapiGen: { against: baseline } });
    try {
      const edited = text.replace('count: { type: "__u32"', 'count: { type: "__u16"');
      const waiting = nvim.diagnostics(uriOf(demo), (p) =>
        p.diagnostics.some((d) => d.code === "field-same-type"),
      );
      nvim.open(demo, edited, 1);
      expect((await waiting).diagnostics.find((d) => d.code === "field-same-type")).toBeDefined();
    } finally {
      await nvim.stop();
    }
  });
});
