/**
 * What a comment of a C header can document: the items of one imported module, their fields
 * (anonymous unions and structs included) and enum members, found by name (kernel-doc titles
 * and `@name:` lines) or by position (a comment right before a declaration, or after it on its
 * line). Positions come from the IR's `loc`s, which point at the declared name.
 */
import type { Field, Item, Model, ModuleIR } from "../model/ir.js";
import type { CComment } from "./c-comments.js";
import type { KernelDocTitleKind } from "./kernel-doc.js";

export interface Target {
  readonly kind: "item" | "field" | "member";
  /** The item, field, enum member, flag bit or command (the object whose doc is set). */
  readonly node: object;
  /** The item that holds it (the item itself for an item). */
  readonly owner: Item;
}

interface Anchor extends Target {
  readonly offset: number;
  readonly line: number;
}

const IDENT = /^[A-Za-z_]\w*$/;

/** How many blank lines may part a comment of member descriptions from its struct. */
const MAX_BLANK_LINES = 2;

/** Items a kernel-doc title of each kind can name. */
const TITLE_KINDS: Readonly<Record<KernelDocTitleKind, readonly Item["kind"][]>> = {
  struct: ["struct", "union"],
  union: ["union", "struct"],
  enum: ["enum", "flags"],
  typedef: ["struct", "union", "enum"],
  define: ["constant", "ioctl"],
  name: ["constant", "ioctl"],
  doc: [],
};

export class DocTargets {
  private readonly anchors: Anchor[] = [];
  private readonly byItemName = new Map<string, Item>();

  constructor(
    mod: ModuleIR,
    private readonly model: Model,
    private readonly starts: readonly number[],
  ) {
    for (const item of mod.items) {
      if (!this.byItemName.has(item.name)) this.byItemName.set(item.name, item);
      this.add(mod.file, item.loc, { kind: "item", node: item, owner: item });
      if (item.kind === "struct" || item.kind === "union")
        this.addFields(mod.file, item, item.fields);
      else if (item.kind === "enum")
        for (const m of item.members)
          this.add(mod.file, m.loc, { kind: "member", node: m, owner: item });
      else if (item.kind === "flags")
        for (const b of item.bits)
          this.add(mod.file, b.loc, { kind: "member", node: b, owner: item });
    }
    // By position; at one position the field comes before the item it is typed with.
    this.anchors.sort((a, b) => a.offset - b.offset || rank(a) - rank(b));
  }

  private addFields(file: string, owner: Item, fields: readonly Field[]): void {
    for (const f of fields) {
      this.add(file, f.loc, { kind: "field", node: f, owner });
      if (f.type.kind === "anonUnion") this.addFields(file, owner, f.type.members);
    }
  }

  private add(file: string, loc: Item["loc"], target: Target): void {
    if (!loc || loc.file !== file) return;
    const { line, character } = loc.range.start;
    const start = this.starts[line];
    if (start === undefined) return;
    this.anchors.push({ ...target, offset: start + character, line });
  }

  /** The item a kernel-doc title names, if this module declares it. */
  byName(kind: KernelDocTitleKind, name: string): Item | undefined {
    const item = this.byItemName.get(name);
    return item && TITLE_KINDS[kind].includes(item.kind) ? item : undefined;
  }

  /** What the comment documents by its position, if anything. */
  positional(comment: CComment, text: string, blankLines = false): Target | undefined {
    const lineStart = this.starts[comment.startLine]!;
    if (text.slice(lineStart, comment.start).trim()) {
      // After code on its line: about the last declaration before it on that line.
      const i = this.lastBefore(comment.start);
      const a = i >= 0 ? this.anchors[i] : undefined;
      return a && a.line === comment.startLine ? a : undefined;
    }
    const a = this.anchors[this.lastBefore(comment.end) + 1];
    if (!a || a.line > comment.endLine + (blankLines ? MAX_BLANK_LINES + 1 : 1)) return undefined;
    // Right before it: nothing but blanks after the comment on its line, and no
    // statement end or brace between the start of the declaration's line and its name.
    const declStart = Math.max(comment.end, this.starts[a.line]!);
    if (a.line > comment.endLine && text.slice(comment.end, this.starts[a.line]).trim())
      return undefined;
    return /[;{}]/.test(text.slice(declStart, a.offset)) ? undefined : a;
  }

  /**
   * The struct or enum whose body holds an offset: the one of the declaration before it, when
   * no closing brace comes between (`closes`: offsets of the code's `}`, in order).
   */
  around(offset: number, closes: readonly number[]): Item | undefined {
    const a = this.anchors[this.lastBefore(offset)];
    if (!a || a.kind === "item") return undefined;
    const next = closes[firstAtOrAfter(closes, a.offset)];
    return next !== undefined && next < offset ? undefined : a.owner;
  }

  /** The field or enum member an `@name:` (or `@outer.inner:`) line names within an item. */
  member(item: Item, path: string, depth = 0): object | undefined {
    const dot = path.indexOf(".");
    const head = dot < 0 ? path : path.slice(0, dot);
    const rest = dot < 0 ? "" : path.slice(dot + 1);
    if (item.kind === "enum" || item.kind === "flags")
      return rest ? undefined : this.names(item).get(head);
    if (item.kind !== "struct" && item.kind !== "union") return undefined;
    const field = this.fieldIndex(item.fields).get(head);
    if (!field || !rest || depth > MAX_DEPTH) return field;
    return this.inside(field, rest, depth + 1);
  }

  /** `@outer.inner`: inner within the type of outer (an inline struct or union). */
  private inside(field: Field, path: string, depth: number): object | undefined {
    let type = field.type;
    while (type.kind === "array") type = type.element;
    if (type.kind === "anonUnion") {
      const dot = path.indexOf(".");
      const f = this.fieldIndex(type.members).get(dot < 0 ? path : path.slice(0, dot));
      return f && dot >= 0 && depth <= MAX_DEPTH
        ? this.inside(f, path.slice(dot + 1), depth + 1)
        : f;
    }
    if (type.kind !== "named") return undefined;
    const item = this.model.items.get(type.name);
    return item ? this.member(item, path, depth) : undefined;
  }

  private readonly memberNames = new WeakMap<Item, Map<string, object>>();

  private names(item: Item & { kind: "enum" | "flags" }): Map<string, object> {
    let map = this.memberNames.get(item);
    if (!map) {
      map = new Map();
      const list = item.kind === "enum" ? item.members : item.bits;
      for (const m of list) if (!map.has(m.name)) map.set(m.name, m);
      this.memberNames.set(item, map);
    }
    return map;
  }

  private readonly indexes = new WeakMap<readonly Field[], Map<string, Field>>();

  /**
   * Fields by name, built once per field list: its own fields first, then those of its
   * anonymous unions and anonymous struct members, as C lets them be named.
   */
  private fieldIndex(fields: readonly Field[], depth = 0): Map<string, Field> {
    let map = this.indexes.get(fields);
    if (map) return map;
    map = new Map();
    for (const f of fields) if (!map.has(f.name)) map.set(f.name, f);
    if (depth <= MAX_DEPTH)
      for (const f of fields) {
        let nested: readonly Field[] | undefined;
        if (f.type.kind === "anonUnion") nested = f.type.members;
        else if (!IDENT.test(f.name) && f.type.kind === "named") {
          const inner = this.model.items.get(f.type.name);
          if (inner && (inner.kind === "struct" || inner.kind === "union")) nested = inner.fields;
        }
        if (nested)
          for (const [k, v] of this.fieldIndex(nested, depth + 1)) if (!map.has(k)) map.set(k, v);
      }
    this.indexes.set(fields, map);
    return map;
  }

  /** Index of the last anchor before `offset` (-1 when none). */
  private lastBefore(offset: number): number {
    let lo = 0;
    let hi = this.anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.anchors[mid]!.offset < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/** Anonymous records nest as deep as the source does; this bounds a malformed model. */
const MAX_DEPTH = 64;

/** Index of the first element of a sorted list at or after `value`. */
function firstAtOrAfter(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rank(a: Anchor): number {
  return a.kind === "item" ? 1 : 0;
}
