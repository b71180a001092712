/**
 * Evaluates one expression of a definitions module: literals, arithmetic, object and array
 * literals with spreads, property reads and builder calls, each within the load's bounds
 * (src/load/eval-bounds.ts). Names are looked up through the module (`lookup`).
 */
import { ts } from "ts-morph";
import { DSL_FUNCTIONS } from "../dsl/index.js";
import { defineKey, EvalFailure, type EvalBounds } from "./eval-bounds.js";
import { ARITHMETIC, BITWISE, UNARY } from "./operators.js";
import type { SourceMap } from "./source-map.js";

const DSL_VALUES = new Set<unknown>(Object.values(DSL_FUNCTIONS));
const NO_SPREADS: readonly object[] = [];
/** The builders take at most four arguments (`bits(word, hi, lo, doc)`). */
const MAX_ARGUMENTS = 8;

export class ExpressionEvaluator {
  constructor(
    private readonly sf: ts.SourceFile,
    private readonly map: SourceMap,
    private readonly bounds: EvalBounds,
    private readonly lookup: (id: ts.Identifier) => unknown,
  ) {}

  evaluate(node: ts.Expression): unknown {
    const value = this.bounds.nested(node, () => this.evaluateNode(node));
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
      let text = node.head.text;
      for (const span of node.templateSpans) {
        text = this.bounds.join(text, this.text(span.expression), span.expression);
        text = this.bounds.join(text, span.literal.text, span);
      }
      return text;
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isIdentifier(node)) return this.lookup(node);
    if (ts.isPrefixUnaryExpression(node)) return this.unary(node);
    if (ts.isBinaryExpression(node)) return this.binaryChain(node);
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

  /** A value joined into a string: only strings, numbers and booleans have a text. */
  private text(node: ts.Expression): string {
    const v = this.evaluate(node);
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined)
      return String(v);
    throw new EvalFailure(node, "only strings, numbers and booleans can be joined into a string");
  }

  private number(node: ts.Expression): number {
    const v = this.evaluate(node);
    if (typeof v !== "number") throw new EvalFailure(node, "expected a number here");
    return v;
  }

  private unary(node: ts.PrefixUnaryExpression): unknown {
    const op = UNARY.get(node.operator);
    if (!op) throw new EvalFailure(node, "this operator is not allowed in a definitions module");
    if (node.operator === ts.SyntaxKind.TildeToken) return op(this.integer(node.operand));
    return op(this.number(node.operand));
  }

  /**
   * `a + b + c + ...` is a tree as deep as it is long, leaning left: its operands are
   * evaluated from the innermost one out, in a loop, so a long sum needs no deep recursion.
   */
  private binaryChain(node: ts.BinaryExpression): unknown {
    const chain: ts.BinaryExpression[] = [node];
    let left = node.left;
    while (ts.isBinaryExpression(left)) {
      chain.push(left);
      left = left.left;
    }
    let value = this.evaluate(left);
    for (let i = chain.length - 1; i >= 0; i--) value = this.binary(chain[i]!, value);
    return value;
  }

  /** One operator of a chain, with its left operand's value already known. */
  private binary(node: ts.BinaryExpression, a: unknown): unknown {
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.PlusToken) {
      const b = this.evaluate(node.right);
      if (typeof a === "string" || typeof b === "string") {
        if (!isJoinable(a) || !isJoinable(b))
          throw new EvalFailure(
            node,
            "only strings, numbers and booleans can be joined into a string",
          );
        return this.bounds.join(String(a), String(b), node);
      }
      if (typeof a === "number" && typeof b === "number") return a + b;
      throw new EvalFailure(node, "`+` needs numbers or strings");
    }
    const arithmetic = ARITHMETIC.get(kind);
    const bitwise = BITWISE.get(kind);
    if (!arithmetic && !bitwise) {
      throw new EvalFailure(
        node.operatorToken,
        "this operator is not allowed in a definitions module",
      );
    }
    if (arithmetic) {
      if (typeof a !== "number") throw new EvalFailure(node.left, "expected a number here");
      return arithmetic(a, this.number(node.right));
    }
    if (!isBitOperand(a)) throw new EvalFailure(node.left, BIT_OPERANDS);
    const result = bitwise!(a, this.integer(node.right));
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
    if (!isBitOperand(v)) throw new EvalFailure(node, BIT_OPERANDS);
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
        const keys = Object.keys(src);
        this.bounds.copy(keys.length, prop);
        for (const k of keys) defineKey(out, k, (src as Record<string, unknown>)[k]);
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
      defineKey(out, key, this.evaluate(valueNode));
    }
    this.bounds.built(out, Object.values(out), node);
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
        this.bounds.arrayLength(out.length + src.length, el);
        this.bounds.copy(src.length, el);
        // A loop, not push(...src): a spread of a long array would pass the argument limit.
        for (let i = 0; i < src.length; i++) out.push(src[i]);
      } else {
        this.bounds.arrayLength(out.length + 1, el);
        out.push(this.evaluate(el));
      }
    }
    this.bounds.built(out, out, node);
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
    if (node.arguments.length > MAX_ARGUMENTS)
      throw new EvalFailure(node, `a builder takes at most ${MAX_ARGUMENTS} arguments`);
    const args = node.arguments.map((a) => {
      if (ts.isSpreadElement(a)) throw new EvalFailure(a, "spread arguments are not supported");
      return this.evaluate(a);
    });
    const result = (callee as (...a: unknown[]) => unknown)(...args);
    // A builder wraps its argument: one level for the wrapper, one for the argument itself.
    if (result && typeof result === "object") this.bounds.built(result, [{}, ...args], node);
    this.map.record(result, node, this.sf);
    return result;
  }
}

const BIT_OPERANDS = "bit operations need non-negative integers below 2^53";

function isBitOperand(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function isJoinable(v: unknown): boolean {
  return (
    typeof v === "string" ||
    typeof v === "number" ||
    typeof v === "boolean" ||
    v === null ||
    v === undefined
  );
}

/** "an arrow function", "a function declaration": the node's syntax kind in words. */
export function describe(node: ts.Node): string {
  const words = (ts.SyntaxKind[node.kind] ?? "this syntax")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
}
