/**
 * Where each evaluated value came from. The evaluator records, for every object it builds
 * from an object literal or a builder call, the syntax node; and for every property, the node
 * of its name and of its value. The IR builder asks here to give diagnostics exact positions.
 */
import { ts } from "ts-morph";
import type { SourceLoc } from "../diagnostics/diagnostic.js";

export class SourceMap {
  private readonly nodes = new WeakMap<object, { node: ts.Node; sf: ts.SourceFile }>();
  private readonly props = new WeakMap<
    object,
    Map<string, { name: ts.Node; value: ts.Node; sf: ts.SourceFile }>
  >();

  constructor(private readonly files: Map<string, ts.SourceFile> = new Map()) {}

  record(value: unknown, node: ts.Node, sf: ts.SourceFile): void {
    if (value && typeof value === "object" && !this.nodes.has(value))
      this.nodes.set(value, { node, sf });
  }

  recordProperty(
    owner: object,
    key: string,
    name: ts.Node,
    value: ts.Node,
    sf: ts.SourceFile,
  ): void {
    let map = this.props.get(owner);
    if (!map) this.props.set(owner, (map = new Map()));
    map.set(key, { name, value, sf });
  }

  /** Copies the property positions of `from` onto `to` (object spread). */
  copyProperties(from: object, to: object): void {
    const src = this.props.get(from);
    if (!src) return;
    for (const [key, prop] of src) this.recordProperty(to, key, prop.name, prop.value, prop.sf);
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
    const prop = this.props.get(owner)?.get(key);
    if (!prop) return this.of(owner);
    return toLoc(which === "name" ? prop.name : prop.value, prop.sf);
  }

  sourceFile(file: string): ts.SourceFile | undefined {
    return this.files.get(file);
  }
}

export function toLoc(node: ts.Node, sf: ts.SourceFile): SourceLoc {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.getEnd());
  return { file: sf.fileName, range: { start, end } };
}
