/**
 * Checked reading of evaluated definition values: each accessor validates one property and
 * reports a diagnostic at its exact position when it is missing or of the wrong kind. This
 * is where a type error in a definitions file becomes a diagnostic instead of a crash.
 */
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";
import { DSL_TAG } from "../dsl/index.js";
import type { SourceMap } from "./source-map.js";

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

export function dslKind(v: unknown): string | undefined {
  return isObj(v) && typeof v[DSL_TAG] === "string" ? (v[DSL_TAG] as string) : undefined;
}

export function dslSpec(v: unknown): unknown {
  return isObj(v) ? v.spec : undefined;
}

export class SpecReader {
  /**
   * Where an error goes when its value has no position of its own (a number where an object
   * belongs): the item being built. Every diagnostic then has a position.
   */
  fallback: SourceLoc | undefined;

  constructor(
    readonly map: SourceMap,
    readonly diagnostics: Diagnostic[],
  ) {}

  error(
    loc: SourceLoc | undefined,
    path: string,
    message: string,
    hint?: string,
    code = "defs/invalid",
  ): void {
    const at = loc ?? this.fallback;
    this.diagnostics.push({
      severity: "error",
      code,
      message,
      path,
      ...(at ? { loc: at } : {}),
      ...(hint ? { hint } : {}),
    });
  }

  /** Reports properties not in `allowed` (a typo such as `resreved` must not pass silently). */
  keys(obj: Obj, allowed: readonly string[], path: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) {
        this.error(
          this.map.ofProperty(obj, key),
          `${path}.${key}`,
          `unknown property \`${key}\``,
          `expected one of: ${allowed.join(", ")}`,
        );
      }
    }
  }

  object(owner: Obj, key: string, path: string, required = true): Obj | undefined {
    const v = owner[key];
    if (v === undefined && !required) return undefined;
    if (isObj(v)) return v;
    this.error(
      this.where(owner, key),
      `${path}.${key}`,
      v === undefined ? `\`${key}\` is required` : `\`${key}\` must be an object`,
    );
    return undefined;
  }

  string(owner: Obj, key: string, path: string, required = true): string | undefined {
    const v = owner[key];
    if (v === undefined && !required) return undefined;
    if (typeof v === "string") return v;
    this.error(
      this.where(owner, key),
      `${path}.${key}`,
      v === undefined ? `\`${key}\` is required` : `\`${key}\` must be a string`,
    );
    return undefined;
  }

  boolean(owner: Obj, key: string, path: string): boolean {
    const v = owner[key];
    if (v === undefined) return false;
    if (typeof v === "boolean") return v;
    this.error(this.where(owner, key), `${path}.${key}`, `\`${key}\` must be true or false`);
    return false;
  }

  integer(owner: Obj, key: string, path: string, min: number, max: number): number | undefined {
    const v = owner[key];
    if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) return v;
    this.error(
      this.where(owner, key),
      `${path}.${key}`,
      v === undefined
        ? `\`${key}\` is required`
        : `\`${key}\` must be an integer from ${min} to ${max}`,
    );
    return undefined;
  }

  oneOf<T extends string>(
    owner: Obj,
    key: string,
    path: string,
    allowed: readonly T[],
    fallback?: T,
  ): T | undefined {
    const v = owner[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
    this.error(
      this.where(owner, key),
      `${path}.${key}`,
      `\`${key}\` must be one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
    );
    return undefined;
  }

  doc(owner: Obj, path: string): string | undefined {
    return this.string(owner, "doc", path, false);
  }

  private where(owner: Obj, key: string): SourceLoc | undefined {
    return key in owner ? this.map.ofProperty(owner, key, "value") : this.map.of(owner);
  }
}
