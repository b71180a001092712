/**
 * The language server: wires the protocol (vscode-languageserver) to the workspace and the
 * feature modules. Each handler is a thin adapter; what a feature does lives in features/.
 */
import type { Readable, Writable } from "node:stream";
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  StreamMessageWriter,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { codeActions } from "./features/code-actions.js";
import { toLspDiagnostic, type DiagnosticCapabilities } from "./features/diagnostics.js";
import { definition, references } from "./features/navigation.js";
import { hover } from "./features/hover.js";
import { documentSymbols } from "./features/symbols.js";
import { readSettings } from "./settings.js";
import { FramedMessageReader } from "./transport/framed-reader.js";
import { UriMap } from "./uri.js";
import { Workspace, type WorkspaceHost } from "./workspace.js";

/** Messages larger than this are dropped unread (a document of this size is refused anyway). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** Files whose changes on disk matter: definitions, C headers, the lint configuration, git refs. */
const WATCHED = ["**/*.ts", "**/*.h", "**/uapi-lint.json", "**/.git/HEAD", "**/.git/refs/**"];

export interface ServerHandle {
  readonly connection: Connection;
  /** Resolves when the client goes away (stream closed or `exit`). */
  readonly closed: Promise<void>;
}

export function startServer(input: Readable, output: Writable): ServerHandle {
  const reader = new FramedMessageReader(input, { maxMessageBytes: MAX_MESSAGE_BYTES });
  const writer = new StreamMessageWriter(output);
  const connection = createConnection(reader, writer);
  const uris = new UriMap();
  const documents = new Map<string, TextDocument>();
  let caps: DiagnosticCapabilities = { relatedInformation: false, codeDescription: false };
  let client: ClientCapabilities = {};

  // Once the client has gone, analyses still finishing publish nowhere instead of throwing
  // ("Connection is closed" as an uncaught error on every later publish).
  let open = true;
  const whileOpen =
    <A extends unknown[]>(f: (...a: A) => unknown) =>
    (...a: A): void => {
      if (!open) return;
      try {
        const sent = f(...a);
        if (sent instanceof Promise) sent.catch(() => {});
      } catch {
        // The stream closed under us: the reader's close event follows.
      }
    };
  const warn = whileOpen((m: string) => connection.console.warn(m));
  const logError = whileOpen((m: string) => connection.console.error(m));
  reader.onClose(() => (open = false));

  reader.onMalformed((m) => {
    warn(`uapi-gen lsp: ignored malformed input: ${m.reason}`);
    // JSON-RPC 2.0: a body that is not JSON gets a Parse error with a null id; a request
    // whose parameters do not fit, Invalid params with its id.
    if (m.parseError || m.invalidRequest)
      whileOpen(() =>
        writer.write({
          jsonrpc: "2.0",
          id: m.invalidRequest?.id ?? null,
          error: m.invalidRequest
            ? { code: -32602, message: `Invalid params: ${m.reason}` }
            : { code: -32700, message: `Parse error: ${m.reason}` },
        } as never),
      )();
  });

  const workspace = new Workspace({
    publish: whileOpen<Parameters<WorkspaceHost["publish"]>>((path, diagnostics, version) =>
      connection.sendDiagnostics({
        uri: uris.toUri(path),
        ...(version !== undefined ? { version } : {}),
        diagnostics: diagnostics.map((d) => toLspDiagnostic(d, uris, caps)),
      }),
    ),
    log: (message: string) => logError(message),
  });

  const pullSettings = async (): Promise<void> => {
    if (!client.workspace?.configuration) return;
    const [section] = await connection.workspace.getConfiguration([{ section: "uapiGen" }]);
    workspace.setSettings(readSettings(section));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client = params.capabilities ?? {};
    const diag = client.textDocument?.publishDiagnostics;
    caps = {
      relatedInformation: !!diag?.relatedInformation,
      codeDescription: !!diag?.codeDescriptionSupport,
    };
    const folders =
      params.workspaceFolders?.map((f) => uris.toPath(f.uri)) ??
      (params.rootUri ? [uris.toPath(params.rootUri)] : params.rootPath ? [params.rootPath] : []);
    workspace.setRoots(folders);
    const init = params.initializationOptions as Record<string, unknown> | undefined;
    workspace.setSettings(readSettings(init?.uapiGen ?? init));
    return {
      serverInfo: { name: "uapi-gen", version: "0.1.0" },
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    if (client.workspace?.didChangeConfiguration?.dynamicRegistration) {
      whileOpen(() =>
        connection.client.register(DidChangeConfigurationNotification.type, {
          section: "uapiGen",
        }),
      )();
    }
    if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      whileOpen(() =>
        connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED.map((globPattern) => ({ globPattern })),
        }),
      )();
    }
    if (client.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uris.toPath(f.uri)));
        workspace.setRoots([
          ...workspace.rootPaths.filter((r) => !removed.has(r)),
          ...e.added.map((f) => uris.toPath(f.uri)),
        ]);
        void workspace.scan();
      });
    }
    void pullSettings().catch((e) => logError(`cannot read the configuration: ${String(e)}`));
  });

  connection.onDidChangeConfiguration((params) => {
    const pushed = (params.settings as Record<string, unknown> | undefined)?.uapiGen;
    if (pushed !== undefined) workspace.setSettings(readSettings(pushed));
    else void pullSettings().catch((e) => logError(`cannot read the configuration: ${String(e)}`));
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      const path = uris.toPath(change.uri);
      if (/\/\.git\//.test(path)) {
        // The baseline ref may have moved: every compatibility finding is stale.
        workspace.gitChanged();
        continue;
      }
      workspace.diskChanged(path, change.type === FileChangeType.Deleted);
    }
  });

  connection.onDidOpenTextDocument(({ textDocument: td }) => {
    const doc = TextDocument.create(td.uri, td.languageId, td.version, td.text);
    documents.set(td.uri, doc);
    workspace.open(uris.toPath(td.uri), doc.getText(), doc.version);
  });

  connection.onDidChangeTextDocument(({ textDocument: td, contentChanges }) => {
    const doc = documents.get(td.uri);
    if (!doc) return warn(`uapi-gen lsp: change to ${td.uri}, which is not open`);
    // A change without text would corrupt the document: drop it (and say so) rather than guess.
    const valid = contentChanges.filter((c) => typeof c.text === "string");
    if (valid.length < contentChanges.length)
      warn(
        `uapi-gen lsp: ignored ${contentChanges.length - valid.length} malformed change(s) to ${td.uri}`,
      );
    const next = TextDocument.update(doc, valid, td.version);
    documents.set(td.uri, next);
    workspace.change(uris.toPath(td.uri), next.getText(), next.version);
  });

  connection.onDidCloseTextDocument(({ textDocument: td }) => {
    documents.delete(td.uri);
    workspace.close(uris.toPath(td.uri));
  });

  connection.onDidSaveTextDocument(({ textDocument: td }) =>
    workspace.diskChanged(uris.toPath(td.uri), false),
  );

  const ctx: FeatureContext = {
    workspace,
    uris,
    client: () => client,
  };
  connection.onHover((p) => hover(ctx, p));
  connection.onDefinition((p) => definition(ctx, p));
  connection.onReferences((p) => references(ctx, p));
  connection.onDocumentSymbol((p) => documentSymbols(ctx, p));
  connection.onCodeAction((p) => codeActions(ctx, p));

  const closed = new Promise<void>((resolveClosed) => {
    reader.onClose(() => resolveClosed());
    connection.onExit(() => {
      open = false;
      resolveClosed();
    });
  });
  connection.listen();
  return { connection, closed };
}

export type FeatureContext = {
  readonly workspace: Workspace;
  readonly uris: UriMap;
  readonly client: () => ClientCapabilities;
};
