/**
 * Runs one language-server session in the worker: the server of `uapi-gen lsp` on in-memory
 * streams, fed the case's chunks (framed messages, with the case's folder put in for
 * `$ROOT$`, and raw bytes), then asked one more question. The session has a problem when
 * that question goes unanswered, when a handler fails, or when a file gets an lsp/internal
 * diagnostic.
 */
import { PassThrough } from "node:stream";
import { startServer } from "../../src/lsp/server.js";
import { exitCalls } from "../lib/exit-guard.js";
import type { FuzzCase } from "../lib/types.js";
import type { RunResult } from "./runners.js";

/** How long the final question may take (the case's own limit is the pool's). */
const ANSWER_MS = 8_000;
export const PROBE_ID = 990_001;

export function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Session chunks: `MSG:` a JSON message (framed when sent), `RAW:` bytes sent as they are. */
export function chunkBytes(chunk: string, root: string): string {
  if (chunk.startsWith("MSG:")) return frame(chunk.slice(4).replaceAll("$ROOT$", root));
  return chunk.slice(4);
}

interface Incoming {
  id?: number | string | null;
  method?: string;
  params?: { type?: number; message?: string; diagnostics?: { code?: string }[] };
  result?: unknown;
  error?: unknown;
}

/** Reads framed messages off the server's output. */
function messages(output: PassThrough, onMessage: (m: Incoming) => void): void {
  let buffer = Buffer.alloc(0);
  output.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString("latin1"));
      const length = Number(m?.[1] ?? 0);
      if (buffer.length < end + 4 + length) return;
      onMessage(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString("utf8")));
      buffer = buffer.subarray(end + 4 + length);
    }
  });
}

export async function runSession(c: FuzzCase, dir: string): Promise<RunResult> {
  const input = new PassThrough();
  const output = new PassThrough();
  const server = startServer(input, output);
  const problems: string[] = [];
  const answered = new Map<number | string, Incoming>();
  const waiting = new Map<number | string, () => void>();
  messages(output, (m) => {
    if (
      m.method === "window/logMessage" &&
      m.params?.type === 1 &&
      /failed/.test(m.params.message ?? "")
    )
      problems.push(`a handler failed: ${m.params.message!.split("\n")[0]}`);
    for (const d of m.method === "textDocument/publishDiagnostics"
      ? (m.params?.diagnostics ?? [])
      : [])
      if (d.code === "lsp/internal") problems.push(`lsp/internal diagnostic: ${JSON.stringify(d)}`);
    if (m.id !== undefined && m.id !== null && m.method === undefined) {
      answered.set(m.id, m);
      waiting.get(m.id)?.();
    }
  });
  const ask = (id: number, method: string, params: unknown) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ANSWER_MS);
      waiting.set(id, () => (clearTimeout(timer), resolve(true)));
      input.write(frame(JSON.stringify({ jsonrpc: "2.0", id, method, params })));
    });
  for (const chunk of c.session ?? []) {
    input.write(chunkBytes(chunk, dir));
    await new Promise((r) => setImmediate(r));
  }
  const uri = `file://${dir}/${c.main}`;
  if (!(await ask(PROBE_ID, "textDocument/documentSymbol", { textDocument: { uri } })))
    problems.push("the server left a request unanswered after the session");
  if (exitCalls.length) problems.push("the server called process.exit during the session");
  await ask(PROBE_ID + 1, "shutdown", null);
  // The server exits on `exit`, as it must: that one call is expected.
  const exitsExpected = exitCalls.length + 1;
  input.write(frame(JSON.stringify({ jsonrpc: "2.0", method: "exit" })));
  input.end();
  await Promise.race([server.closed, new Promise((r) => setTimeout(r, 2_000))]);
  return { runs: [], problems, exitsExpected };
}
