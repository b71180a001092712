/** Positions and doc comments of AST nodes, as the IR keeps them. */
import type { SourceLoc } from "../../diagnostics/diagnostic.js";
import { placeOf, type AstLoc, type AstNode } from "../clang.js";

export function locOf(loc: AstLoc | undefined): SourceLoc | undefined {
  const p = placeOf(loc);
  if (!p) return undefined;
  const line = p.line - 1;
  const character = p.col - 1;
  return {
    file: p.file,
    range: { start: { line, character }, end: { line, character: character + p.len } },
  };
}

/** The text of the doc comment clang attached to a declaration, if any. */
export function docOf(node: AstNode): string | undefined {
  const comment = node.inner?.find((n) => n.kind === "FullComment");
  if (!comment) return undefined;
  const texts: string[] = [];
  const walk = (n: AstNode) => {
    if (n.kind === "TextComment" && typeof n.text === "string") texts.push(n.text.trim());
    n.inner?.forEach(walk);
  };
  walk(comment);
  const doc = texts.filter(Boolean).join(" ").replace(/\s+/g, " ").trim();
  return doc || undefined;
}
