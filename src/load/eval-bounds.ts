/**
 * What keeps an evaluation bounded: how deep expressions nest (constants that refer to
 * constants count, across modules), how deep the values built contain one another, how long
 * strings and arrays grow, and how much spreads and string joins copy over a whole load
 * (`const b = [...a, ...a]` doubles at each step). One `EvalBounds` serves every module of
 * a load; passing a bound is an `EvalFailure` at the expression that passed it.
 */
import type { ts } from "ts-morph";
import {
  MAX_ARRAY_LENGTH,
  MAX_COPY_BUDGET,
  MAX_EVALUATION_DEPTH,
  MAX_STRING_LENGTH,
  MAX_VALUE_DEPTH,
} from "./limits.js";

export class EvalFailure extends Error {
  constructor(
    readonly node: ts.Node,
    message: string,
    readonly hint?: string,
    /** `defs/limit` for a bound passed; `defs/unsupported` by default. */
    readonly code?: string,
  ) {
    super(message);
  }
}

const LIMIT = "defs/limit";

const SPLIT_HINT = "split the value into named constants declared one after another";

export class EvalBounds {
  private depth = 0;
  private copied = 0;
  /** Depth of each object or array the evaluation built (1 for one without objects inside). */
  private readonly depths = new Map<object, number>();

  /** Runs `body` one evaluation level deeper. */
  nested<T>(node: ts.Node, body: () => T): T {
    if (this.depth >= MAX_EVALUATION_DEPTH)
      throw new EvalFailure(
        node,
        `expressions and the constants they refer to nest more than ${MAX_EVALUATION_DEPTH} levels deep here`,
        SPLIT_HINT,
        LIMIT,
      );
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  depthOf(value: unknown): number {
    return value && typeof value === "object" ? (this.depths.get(value) ?? 1) : 0;
  }

  /** Records `value`, built at `node` from `parts`, one level deeper than the deepest part. */
  built(value: object, parts: Iterable<unknown>, node: ts.Node): void {
    let deepest = 0;
    for (const p of parts)
      if (p && typeof p === "object") deepest = Math.max(deepest, this.depthOf(p));
    if (deepest + 1 > MAX_VALUE_DEPTH)
      throw new EvalFailure(
        node,
        `values nest more than ${MAX_VALUE_DEPTH} levels deep here (structs, fields and types inside one another)`,
        "nest fewer structs, arrays or unions inside one another",
        LIMIT,
      );
    this.depths.set(value, deepest + 1);
  }

  /** Accounts for `count` elements, properties or characters copied at `node`. */
  copy(count: number, node: ts.Node): void {
    this.copied += count;
    if (this.copied > MAX_COPY_BUDGET)
      throw new EvalFailure(
        node,
        `spreads and string joins copy more than ${MAX_COPY_BUDGET} elements or characters in this load`,
        "spread smaller values, or write the values out",
        LIMIT,
      );
  }

  /** `a + b` on strings, bounded. */
  join(a: string, b: string, node: ts.Node): string {
    const length = a.length + b.length;
    if (length > MAX_STRING_LENGTH)
      throw new EvalFailure(
        node,
        `this string would be ${length} characters long, over the limit of ${MAX_STRING_LENGTH}`,
        undefined,
        LIMIT,
      );
    this.copy(length, node);
    return a + b;
  }

  /** Checks that an array of `length` elements may be built at `node`. */
  arrayLength(length: number, node: ts.Node): void {
    if (length > MAX_ARRAY_LENGTH)
      throw new EvalFailure(
        node,
        `this array would have ${length} elements, over the limit of ${MAX_ARRAY_LENGTH}`,
        undefined,
        LIMIT,
      );
  }
}

/** Sets `key` on a fresh object as its own property, even `__proto__` (never its prototype). */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = value;
}
