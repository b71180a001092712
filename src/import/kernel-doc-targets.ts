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
    if (!a || (!blankLines && a.line > comment.endLine + 1)) return undefined;
    // Right before it: nothing but blanks after the comment on its line, and no
    // statement end or brace between the start of the declaration's line and its name.
    const declStart = Math.max(comment.end, this.starts[a.line]!);
    if (a.line > comment.endLine && text.slice(comment.end, this.starts[a.line]).trim())
      return undefined;
    return /[;{}]/.test(text.slice(declStart, a.offset)) ? undefined : a;
  }

  /**
   * The struct or enum whose body holds an offset: the one of the declaration before it, when
   * no closing brace comes between.
   */
  around(offset: number, text: string): Item | undefined {
    const a = this.anchors[this.lastBefore(offset)];
    if (!a || a.kind === "item") return undefined;
    return text.slice(a.offset, offset).includes("}") ? undefined : a.owner;
  }

  ownerOf(target: Target): Item {
    return target.owner;
  }

  /** The field or enum member an `@name:` (or `@outer.inner:`) line names within an item. */
  member(item: Item, path: string): object | undefined {
    const [head, ...rest] = path.split(".");
    if (item.kind === "enum")
      return rest.length ? undefined : item.members.find((m) => m.name === head);
    if (item.kind === "flags")
      return rest.length ? undefined : item.bits.find((b) => b.name === head);
    if (item.kind !== "struct" && item.kind !== "union") return undefined;
    const field = this.field(item.fields, head!, new Set());
    if (!field || !rest.length) return field;
    return this.inside(field, rest.join("."));
  }

  /** `@outer.inner`: inner within the type of outer (an inline struct or union). */
  private inside(field: Field, path: string): object | undefined {
    let type = field.type;
    while (type.kind === "array") type = type.element;
    if (type.kind === "anonUnion") {
      const [head, ...rest] = path.split(".");
      const f = this.field(type.members, head!, new Set());
      return f && rest.length ? this.inside(f, rest.join(".")) : f;
    }
    if (type.kind !== "named") return undefined;
    const item = this.model.items.get(type.name);
    return item ? this.member(item, path) : undefined;
  }

  /** A field by name, looking through anonymous unions and anonymous struct members. */
  private field(fields: readonly Field[], name: string, seen: Set<string>): Field | undefined {
    for (const f of fields) if (f.name === name) return f;
    for (const f of fields) {
      if (f.type.kind === "anonUnion") {
        const found = this.field(f.type.members, name, seen);
        if (found) return found;
      } else if (!IDENT.test(f.name) && f.type.kind === "named" && !seen.has(f.type.name)) {
        seen.add(f.type.name);
        const inner = this.model.items.get(f.type.name);
        if (inner && (inner.kind === "struct" || inner.kind === "union")) {
          const found = this.field(inner.fields, name, seen);
          if (found) return found;
        }
      }
    }
    return undefined;
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

function rank(a: Anchor): number {
  return a.kind === "item" ? 1 : 0;
}
