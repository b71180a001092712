/**
 * Language-server sessions: initialize (sometimes with broken parameters), open a
 * definitions module, then a random run of edits (whole texts and ranges, in and out of the
 * document), requests at any position, saves, closes, configuration and file-change
 * notifications, unknown methods, parameters of the wrong shape, bytes that are no message,
 * invalid JSON, Content-Lengths that lie, and now and then a large message.
 */
import type { Rng } from "../lib/rng.js";
import type { FuzzCase } from "../lib/types.js";
import type { FamilyMaker } from "./family.js";
import { mutateText, tokenize } from "./mutate-text.js";
import { definitionSeeds, type TextSeed } from "./seeds.js";

let seeds: TextSeed[] = [];

const msg = (m: object) => `MSG:${JSON.stringify({ jsonrpc: "2.0", ...m })}`;
const raw = (text: string) => `RAW:${text}`;

function position(rng: Rng): unknown {
  if (rng.chance(0.05)) return rng.pick([null, {}, { line: -1, character: 0 }, "0:0"]);
  return { line: rng.pick([0, 1, 5, 20, 100, 10_000]) + rng.int(50), character: rng.int(120) };
}

function range(rng: Rng): unknown {
  return rng.chance(0.05) ? rng.pick([null, 7]) : { start: position(rng), end: position(rng) };
}

function action(rng: Rng, uri: string, text: () => string, id: () => number): string {
  const doc = { uri };
  const params = (good: object) =>
    rng.chance(0.05) ? rng.pick([null, 1, "x", [], { textDocument: 3 }]) : good;
  switch (rng.int(16)) {
    case 0:
    case 1:
      return msg({
        method: "textDocument/didChange",
        params: params({
          textDocument: { uri, version: id() },
          contentChanges: [{ text: text() }],
        }),
      });
    case 2:
    case 3: {
      const piece = tokenize(text())
        .slice(0, rng.int(12))
        .map((t) => t.text)
        .join("");
      return msg({
        method: "textDocument/didChange",
        params: params({
          textDocument: { uri, version: id() },
          contentChanges: [{ range: range(rng), text: piece }],
        }),
      });
    }
    case 4:
      return msg({
        id: id(),
        method: "textDocument/hover",
        params: params({ textDocument: doc, position: position(rng) }),
      });
    case 5:
      return msg({
        id: id(),
        method: rng.pick(["textDocument/definition", "textDocument/references"]),
        params: params({
          textDocument: doc,
          position: position(rng),
          context: { includeDeclaration: true },
        }),
      });
    case 6:
      return msg({
        id: id(),
        method: "textDocument/documentSymbol",
        params: params({ textDocument: doc }),
      });
    case 7:
      return msg({
        id: id(),
        method: "textDocument/codeAction",
        params: params({ textDocument: doc, range: range(rng), context: { diagnostics: [] } }),
      });
    case 8:
      return msg({
        method: rng.pick(["textDocument/didSave", "textDocument/didClose"]),
        params: params({ textDocument: doc }),
      });
    case 9:
      return msg({
        method: "textDocument/didOpen",
        params: params({
          textDocument: {
            uri,
            languageId: "typescript",
            version: id(),
            text: rng.chance(0.1) ? null : text(),
          },
        }),
      });
    case 10:
      return msg({
        method: "workspace/didChangeConfiguration",
        params: params({
          settings: {
            uapiGen: rng.pick([
              null,
              {},
              { against: "HEAD" },
              { maxFileBytes: -1 },
              { definitions: 5 },
              { preset: "strict" },
            ]),
          },
        }),
      });
    case 11:
      return msg({
        method: "workspace/didChangeWatchedFiles",
        params: params({ changes: [{ uri, type: rng.pick([1, 2, 3, 9]) }] }),
      });
    case 12:
      return msg({
        id: rng.chance(0.5) ? id() : undefined,
        method: rng.pick(["uapiGen/nothing", "$/cancelRequest", "textDocument/completion"]),
        params: { id: 1 },
      });
    case 13:
      return raw(
        rng.pick([
          "garbage\r\n\r\n",
          "Content-Length: 5\r\n\r\n{bad}",
          "Content-Length: x\r\n\r\n",
          "\r\n\r\n\r\n",
          "Content-Length: 9999999\r\n\r\n{}",
          "Content-Length: 99999999999999999999\r\n\r\n",
        ]),
      );
    case 14:
      return `MSG:{"jsonrpc":"2.0","id":${id()},"method":"textDocument/hover","params":{"textDocument":{"uri":"${uri}"},"position":{"line":${"9".repeat(rng.pick([3, 30]))},"character":0}}}`;
    default:
      return rng.chance(0.1)
        ? msg({
            method: "textDocument/didChange",
            params: {
              textDocument: { uri, version: id() },
              contentChanges: [{ text: `// ${"x".repeat(2_000_000)}\n${text()}` }],
            },
          })
        : msg({
            method: "textDocument/didChange",
            params: { textDocument: { uri, version: id() }, contentChanges: [] },
          });
  }
}

export const lspFamily: FamilyMaker = {
  name: "lsp",
  load() {
    seeds = definitionSeeds().filter(
      (s) => s.name.startsWith("uapi-defs/") || s.name.includes("fixtures"),
    );
    return seeds.length > 0;
  },
  make(rng, i): FuzzCase {
    const seed = rng.pick(seeds);
    const uri = `file://$ROOT$/${seed.file}`;
    let next = 1;
    const id = () => next++;
    const text = () =>
      rng.chance(0.5)
        ? seed.text
        : mutateText(rng, seed.text, rng.pick(seeds).text, rng.between(1, 3));
    const init = rng.chance(0.1)
      ? rng.pick([
          null,
          {},
          { capabilities: 5 },
          { rootUri: 7, capabilities: {} },
          { workspaceFolders: [{}], capabilities: {} },
        ])
      : {
          processId: null,
          rootUri: "file://$ROOT$",
          workspaceFolders: [{ uri: "file://$ROOT$", name: "ws" }],
          capabilities: rng.pick([
            {},
            { workspace: { configuration: false } },
            { textDocument: { publishDiagnostics: { relatedInformation: true } } },
          ]),
        };
    const session = [
      msg({ id: id(), method: "initialize", params: init }),
      msg({ method: "initialized", params: {} }),
      msg({
        method: "textDocument/didOpen",
        params: { textDocument: { uri, languageId: "typescript", version: id(), text: text() } },
      }),
      ...Array.from({ length: rng.between(3, 30) }, () => action(rng, uri, text, id)),
    ];
    return {
      family: "lsp",
      id: `lsp-${i}`,
      files: { ...seed.siblings, [seed.file]: seed.text },
      main: seed.file,
      session,
    };
  },
  pieces: (c) => [...(c.session ?? [])],
  rebuild: (c, pieces) => ({ ...c, session: [...pieces] }),
  reproduce: () => "node fuzz/replay.ts .  (sends session.txt to `uapi-gen lsp` in this folder)",
};
