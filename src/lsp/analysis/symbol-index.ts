/**
 * Every place a definitions module declares or names a symbol, read from its syntax tree:
 * the index behind go to definition, find references and document symbols.
 *
 * Symbols have keys, since C has one namespace per kind and the loader rejects duplicates:
 *   item:NAME          a struct, enum, flag set, constant, ioctl, command set (the const)
 *   value:NAME         an enum member or a flag bit (`nr: "IOMMUFD_CMD_X"` names one)
 *   field:ITEM.NAME    a field of a struct (anonymous-union members are fields of the struct)
 *   command:ITEM.NAME  a command of a command set (and `command:ITEM.CMD.FIELD` its fields)
 * Which property of which builder declares or names what is the table ROLES, so a new
 * builder property is one line there.
 */
import { ts } from "ts-morph";
import { DSL_FUNCTIONS } from "../../dsl/index.js";
import { isDslSpecifier } from "../../load/evaluate.js";
import type { Range } from "../../diagnostics/diagnostic.js";

export type DeclKind = "item" | "field" | "value" | "command";

export interface Occurrence {
  readonly key: string;
  /** The name itself (selection range). */
  readonly range: Range;
  readonly decl: boolean;
  /** For declarations: the whole declaration, the key of the enclosing one, the builder. */
  readonly fullRange?: Range;
  readonly parent?: string;
  readonly builder?: string;
  readonly declKind?: DeclKind;
}

type Role = { readonly decl: Exclude<DeclKind, "item"> } | { readonly ref: "field" | "value" };

/**
 * Per builder: a property path (`*` is any property name, array elements are transparent)
 * to what the property's name declares (`names`) or what its string value names (`strings`).
 */
const ROLES: Readonly<
  Record<string, { names?: Record<string, Role>; strings?: Record<string, Role> }>
> = {
  struct: {
    names: { "fields.*": { decl: "field" }, "arrays.entries.*": { ref: "value" } },
    strings: {
      "extensible.size": { ref: "field" },
      "extensible.lastMandatory": { ref: "field" },
      "arrays.pointer": { ref: "field" },
      "arrays.entryLen": { ref: "field" },
      "arrays.count": { ref: "field" },
      "arrays.selector": { ref: "field" },
    },
  },
  union: { names: { "fields.*": { decl: "field" } } },
  anonymousUnion: { names: { "members.*": { decl: "field" } } },
  enumeration: { names: { "members.*": { decl: "value" } } },
  flagSet: { names: { "bits.*": { decl: "value" } } },
  ioctl: { strings: { nr: { ref: "value" } } },
  commandSet: {
    names: { "commands.*": { decl: "command" }, "commands.*.fields.*": { decl: "command" } },
  },
};

interface Ctx {
  readonly item: string;
  readonly builder: string;
  readonly path: readonly string[];
  readonly parent: string;
}

export function indexSymbols(sf: ts.SourceFile): Occurrence[] {
  const out: Occurrence[] = [];
  const range = (node: ts.Node): Range => ({
    start: sf.getLineAndCharacterOfPosition(node.getStart(sf)),
    end: sf.getLineAndCharacterOfPosition(node.getEnd()),
  });
  /** Local name of each uapi-gen/dsl builder import: `struct` or an alias of it. */
  const dslLocals = new Map<string, string>();
  const namespaces = new Set<string>();

  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const bindings = stmt.importClause?.namedBindings;
      const dsl = isDslSpecifier(stmt.moduleSpecifier.text);
      if (bindings && ts.isNamespaceImport(bindings) && dsl) namespaces.add(bindings.name.text);
      if (!bindings || !ts.isNamedImports(bindings)) continue;
      for (const el of bindings.elements) {
        const imported = el.propertyName ?? el.name;
        if (dsl) dslLocals.set(el.name.text, imported.text);
        else out.push({ key: `item:${imported.text}`, range: range(imported), decl: false });
      }
    }
  }

  const builderOf = (call: ts.CallExpression): string | undefined => {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) return dslLocals.get(callee.text);
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      namespaces.has(callee.expression.text)
    ) {
      return Object.hasOwn(DSL_FUNCTIONS, callee.name.text) ? callee.name.text : undefined;
    }
    return undefined;
  };

  const roleAt = (ctx: Ctx, kind: "names" | "strings"): Role | undefined => {
    const table = ROLES[ctx.builder]?.[kind];
    if (!table) return undefined;
    for (const [pattern, role] of Object.entries(table)) {
      const parts = pattern.split(".");
      if (parts.length === ctx.path.length && parts.every((p, i) => p === "*" || p === ctx.path[i]))
        return role;
    }
    return undefined;
  };

  const keyOf = (role: Role, ctx: Ctx, name: string): string => {
    const kind = "decl" in role ? role.decl : role.ref;
    if (kind === "value") return `value:${name}`;
    if (kind === "command")
      return `command:${[ctx.item, ...ctx.path.filter((_, i) => i % 2 === 1 && i < ctx.path.length - 1), name].join(".")}`;
    return `field:${ctx.item}.${name}`;
  };

  const walk = (node: ts.Node, ctx: Ctx): void => {
    if (ts.isCallExpression(node)) {
      const builder = builderOf(node);
      if (builder) {
        // A nested builder (anonymousUnion, array, bits) starts its own property paths.
        for (const arg of node.arguments) walk(arg, { ...ctx, builder, path: [] });
        return;
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      for (const prop of node.properties) walkProperty(prop, ctx);
      return;
    }
    if (ts.isIdentifier(node)) {
      if (!dslLocals.has(node.text) && !namespaces.has(node.text) && node.text !== "undefined") {
        out.push({ key: `item:${node.text}`, range: range(node), decl: false });
      }
      return;
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && ctx.path.length) {
      const role = roleAt(ctx, "strings");
      if (role)
        out.push({ key: keyOf(role, ctx, node.text), range: inner(range(node)), decl: false });
      return;
    }
    if (ts.isPropertyAccessExpression(node)) return walk(node.expression, ctx);
    ts.forEachChild(node, (child) => walk(child, ctx));
  };

  const walkProperty = (prop: ts.ObjectLiteralElementLike, ctx: Ctx): void => {
    if (ts.isSpreadAssignment(prop)) return walk(prop.expression, ctx);
    if (ts.isShorthandPropertyAssignment(prop)) {
      // `{ SSEC, SID }`: a reference to the constant first (what navigation wants), then,
      // if the property declares something (a command field), the declaration.
      walk(prop.name, ctx);
      const here: Ctx = { ...ctx, path: [...ctx.path, prop.name.text] };
      const role = roleAt(here, "names");
      if (role && "decl" in role) {
        out.push({
          key: keyOf(role, here, prop.name.text),
          range: range(prop.name),
          decl: true,
          fullRange: range(prop),
          parent: ctx.parent,
          builder: ctx.builder,
          declKind: role.decl,
        });
      }
      return;
    }
    if (!ts.isPropertyAssignment(prop)) return;
    const name =
      ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name) || ts.isNumericLiteral(prop.name)
        ? prop.name.text
        : undefined;
    if (name === undefined) return walk(prop.initializer, ctx);
    const here: Ctx = { ...ctx, path: [...ctx.path, name] };
    const role = roleAt(here, "names");
    let parent = ctx.parent;
    if (role) {
      const key = keyOf(role, here, name);
      const nameRange = ts.isStringLiteral(prop.name) ? inner(range(prop.name)) : range(prop.name);
      if ("decl" in role) {
        out.push({
          key,
          range: nameRange,
          decl: true,
          fullRange: range(prop),
          parent: ctx.parent,
          builder: ctx.builder,
          declKind: role.decl,
        });
        parent = key;
      } else {
        out.push({ key, range: nameRange, decl: false });
      }
    }
    walk(prop.initializer, { ...here, parent });
  };

  for (const stmt of sf.statements) {
    if (!ts.isVariableStatement(stmt)) continue;
    for (const decl of stmt.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !decl.initializer) continue;
      const item = decl.name.text;
      const call = decl.initializer;
      const builder = ts.isCallExpression(call) ? builderOf(call) : undefined;
      const key = `item:${item}`;
      out.push({
        key,
        range: range(decl.name),
        decl: true,
        fullRange: range(stmt),
        builder: builder ?? "",
        declKind: "item",
      });
      walk(call, { item, builder: builder ?? "", path: [], parent: key });
    }
  }
  return out;
}

/** The text of a string literal without its quotes. */
function inner(r: Range): Range {
  return {
    start: { line: r.start.line, character: r.start.character + 1 },
    end: { line: r.end.line, character: Math.max(r.start.character + 1, r.end.character - 1) },
  };
}

/** The occurrences whose name covers the position, references first (see shorthands). */
export function occurrencesAt(
  list: readonly Occurrence[],
  line: number,
  character: number,
): Occurrence[] {
  return list.filter(
    (o) =>
      (o.range.start.line < line ||
        (o.range.start.line === line && o.range.start.character <= character)) &&
      (o.range.end.line > line ||
        (o.range.end.line === line && o.range.end.character >= character)),
  );
}

export function occurrenceAt(
  list: readonly Occurrence[],
  line: number,
  character: number,
): Occurrence | undefined {
  return occurrencesAt(list, line, character)[0];
}
