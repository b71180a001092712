// The framed reader on its own, over an in-memory stream: messages split anywhere, a
// Content-Length that promises more than follows, bodies over the limit, and parameters
// that do not fit the method.
import { PassThrough } from "node:stream";
import type { Message } from "vscode-languageserver/node";
import { describe, expect, it } from "vitest";
import { ByteQueue } from "../../src/lsp/transport/byte-queue.js";
import { FramedMessageReader, type MalformedInput } from "../../src/lsp/transport/framed-reader.js";

const frame = (m: unknown) => {
  const body = JSON.stringify(m);
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
};

function reader(maxMessageBytes = 1024 * 1024) {
  const input = new PassThrough();
  const r = new FramedMessageReader(input, { maxMessageBytes });
  const messages: Message[] = [];
  const malformed: MalformedInput[] = [];
  r.listen((m) => messages.push(m));
  r.onMalformed((m) => malformed.push(m));
  const send = (b: Buffer | string) => input.write(b);
  return { messages, malformed, send };
}

const hover = (id: number) => ({
  jsonrpc: "2.0",
  id,
  method: "textDocument/hover",
  params: { textDocument: { uri: "file:///x.ts" }, position: { line: 1, character: 2 } },
});

describe("framed reader", () => {
  it("reads messages however the bytes are split, one byte at a time included", () => {
    const { messages, malformed, send } = reader();
    const text = "Content-Length: 5\r\n\r\n{} and \\r\\n inside a string";
    const open = {
      jsonrpc: "2.0",
      method: "textDocument/didOpen",
      params: { textDocument: { uri: "file:///a.ts", languageId: "ts", version: 1, text } },
    };
    const bytes = Buffer.concat([frame(open), frame(hover(1)), frame(hover(2))]);
    for (let i = 0; i < bytes.length; i++) send(bytes.subarray(i, i + 1));
    expect(malformed).toEqual([]);
    expect(messages).toEqual([open, hover(1), hover(2)]);
  });

  it("resumes at the next header when a body is shorter than its Content-Length", () => {
    const { messages, malformed, send } = reader(100 * 1024 * 1024);
    send('Content-Length: 60000000\r\n\r\n{"jsonrpc":"2.0"}');
    send(frame(hover(7)));
    expect(messages).toEqual([hover(7)]);
    expect(malformed[0]!.reason).toMatch(/shorter than its Content-Length/);
  });

  it("stops skipping an over-long body at the next header", () => {
    const { messages, malformed, send } = reader(1000);
    send("Content-Length: 900000000\r\n\r\n{}");
    send(frame(hover(8)));
    expect(messages).toEqual([hover(8)]);
    expect(malformed.map((m) => m.reason)).toEqual([
      "message of 900000000 bytes is over the limit of 1000",
      expect.stringMatching(/shorter than its Content-Length/),
    ]);
  });

  it("drops messages whose parameters do not fit, naming the request to answer", () => {
    const { messages, malformed, send } = reader();
    send(
      frame({
        jsonrpc: "2.0",
        method: "textDocument/didOpen",
        params: { textDocument: { uri: "file:///a.ts", languageId: "ts", version: 1, text: null } },
      }),
    );
    send(frame({ jsonrpc: "2.0", id: 3, method: "textDocument/hover", params: { position: 1 } }));
    send(frame({ jsonrpc: "2.0", method: "textDocument/didChange", params: null }));
    send(frame(hover(4)));
    expect(messages).toEqual([hover(4)]);
    expect(malformed).toEqual([
      { reason: "invalid parameters for textDocument/didOpen", parseError: false },
      {
        reason: "invalid parameters for textDocument/hover",
        parseError: false,
        invalidRequest: { id: 3 },
      },
      { reason: "invalid parameters for textDocument/didChange", parseError: false },
    ]);
  });
});

describe("byte queue", () => {
  it("peeks, takes and drops across chunks from either end", () => {
    const q = new ByteQueue();
    for (const s of ["ab", "cde", "", "f", "ghij"]) q.push(Buffer.from(s));
    expect(q.length).toBe(10);
    expect(q.peek(1, 4).toString()).toBe("bcd");
    expect(q.peek(7, 10).toString()).toBe("hij");
    q.drop(3);
    expect(q.peek(0, 2).toString()).toBe("de");
    expect(q.take(4).toString()).toBe("defg");
    expect(q.length).toBe(3);
    expect(q.take(10).toString()).toBe("hij");
    expect(q.length).toBe(0);
  });
});
