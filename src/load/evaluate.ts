/**
 * Evaluates a definitions module without running it. Only a declarative subset of TypeScript
 * is accepted: imports, `const` declarations, literals, arithmetic on numbers, object and array
 * literals (with spread), references to constants, and calls to the uapi-gen/dsl builders.
 * Anything else is a diagnostic at its exact position, never an exception.
 */
import { ts } from "ts-morph";
import { DSL_FUNCTIONS } from "../dsl/index.js";
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";
import { ARITHMETIC, BITWISE, UNARY } from "./operators.js";
import { toLoc, type SourceMap } from "./source-map.js";

export interface ModuleValues {
  readonly file: string;
  /** Top-level constants in declaration order, with their evaluated values. */
  readonly consts: readonly { name: string; loc: SourceLoc; value: unknown; exported: boolean }[];
}

/** Resolves `import { x } from "./other.js"` to the other module's constant. */
export type ImportResolver = (
  fromFile: string,
  specifier: string,
  name: string,
) => { value: unknown } | { error: string };

class EvalFailure extends Error {
  constructor(
    readonly node: ts.Node,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

const DSL_VALUES = new Set<unknown>(Object.values(DSL_FUNCTIONS));
const NOT_EVALUATED = Symbol("not evaluated");
const NO_SPREADS: readonly object[] = [];

export function isDslSpecifier(specifier: string): boolean {
  return specifier === "uapi-gen/dsl" || /(^|\/)src\/dsl(\/index(\.[jt]s)?)?$/.test(specifier);
}

export class ModuleEvaluator {
  private readonly bindings = new Map<string, () => unknown>();
  private readonly decls = new Map<
    string,
    { node: ts.VariableDeclaration; value: unknown; busy: boolean; exported: boolean }
  >();
  private readonly order: { name: string; node: ts.Identifier; exported: boolean }[] = [];

  /**
   * Declares every import and constant at once, so that another module importing from this
   * one can evaluate what it needs before this module's own `run`.
   */
  constructor(
    private readonly sf: ts.SourceFile,
    private readonly map: SourceMap,
    private readonly resolveImport: ImportResolver,
    private readonly diagnostics: Diagnostic[],
  ) {
    for (const stmt of this.sf.statements) this.declare(stmt, this.order);
  }

  run(): ModuleValues {
    const consts = [];
    for (const entry of this.order) {
      const value = this.valueOf(entry.name);
      if (value !== NOT_EVALUATED) {
        consts.push({
          name: entry.name,
          loc: toLoc(entry.node, this.sf),
          value,
          exported: entry.exported,
        });
      }
    }
    return { file: this.sf.fileName, consts };
  }

  /** The value of an exported constant, for another module's import. */
  exported(name: string): { value: unknown } | { error: string } {
    const decl = this.decls.get(name);
    if (!decl || !decl.exported) return { error: `${this.sf.fileName} exports no \`${name}\`` };
    const value = this.valueOf(name);
    if (value === NOT_EVALUATED)
      return { error: `\`${name}\` could not be evaluated (see the error in ${this.sf.fileName})` };
    return { value };
  }

  private report(node: ts.Node, message: string, hint?: string): void {
    this.diagnostics.push({
      severity: "error",
      code: "defs/unsupported",
      message,
      loc: toLoc(node, this.sf),
      ...(hint ? { hint } : {}),
    });
  }

  private declare(
    stmt: ts.Statement,
    order: { name: string; node: ts.Identifier; exported: boolean }[],
  ): void {
    if (ts.isImportDeclaration(stmt)) return this.declareImport(stmt);
    if (
      ts.isInterfaceDeclaration(stmt) ||
      ts.isTypeAliasDeclaration(stmt) ||
      ts.isEmptyStatement(stmt)
    )
      return;
    if (ts.isVariableStatement(stmt)) {
      if (!(stmt.declarationList.flags & ts.NodeFlags.Const)) {
        return this.report(
          stmt,
          "definitions are declared with `const`",
          "replace `let`/`var` with `const`",
        );
      }
      const exported = !!stmt.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      for (const decl of stmt.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name) || !decl.initializer) {
          this.report(
            decl,
            "declare one named constant with an initializer, e.g. `export const name = struct({...})`",
          );
          continue;
        }
        const name = decl.name.text;
        if (this.decls.has(name) || this.bindings.has(name)) {
          this.report(decl.name, `\`${name}\` is declared twice`);
          continue;
        }
        this.decls.set(name, { node: decl, value: NOT_EVALUATED, busy: false, exported });
        order.push({ name, node: decl.name, exported });
      }
      return;
    }
    this.report(
      stmt,
      `a definitions module holds only imports and \`const\` declarations, not ${describe(stmt)}`,
      "declare the item as `export const NAME = builder({...})` with a builder from uapi-gen/dsl",
    );
  }

  private declareImport(stmt: ts.ImportDeclaration): void {
    const clause = stmt.importClause;
    if (!clause || clause.isTypeOnly || !ts.isStringLiteral(stmt.moduleSpecifier)) return;
    const specifier = stmt.moduleSpecifier.text;
    const dsl = isDslSpecifier(specifier);
    if (clause.name)
      this.report(clause.name, "default imports are not supported; use named imports");
    const bindings = clause.namedBindings;
    if (!bindings) return;
    if (ts.isNamespaceImport(bindings)) {
      if (!dsl)
        return this.report(bindings, "namespace imports are supported only for uapi-gen/dsl");
      this.bindings.set(bindings.name.text, () => DSL_FUNCTIONS);
      return;
    }
    for (const el of bindings.elements) {
      if (el.isTypeOnly) continue;
      const imported = (el.propertyName ?? el.name).text;
      const local = el.name.text;
      if (dsl) {
        if (!Object.hasOwn(DSL_FUNCTIONS, imported)) {
          this.report(el, `uapi-gen/dsl has no builder \`${imported}\``);
          continue;
        }
        this.bindings.set(local, () => DSL_FUNCTIONS[imported as keyof typeof DSL_FUNCTIONS]);
        continue;
      }
      this.bindings.set(local, () => {
        const hit = this.resolveImport(this.sf.fileName, specifier, imported);
        if ("error" in hit) throw new EvalFailure(el, hit.error);
        return hit.value;
      });
    }
  }

  private valueOf(name: string): unknown {
    const decl = this.decls.get(name)!;
    if (decl.value !== NOT_EVALUATED) return decl.value;
    if (decl.busy) return NOT_EVALUATED;
    decl.busy = true;
    try {
      decl.value = this.evaluate(decl.node.initializer!);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      this.report(e.node, e.message, e.hint);
    }
    decl.busy = false;
    return decl.value;
  }

  private lookup(id: ts.Identifier): unknown {
    const name = id.text;
    if (name === "undefined") return undefined;
    const binding = this.bindings.get(name);
    if (binding) return binding();
    const decl = this.decls.get(name);
    if (!decl)
      throw new EvalFailure(
        id,
        `\`${name}\` is not defined in this module`,
        "import it or declare it above",
      );
    if (decl.busy) throw new EvalFailure(id, `\`${name}\` refers to itself`);
    const value = this.valueOf(name);
    if (value === NOT_EVALUATED)
      throw new EvalFailure(id, `\`${name}\` could not be evaluated (see the error there)`);
    return value;
  }

  private evaluate(node: ts.Expression): unknown {
    const value = this.evaluateNode(node);
    // Object literals and builder calls record their fresh value themselves.
    if (
      node.kind !== ts.SyntaxKind.ObjectLiteralExpression &&
      node.kind !== ts.SyntaxKind.CallExpression
    )
      this.map.record(value, node, this.sf);
    return value;
  }

  private evaluateNode(node: ts.Expression): unknown {
    if (
      ts.isParenthesizedExpression(node) ||
      ts.isAsExpression(node) ||
      ts.isSatisfiesExpression(node)
    ) {
      return this.evaluate(node.expression);
    }
    if (ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node))
      return this.evaluate(node.expression);
    if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ""));
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isTemplateExpression(node)) {
      return node.templateSpans.reduce(
        (acc, span) => acc + String(this.evaluate(span.expression)) + span.literal.text,
        node.head.text,
      );
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isIdentifier(node)) return this.lookup(node);
    if (ts.isPrefixUnaryExpression(node)) return this.unary(node);
    if (ts.isBinaryExpression(node)) return this.binary(node);
    if (ts.isObjectLiteralExpression(node)) return this.object(node);
    if (ts.isArrayLiteralExpression(node)) return this.array(node);
    if (ts.isPropertyAccessExpression(node)) return this.property(node);
    if (ts.isCallExpression(node)) return this.call(node);
    throw new EvalFailure(
      node,
      `${describe(node)} is not allowed in a definitions module`,
      "use literals, constants and the uapi-gen/dsl builders",
    );
  }

  private number(node: ts.Expression): number {
    const v = this.evaluate(node);
    if (typeof v !== "number") throw new EvalFailure(node, "expected a number here");
    return v;
  }

  private unary(node: ts.PrefixUnaryExpression): unknown {
    const op = UNARY.get(node.operator);
    if (!op) throw new EvalFailure(node, "this operator is not allowed in a definitions module");
    return op(this.number(node.operand));
  }

  private binary(node: ts.BinaryExpression): unknown {
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.PlusToken) {
      const [a, b] = [this.evaluate(node.left), this.evaluate(node.right)];
      if (typeof a === "string" || typeof b === "string") return String(a) + String(b);
      if (typeof a === "number" && typeof b === "number") return a + b;
      throw new EvalFailure(node, "`+` needs numbers or strings");
    }
    const arithmetic = ARITHMETIC.get(kind);
    if (arithmetic) return arithmetic(this.number(node.left), this.number(node.right));
    const bitwise = BITWISE.get(kind);
    if (!bitwise) {
      throw new EvalFailure(
        node.operatorToken,
        "this operator is not allowed in a definitions module",
      );
    }
    const [a, b] = [this.integer(node.left), this.integer(node.right)];
    const result = bitwise(a, b);
    if (!Number.isSafeInteger(result)) {
      throw new EvalFailure(
        node,
        "the result does not fit 53 bits; definitions hold integers up to 2^53",
      );
    }
    return result;
  }

  private integer(node: ts.Expression): number {
    const v = this.number(node);
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new EvalFailure(node, "bit operations need non-negative integers");
    }
    return v;
  }

  private object(node: ts.ObjectLiteralExpression): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let spreads: object[] | undefined;
    for (const prop of node.properties) {
      if (ts.isSpreadAssignment(prop)) {
        const src = this.evaluate(prop.expression);
        if (!src || typeof src !== "object" || Array.isArray(src)) {
          throw new EvalFailure(prop, "only objects can be spread into an object");
        }
        Object.assign(out, src);
        (spreads ??= []).push(src);
        continue;
      }
      let key: string;
      let valueNode: ts.Expression;
      if (ts.isShorthandPropertyAssignment(prop)) {
        key = prop.name.text;
        valueNode = prop.name;
      } else if (ts.isPropertyAssignment(prop)) {
        const name = prop.name;
        if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name))
          key = name.text;
        else throw new EvalFailure(name, "property names must be plain names or strings");
        valueNode = prop.initializer;
      } else {
        throw new EvalFailure(prop, `${describe(prop)} is not allowed in a definitions module`);
      }
      if (Object.hasOwn(out, key)) throw new EvalFailure(prop.name!, `\`${key}\` is given twice`);
      out[key] = this.evaluate(valueNode);
    }
    this.map.recordLiteral(out, node, spreads ?? NO_SPREADS, this.sf);
    return out;
  }

  private array(node: ts.ArrayLiteralExpression): unknown[] {
    const out: unknown[] = [];
    for (const el of node.elements) {
      if (ts.isSpreadElement(el)) {
        const src = this.evaluate(el.expression);
        if (!Array.isArray(src))
          throw new EvalFailure(el, "only arrays can be spread into an array");
        out.push(...src);
      } else out.push(this.evaluate(el));
    }
    return out;
  }

  private property(node: ts.PropertyAccessExpression): unknown {
    const owner = this.evaluate(node.expression);
    const key = node.name.text;
    if (owner && typeof owner === "object" && Object.hasOwn(owner, key)) {
      return (owner as Record<string, unknown>)[key];
    }
    throw new EvalFailure(node.name, `no property \`${key}\` here`);
  }

  private call(node: ts.CallExpression): unknown {
    const callee = this.evaluate(node.expression);
    if (!DSL_VALUES.has(callee)) {
      throw new EvalFailure(
        node.expression,
        "only the uapi-gen/dsl builders can be called in a definitions module",
      );
    }
    const args = node.arguments.map((a) => {
      if (ts.isSpreadElement(a)) throw new EvalFailure(a, "spread arguments are not supported");
      return this.evaluate(a);
    });
    const result = (callee as (...a: unknown[]) => unknown)(...args);
    this.map.record(result, node, this.sf);
    return result;
  }
}

/** "an arrow function", "a function declaration": the node's syntax kind in words. */
function describe(node: ts.Node): string {
  const words = (ts.SyntaxKind[node.kind] ?? "this syntax")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
}
