/**
 * A test client: runs `uapi-gen lsp --stdio` as a real child process (bin/uapi-gen.js, as
 * an editor would) and talks JSON-RPC to it over its stdio with vscode-jsonrpc's framing.
 * `raw` writes bytes straight to the server's stdin, for the malformed-input tests.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver/node";

export const REPO = join(import.meta.dirname, "..", "..");
export const FIXTURES = join(import.meta.dirname, "fixtures");

export const uriOf = (path: string) => pathToFileURL(path).href;

export const CAPABILITIES: ClientCapabilities = {
  textDocument: {
    publishDiagnostics: {
      relatedInformation: true,
      codeDescriptionSupport: true,
      versionSupport: true,
    },
    hover: { contentFormat: ["markdown", "plaintext"] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix"] } } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
};

export interface TestClient {
  readonly conn: MessageConnection;
  readonly child: ChildProcessWithoutNullStreams;
  readonly root: string;
  readonly stderr: () => string;
  /** Settings the server pulls with workspace/configuration. */
  settings: Record<string, unknown> | null;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[];
  /** Resolves with the next publishDiagnostics for `uri` that satisfies `accept`. */
  diagnostics(
    uri: string,
    accept?: (p: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams>;
  raw(bytes: string | Buffer): void;
  open(path: string, text: string, version?: number): void;
  stop(): Promise<number | null>;
}

/** Copies a fixture folder to a fresh temporary workspace (tests may change files in it). */
export function workspaceFrom(fixture: string): string {
  const root = mkdtempSync(join(tmpdir(), "uapi-lsp-"));
  cpSync(join(FIXTURES, fixture), root, { recursive: true });
  return root;
}

export async function startClient(
  root: string,
  settings: Record<string, unknown> | null = {},
  initializationOptions?: unknown,
): Promise<TestClient> {
  const child = spawn(process.execPath, [join(REPO, "bin", "uapi-gen.js"), "lsp", "--stdio"], {
    cwd: root,
    stdio: "pipe",
  });
  let err = "";
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const conn = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published: PublishDiagnosticsParams[] = [];
  const waiters: {
    uri: string;
    accept: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  const client: TestClient = {
    conn,
    child,
    root,
    stderr: () => err,
    settings,
    published,
    diagnostics(uri, accept = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${err}`)),
          timeoutMs,
        );
        waiters.push({ uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    raw: (bytes) => child.stdin.write(bytes),
    open(path, text, version = 1) {
      void conn.sendNotification("textDocument/didOpen", {
        textDocument: { uri: uriOf(path), languageId: "typescript", version, text },
      });
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) =>
        child.once("exit", (code) => resolve(code)),
      );
      try {
        await conn.sendRequest("shutdown");
        await conn.sendNotification("exit");
      } catch {
        child.kill();
      }
      const code = await exited;
      conn.dispose();
      return code;
    },
  };
  conn.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    published.push(p);
    const i = waiters.findIndex((w) => w.uri === p.uri && w.accept(p));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(p);
  });
  conn.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
    p.items.map(() => client.settings),
  );
  conn.onRequest("client/registerCapability", () => null);
  conn.onNotification("window/logMessage", () => {});
  conn.listen();
  const died = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the server exited (${code}): ${err}`))),
  );
  died.catch(() => {});
  await Promise.race([
    died,
    conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: "ws" }],
      capabilities: CAPABILITIES,
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
    }),
  ]);
  await conn.sendNotification("initialized", {});
  return client;
}

export function removeWorkspace(root: string): void {
  rmSync(root, { recursive: true, force: true });
}
