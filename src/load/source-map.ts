/**
 * Where each evaluated value came from. The evaluator records, for every object it builds
 * from an object literal or a builder call, the syntax node; for an object literal also the
 * objects its spreads copied from. The IR builder asks here to give diagnostics exact
 * positions.
 *
 * Property positions are found when asked, in the literal's syntax: recording a node per
 * property of every literal cost more than all the lookups a load makes.
 */
import { ts } from "ts-morph";
import type { SourceLoc } from "../diagnostics/diagnostic.js";

interface Origin {
  readonly node: ts.Node;
  readonly sf: ts.SourceFile;
  /** For an object literal: the evaluated source of each of its spreads, in order. */
  readonly spreads?: readonly object[];
}

interface PropertyNodes {
  readonly name: ts.Node;
  readonly value: ts.Node;
  readonly sf: ts.SourceFile;
}

export class SourceMap {
  // Maps, not WeakMaps: a load records every literal it evaluates, and WeakMap entries cost
  // several times as much to add and to collect. The values live as long as the load result,
  // which holds the syntax trees they point into anyway.
  private readonly nodes = new Map<object, Origin>();
  private readonly indexes = new Map<object, Map<string, PropertyNodes>>();

  constructor(private readonly files: Map<string, ts.SourceFile> = new Map()) {}

  record(value: unknown, node: ts.Node, sf: ts.SourceFile): void {
    if (value && typeof value === "object" && !this.nodes.has(value))
      this.nodes.set(value, { node, sf });
  }

  /**
   * Records that `value`, a fresh object, was built from the object literal `node`; `spreads`
   * are the objects its `...x` elements copied from, in order (their property positions carry
   * over).
   */
  recordLiteral(
    value: object,
    node: ts.ObjectLiteralExpression,
    spreads: readonly object[],
    sf: ts.SourceFile,
  ): void {
    this.nodes.set(value, { node, sf, spreads });
  }

  /** The location of the literal or builder call that produced `value`. */
  of(value: unknown): SourceLoc | undefined {
    if (!value || typeof value !== "object") return undefined;
    const hit = this.nodes.get(value);
    return hit ? toLoc(hit.node, hit.sf) : undefined;
  }

  /** The location of a property's name (`which: "name"`) or of its value. */
  ofProperty(owner: unknown, key: string, which: "name" | "value" = "name"): SourceLoc | undefined {
    if (!owner || typeof owner !== "object") return undefined;
    const prop = this.property(owner, key);
    if (!prop) return this.of(owner);
    return toLoc(which === "name" ? prop.name : prop.value, prop.sf);
  }

  sourceFile(file: string): ts.SourceFile | undefined {
    return this.files.get(file);
  }

  /**
   * The property that gave `owner` its `key`: the last one in the literal that defines it,
   * either written there or copied by a spread from an object that has a position for it.
   */
  private property(owner: object, key: string): PropertyNodes | undefined {
    const origin = this.nodes.get(owner);
    if (!origin?.spreads || !ts.isObjectLiteralExpression(origin.node)) return undefined;
    const props = origin.node.properties;
    if (props.length > SCAN_LIMIT) return this.index(owner, origin).get(key);
    let spread = origin.spreads.length;
    for (let i = props.length - 1; i >= 0; i--) {
      const p = props[i]!;
      if (ts.isSpreadAssignment(p)) {
        const hit = this.property(origin.spreads[--spread]!, key);
        if (hit) return hit;
      } else if (ts.isShorthandPropertyAssignment(p)) {
        if (p.name.text === key) return { name: p.name, value: p.name, sf: origin.sf };
      } else if (ts.isPropertyAssignment(p) && literalKey(p.name) === key) {
        return { name: p.name, value: p.initializer, sf: origin.sf };
      }
    }
    return undefined;
  }

  /** Every key of a big literal (a struct's fields, an enum's members) at once, by key. */
  private index(owner: object, origin: Origin): ReadonlyMap<string, PropertyNodes> {
    let index = this.indexes.get(owner);
    if (index) return index;
    index = new Map();
    let spread = 0;
    for (const p of (origin.node as ts.ObjectLiteralExpression).properties) {
      if (ts.isSpreadAssignment(p)) {
        const src = origin.spreads![spread++]!;
        for (const k of Object.keys(src)) {
          const hit = this.property(src, k);
          if (hit) index.set(k, hit);
        }
      } else if (ts.isShorthandPropertyAssignment(p)) {
        index.set(p.name.text, { name: p.name, value: p.name, sf: origin.sf });
      } else if (ts.isPropertyAssignment(p)) {
        const k = literalKey(p.name);
        if (k !== undefined) index.set(k, { name: p.name, value: p.initializer, sf: origin.sf });
      }
    }
    this.indexes.set(owner, index);
    return index;
  }
}

/** Literals with more properties than this get an index instead of a scan per lookup. */
const SCAN_LIMIT = 8;

/** The key a property name gives, as the evaluator reads it (other names are refused there). */
function literalKey(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
    ? name.text
    : undefined;
}

export function toLoc(node: ts.Node, sf: ts.SourceFile): SourceLoc {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.getEnd());
  return { file: sf.fileName, range: { start, end } };
}
