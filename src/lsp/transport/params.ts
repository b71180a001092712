/**
 * The shapes of the protocol parameters the server reads, checked before a handler sees
 * them. A message is JSON from another process: `didOpen` with `text: null`, a position
 * without `line`, a change list that is not a list. A notification that does not fit is
 * dropped with a line in the client's log; a request gets an InvalidParams error. Either
 * way no handler runs on it, so nothing throws.
 */
type Check = (v: unknown) => boolean;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const str: Check = (v) => typeof v === "string";
const int: Check = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0;
const optional =
  (c: Check): Check =>
  (v) =>
    v === undefined || v === null || c(v);
const listOf =
  (c: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(c);
const shape =
  (fields: Readonly<Record<string, Check>>): Check =>
  (v) =>
    isObject(v) && Object.entries(fields).every(([k, c]) => c(v[k]));

const position = shape({ line: int, character: int });
const range = shape({ start: position, end: position });
const documentId = shape({ uri: str });
const versionedId = shape({ uri: str, version: optional(int) });
/** A whole new text, or a range and its replacement (a null range would crash the update). */
const change: Check = (v) =>
  isObject(v) && str(v.text) && (v.range === undefined || range(v.range));

/** One check per method the server handles. */
export const PARAMS: Readonly<Record<string, Check>> = {
  initialize: shape({
    capabilities: optional(isObject),
    rootUri: optional(str),
    rootPath: optional(str),
    workspaceFolders: optional(listOf(shape({ uri: str }))),
  }),
  "textDocument/didOpen": shape({
    textDocument: shape({ uri: str, languageId: optional(str), version: int, text: str }),
  }),
  "textDocument/didChange": shape({ textDocument: versionedId, contentChanges: listOf(change) }),
  "textDocument/didClose": shape({ textDocument: documentId }),
  "textDocument/didSave": shape({ textDocument: documentId }),
  "workspace/didChangeConfiguration": isObject,
  "workspace/didChangeWatchedFiles": shape({
    changes: listOf(shape({ uri: str, type: int })),
  }),
  "workspace/didChangeWorkspaceFolders": shape({
    event: shape({
      added: listOf(shape({ uri: str })),
      removed: listOf(shape({ uri: str })),
    }),
  }),
  "textDocument/hover": shape({ textDocument: documentId, position }),
  "textDocument/definition": shape({ textDocument: documentId, position }),
  "textDocument/references": shape({ textDocument: documentId, position }),
  "textDocument/documentSymbol": shape({ textDocument: documentId }),
  "textDocument/codeAction": shape({ textDocument: documentId, range, context: isObject }),
};

/** Why the parameters of `method` do not fit, or undefined when they do (or are not checked). */
export function paramsProblem(method: string, params: unknown): string | undefined {
  const check = PARAMS[method];
  if (!check || check(params)) return undefined;
  return `invalid parameters for ${method}`;
}
