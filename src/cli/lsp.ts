/**
 * `uapi-gen lsp [--stdio]`: the language server over standard input and output. Nothing
 * else may write to stdout (it carries the protocol), so logging goes to the client's log
 * and, for crashes the server survives, to stderr.
 */
import { startServer } from "../lsp/server.js";
import { defineCommand } from "./command.js";
import { EXIT } from "./usage.js";

const DESCRIPTION = `usage: $0 lsp [--stdio]

Runs the uapi-gen language server (Language Server Protocol 3.17) over stdin/stdout:
lint diagnostics as you type for definitions modules and C uAPI headers (compatibility too,
with uapiGen.against), hover with per-ABI layouts, go to definition, find references,
document symbols and quick fixes. See docs/lsp.md for editor set-up and the uapiGen.*
settings.`;

export const command = defineCommand({
  builder: (y) =>
    y
      .usage(DESCRIPTION)
      .option("stdio", {
        describe: "talk over stdin/stdout (the default and only transport)",
        type: "boolean",
        default: true,
      })
      .option("clientProcessId", {
        describe: "accepted for editors that pass it; the server exits when stdin closes",
        type: "string",
      }),
  run: () => serve(),
});

async function serve(): Promise<number> {
  // A bug in one handler must not take the editor's server down with it. After the client
  // has gone, vscode-jsonrpc's own logging fails with "Connection is closed": expected, quiet.
  const report = (what: string) => (e: unknown) => {
    const message = (e as Error)?.message ?? String(e);
    if (/^Connection is (closed|disposed)/.test(message)) return;
    const detail = process.env.UAPI_GEN_DEBUG ? ((e as Error)?.stack ?? message) : message;
    process.stderr.write(`uapi-gen lsp: ${what}: ${detail}\n`);
  };
  process.on("uncaughtException", report("uncaught"));
  process.on("unhandledRejection", report("unhandled rejection"));
  const server = startServer(process.stdin, process.stdout);
  await server.closed;
  return EXIT.ok;
}
