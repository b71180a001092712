/**
 * Document symbols: the module's items, each with its fields, members, bits or commands as
 * children (anonymous-union members under their union), from the symbol index, so they are
 * there even when the module does not load.
 */
import {
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
} from "vscode-languageserver/node";
import type { Occurrence } from "../analysis/symbol-index.js";
import type { FeatureContext } from "../server.js";
import { analysisOf } from "./resolve.js";

/** The symbol kind of an item, by the builder that makes it. */
const ITEM_KIND: Readonly<Record<string, SymbolKind>> = {
  struct: SymbolKind.Struct,
  union: SymbolKind.Struct,
  enumeration: SymbolKind.Enum,
  flagSet: SymbolKind.Enum,
  constant: SymbolKind.Constant,
  ioctl: SymbolKind.Function,
  commandSet: SymbolKind.Namespace,
  header: SymbolKind.Module,
};

const MEMBER_KIND: Readonly<Record<string, SymbolKind>> = {
  field: SymbolKind.Field,
  value: SymbolKind.EnumMember,
  command: SymbolKind.Method,
};

export function documentSymbols(
  ctx: FeatureContext,
  params: DocumentSymbolParams,
): DocumentSymbol[] | null {
  const analysis = analysisOf(ctx, params.textDocument.uri);
  if (!analysis) return null;
  const decls = analysis.occurrences.filter(
    (o): o is Occurrence & { fullRange: NonNullable<Occurrence["fullRange"]> } =>
      o.decl && !!o.fullRange,
  );
  const nodes = new Map<string, DocumentSymbol>();
  const roots: DocumentSymbol[] = [];
  for (const o of decls) {
    const bare = o.key.slice(o.key.indexOf(":") + 1);
    const name =
      o.declKind === "item" || o.declKind === "value"
        ? bare
        : bare.slice(bare.lastIndexOf(".") + 1);
    const kind =
      o.declKind === "item"
        ? (ITEM_KIND[o.builder ?? ""] ?? SymbolKind.Variable)
        : o.declKind === "command" && o.key.split(".").length > 2
          ? SymbolKind.Field
          : (MEMBER_KIND[o.declKind ?? ""] ?? SymbolKind.Field);
    const symbol: DocumentSymbol = {
      name,
      kind,
      range: o.fullRange,
      selectionRange: o.range,
      children: [],
      ...(o.declKind === "item" && o.builder ? { detail: o.builder } : {}),
    };
    nodes.set(o.key, symbol);
    const parent = o.parent ? nodes.get(o.parent) : undefined;
    if (parent) parent.children!.push(symbol);
    else roots.push(symbol);
  }
  return roots;
}
