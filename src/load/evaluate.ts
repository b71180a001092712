/**
 * Evaluates a definitions module without running it. Only a declarative subset of TypeScript
 * is accepted: imports, `const` declarations, literals, arithmetic on numbers, object and array
 * literals (with spread), references to constants, and calls to the uapi-gen/dsl builders.
 * Anything else is a diagnostic at its exact position, never an exception.
 */
import { ts } from "ts-morph";
import { DSL_FUNCTIONS } from "../dsl/index.js";
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";
import { EvalBounds, EvalFailure } from "./eval-bounds.js";
import { describe, ExpressionEvaluator } from "./evaluate-expression.js";
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

/** A constant that refers to one whose error is already reported: nothing more to say. */
class DependentFailure extends EvalFailure {}

const NOT_EVALUATED = Symbol("not evaluated");

export function isDslSpecifier(specifier: string): boolean {
  return specifier === "uapi-gen/dsl" || /(^|\/)src\/dsl(\/index(\.[jt]s)?)?$/.test(specifier);
}

export class ModuleEvaluator {
  private readonly bindings = new Map<string, () => unknown>();
  private readonly decls = new Map<
    string,
    {
      node: ts.VariableDeclaration;
      value: unknown;
      busy: boolean;
      failed: boolean;
      exported: boolean;
    }
  >();
  private readonly expressions: ExpressionEvaluator;
  /** Reported positions and messages: a failed import is reported once, not at every use. */
  private readonly reported = new Set<string>();
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
    bounds: EvalBounds = new EvalBounds(),
  ) {
    this.expressions = new ExpressionEvaluator(sf, map, bounds, (id) => this.lookup(id));
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

  private report(node: ts.Node, message: string, hint?: string, code = "defs/unsupported"): void {
    const key = `${node.pos}:${node.end}:${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push({
      severity: "error",
      code,
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
        this.decls.set(name, {
          node: decl,
          value: NOT_EVALUATED,
          busy: false,
          failed: false,
          exported,
        });
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
    if (decl.value !== NOT_EVALUATED || decl.busy || decl.failed) return decl.value;
    decl.busy = true;
    try {
      decl.value = this.expressions.evaluate(decl.node.initializer!);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      decl.failed = true;
      if (!(e instanceof DependentFailure)) this.report(e.node, e.message, e.hint, e.code);
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
      throw new DependentFailure(id, `\`${name}\` could not be evaluated (see the error there)`);
    return value;
  }
}
