/**
 * Builds text edits against definitions files from IR source positions. The IR records where
 * each field's name is; the fixer finds the property assignment there in the parsed source
 * and edits around it. Edits are left unformatted: `--fix` runs prettier over the result,
 * and an editor formats on its own. Items that did not come from a definitions module (an
 * imported C header) have no source file here, so their fixes are simply not offered.
 */
import { ts } from "ts-morph";
import type { Position, Range, SourceLoc } from "../diagnostics/diagnostic.js";
import type { Field, StructItem } from "../model/ir.js";
import type { TextEdit } from "./types.js";

export type SourceFileOf = (file: string) => ts.SourceFile | undefined;

export class Fixer {
  constructor(private readonly sourceFile: SourceFileOf) {}

  /** Inserts a field declaration (`name: { ... }`) right after `after`. */
  insertFieldAfter(after: Field, text: string): TextEdit | undefined {
    const prop = this.property(after.loc);
    if (!prop) return undefined;
    return this.insertAt(prop.sf, prop.node.getEnd(), `,\n${text}`);
  }

  /** Inserts a field declaration after the struct's last field. */
  appendField(struct: StructItem, text: string): TextEdit | undefined {
    const last = struct.fields.at(-1);
    return last ? this.insertFieldAfter(last, text) : undefined;
  }

  /** Replaces the value of the field's `key` property (e.g. its `type`). */
  replaceFieldProperty(field: Field, key: string, valueText: string): TextEdit | undefined {
    const prop = this.property(field.loc);
    if (!prop || !ts.isObjectLiteralExpression(prop.node.initializer)) return undefined;
    const inner = prop.node.initializer.properties.find(
      (p): p is ts.PropertyAssignment =>
        ts.isPropertyAssignment(p) && p.name.getText(prop.sf) === key,
    );
    if (!inner) return undefined;
    return this.replace(
      prop.sf,
      inner.initializer.getStart(prop.sf),
      inner.initializer.getEnd(),
      valueText,
    );
  }

  /** Adds `key: value` as the first property of the field's object literal. */
  addFieldProperty(field: Field, key: string, valueText: string): TextEdit | undefined {
    const prop = this.property(field.loc);
    if (!prop || !ts.isObjectLiteralExpression(prop.node.initializer)) return undefined;
    const open = prop.node.initializer.getStart(prop.sf) + 1;
    return this.insertAt(prop.sf, open, ` ${key}: ${valueText},`);
  }

  /**
   * Inserts an explicit must-be-zero padding field of `size` bytes after `after` (or at the
   * end). Sizes other than 1, 2 and 4 become a `__u8` array, importing `array` if needed.
   */
  insertPadding(
    struct: StructItem,
    after: Field | undefined,
    size: number,
  ): TextEdit[] | undefined {
    const name = Fixer.freshName(struct);
    const anchor = after ?? struct.fields.at(-1);
    const edit = anchor && this.insertFieldAfter(anchor, paddingFieldText(name, size));
    if (!edit) return undefined;
    if ([1, 2, 4].includes(size)) return [edit];
    const imp = this.ensureDslImport(edit.file, "array");
    return imp === undefined ? undefined : imp ? [imp, edit] : [edit];
  }

  /** An edit that imports `name` from uapi-gen/dsl; null when already imported. */
  ensureDslImport(file: string, name: string): TextEdit | null | undefined {
    const sf = this.sourceFile(file);
    if (!sf) return undefined;
    for (const stmt of sf.statements) {
      if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      if (!/(^uapi-gen\/dsl$)|(src\/dsl(\/index(\.[jt]s)?)?$)/.test(stmt.moduleSpecifier.text))
        continue;
      const named = stmt.importClause?.namedBindings;
      if (!named || !ts.isNamedImports(named)) continue;
      if (named.elements.some((e) => e.name.text === name)) return null;
      const last = named.elements.at(-1);
      if (!last) return undefined;
      return this.insertAt(sf, last.getEnd(), `, ${name}`);
    }
    return undefined;
  }

  /** A fresh field name that does not clash: `__reserved`, then `__reserved2`, ... */
  static freshName(struct: StructItem, base = "__reserved"): string {
    // Once per struct: a struct with a hole before each of its fields asks once per hole.
    let taken = TAKEN.get(struct);
    if (!taken) {
      taken = new Set<string>();
      addNames(struct.fields, taken);
      TAKEN.set(struct, taken);
    }
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
  }

  private property(
    loc: SourceLoc | undefined,
  ): { sf: ts.SourceFile; node: ts.PropertyAssignment } | undefined {
    if (!loc) return undefined;
    const sf = this.sourceFile(loc.file);
    if (!sf) return undefined;
    const pos = sf.getPositionOfLineAndCharacter(loc.range.start.line, loc.range.start.character);
    let found: ts.PropertyAssignment | undefined;
    // Only nodes that span `pos` are entered, and the walk stops at the first match.
    const visit = (node: ts.Node): true | undefined => {
      if (pos < node.getFullStart() || pos > node.getEnd()) return undefined;
      if (
        ts.isPropertyAssignment(node) &&
        node.name.pos <= pos &&
        pos < node.name.end &&
        node.name.getStart(sf) === pos
      ) {
        found = node;
        return true;
      }
      // A big literal (a struct's thousands of fields): find the one property spanning `pos`
      // by bisection instead of trying each in turn.
      if (ts.isObjectLiteralExpression(node) && node.properties.length > 16) {
        const child = spanning(node.properties, pos);
        return child ? visit(child) : undefined;
      }
      return ts.forEachChild(node, visit);
    };
    // The statements are in order: start at the first that ends at or after `pos`.
    const statements = sf.statements;
    let lo = 0;
    let hi = statements.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (statements[mid]!.getEnd() < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < statements.length && statements[i]!.getFullStart() <= pos; i++)
      if (visit(statements[i]!)) break;
    return found ? { sf, node: found } : undefined;
  }

  private insertAt(sf: ts.SourceFile, offset: number, text: string): TextEdit {
    return this.replace(sf, offset, offset, text);
  }

  private replace(sf: ts.SourceFile, start: number, end: number, text: string): TextEdit {
    const range: Range = { start: pos(sf, start), end: pos(sf, end) };
    return { file: sf.fileName, range, newText: text };
  }
}

/** The field names of each struct, for fresh names (the IR is frozen: the sets stay right). */
const TAKEN = new WeakMap<StructItem, Set<string>>();

/** The element of a position-ordered list whose full span holds `pos`, if any. */
function spanning<T extends ts.Node>(list: readonly T[], pos: number): T | undefined {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = list[mid]!;
    if (pos < n.getFullStart()) hi = mid - 1;
    else if (pos > n.getEnd()) lo = mid + 1;
    else return n;
  }
  return undefined;
}

function pos(sf: ts.SourceFile, offset: number): Position {
  return sf.getLineAndCharacterOfPosition(offset);
}

/** Every field name, anonymous-union members included. */
function addNames(fields: readonly Field[], into: Set<string>): void {
  for (const f of fields) {
    into.add(f.name);
    if (f.type.kind === "anonUnion") addNames(f.type.members, into);
  }
}

/** The DSL text of a reserved padding field of `size` bytes. */
export function paddingFieldText(name: string, size: number): string {
  const type =
    size === 4
      ? `"__u32"`
      : size === 2
        ? `"__u16"`
        : size === 1
          ? `"__u8"`
          : `array("__u8", ${size})`;
  return `${name}: { type: ${type}, reserved: true, doc: "Must be 0." }`;
}
