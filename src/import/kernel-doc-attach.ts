/**
 * Puts the comments of imported C headers into the IR's docs. kernel-doc comments attach by
 * the name in their title (`struct foo - ...` documents `struct foo` wherever it is), their
 * `@name:` lines to the fields and enum members they name, `DOC:` sections to the module, and
 * an `ioctl(NAME)` in a struct's title makes that struct the ioctl's argument. Other comments
 * attach by position: the one right before a declaration (no blank line between), or one
 * that follows a declaration on its line. Every doc of an imported module comes from here,
 * so clang's Doxygen reading of kernel-doc (`@name` as a command, titles kept in the text)
 * never reaches the IR. Linear in the text: one scan for comments, one pass over positions.
 */
import { readFileSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { IoctlItem, Item, Model, ModuleIR, StructItem } from "../model/ir.js";
import { lineStarts, scanComments, type CComment } from "./c-comments.js";
import { parseKernelDoc, type KernelDoc } from "./kernel-doc.js";
import { rebuild } from "./kernel-doc-rebuild.js";
import { DocTargets, type Target } from "./kernel-doc-targets.js";

export interface KernelDocOptions {
  /** Source text of a module's file (a C header). */
  readonly text: (file: string) => string | undefined;
  /** Files whose kernel-doc problems are reported (the header being imported). */
  readonly report: ReadonlySet<string>;
}

export interface KernelDocResult {
  readonly model: Model;
  readonly diagnostics: Diagnostic[];
  /** The `@name:` descriptions of the reported files, with what they describe. */
  readonly described: DescribedMember[];
}

/** Comments that are directives or boilerplate, never documentation. */
const NOT_DOC =
  /^\/[*/]\s*(SPDX-License-Identifier|uapi-lint-|Copyright\b|\(C\)|NOLINT|clang-format)/i;

export function attachKernelDoc(model: Model, options: KernelDocOptions): KernelDocResult {
  const diagnostics: Diagnostic[] = [];
  const described: DescribedMember[] = [];
  const docs = new Map<object, string>();
  const args = new Map<IoctlItem, string>();
  const moduleDocs = new Map<ModuleIR, string>();
  const ioctlNames = new Set<string>();
  const known = new Set<string>();
  for (const item of model.items.values()) {
    known.add(item.name);
    if (item.kind === "ioctl") ioctlNames.add(item.name);
    if (item.kind === "enum") for (const m of item.members) known.add(m.name);
  }
  for (const mod of model.modules) {
    if (mod.source !== "c-header") continue;
    const text = options.text(mod.file);
    if (text === undefined) continue;
    const file = new FileDocs(mod, text, model, docs, {
      report: options.report.has(mod.file) ? diagnostics : undefined,
      described: options.report.has(mod.file) ? described : undefined,
      args,
      ioctlNames,
      known,
    });
    const doc = file.run();
    if (doc) moduleDocs.set(mod, doc);
  }
  return { model: rebuild(model, docs, args, moduleDocs), diagnostics, described };
}

/** An `@name:` description of a reported file and the item it was attached to. */
export interface DescribedMember {
  /** One-based line of the `@name:`. */
  readonly line: number;
  readonly name: string;
  /** The item whose member it describes; undefined for a comment about no item of the IR. */
  readonly owner: string | undefined;
}

interface FileContext {
  readonly report: Diagnostic[] | undefined;
  readonly described: DescribedMember[] | undefined;
  readonly args: Map<IoctlItem, string>;
  readonly ioctlNames: ReadonlySet<string>;
  readonly known: ReadonlySet<string>;
}

class FileDocs {
  private readonly starts: number[];
  private readonly targets: DocTargets;

  constructor(
    private readonly mod: ModuleIR,
    private readonly text: string,
    private readonly model: Model,
    private readonly docs: Map<object, string>,
    private readonly ctx: FileContext,
  ) {
    this.starts = lineStarts(text);
    this.targets = new DocTargets(mod, model, this.starts);
  }

  /** Attaches every comment of the file; returns the module's `DOC:` text. */
  run(): string | undefined {
    const sections: string[] = [];
    const positional: { comment: CComment; kd: KernelDoc }[] = [];
    for (const comment of mergeLineComments(scanComments(this.text), this.text)) {
      if (NOT_DOC.test(comment.raw)) continue;
      const kd = parseKernelDoc(comment.raw);
      const title = kd.title;
      if (title?.kind === "doc") {
        sections.push([title.name, kd.body].filter(Boolean).join("\n\n"));
        continue;
      }
      const named = title ? this.targets.byName(title.kind, title.name) : undefined;
      if (title && named) this.attachTitled(comment, kd, named);
      else positional.push({ comment, kd });
    }
    // Titles first, so a positional comment only fills what kernel-doc left undocumented.
    for (const { comment, kd } of positional) this.attachPositional(comment, kd);
    return sections.length ? sections.join("\n\n") : undefined;
  }

  private attachTitled(comment: CComment, kd: KernelDoc, item: Item): void {
    let documented = item;
    let doc = itemDoc(kd);
    // The VFIO form: `NAME - _IOR(..., struct foo)` right before struct foo is the struct's
    // documentation, and names the ioctl that passes it.
    const at =
      item.kind === "ioctl" || item.kind === "constant"
        ? this.targets.positional(comment, this.text)
        : undefined;
    if (at?.kind === "item" && (at.owner.kind === "struct" || at.owner.kind === "union")) {
      documented = at.owner;
      doc = withTitleLine(kd);
      if (item.kind === "ioctl") this.tie(item, at.owner.name);
    }
    this.setDoc(documented, doc);
    // The members an ioctl's comment describes are those of its argument.
    const holder =
      documented.kind === "ioctl" ? (this.argOf(documented, kd) ?? documented) : documented;
    this.attachMembers(comment, kd, holder);
    if (comment.style === "block" && kd.title?.dashed && kd.members.length)
      this.problem(
        comment,
        kd.title.line,
        `the comment documenting \`${describe(documented)}\` is written as kernel-doc but opens with \`/*\`, so kernel-doc skips it`,
        "open it with `/**`",
      );
    if (documented.kind === "struct" || documented.kind === "union")
      this.tieIoctls(comment, kd, documented);
  }

  /**
   * A comment of member descriptions separated from its struct by blank lines still
   * documents it, when the struct has the members it describes.
   */
  private afterBlank(comment: CComment, kd: KernelDoc): Target | undefined {
    if (!kd.members.length) return undefined;
    const t = this.targets.positional(comment, this.text, true);
    if (t?.kind !== "item") return undefined;
    const found = kd.members.filter((m) => this.targets.member(t.owner, m.name)).length;
    return found * 2 > kd.members.length ? t : undefined;
  }

  /** An ioctl's argument: from its macro, a title tie, or `struct foo` in its own title. */
  private argOf(ioctl: IoctlItem, kd: KernelDoc): Item | undefined {
    let name = ioctl.arg ?? this.ctx.args.get(ioctl);
    if (!name) {
      const named = /\b(?:struct|union)\s+([A-Za-z_]\w*)/.exec(kd.title?.summary ?? "")?.[1];
      const item = named ? this.model.items.get(named) : undefined;
      if (item && (item.kind === "struct" || item.kind === "union")) {
        this.tie(ioctl, item.name);
        name = item.name;
      }
    }
    return name ? this.model.items.get(name) : undefined;
  }

  private tie(ioctl: IoctlItem, struct: string): void {
    if (!ioctl.arg && !this.ctx.args.has(ioctl)) this.ctx.args.set(ioctl, struct);
  }

  private tieIoctls(comment: CComment, kd: KernelDoc, item: StructItem): void {
    for (const name of kd.ioctls) {
      const ioctl = this.model.items.get(name);
      if (ioctl?.kind === "ioctl") this.tie(ioctl, item.name);
      else if (!this.ctx.known.has(name))
        this.problem(
          comment,
          kd.title!.line,
          `the kernel-doc title of \`${describe(item)}\` names ioctl(${name}), which is not defined`,
          "name the ioctl this struct is the argument of, as #defined",
        );
    }
  }

  private attachPositional(comment: CComment, kd: KernelDoc): void {
    const target = this.targets.positional(comment, this.text) ?? this.afterBlank(comment, kd);
    const title = kd.title;
    if (target) {
      // A title naming something else (a typo, a renamed struct) still documents what follows;
      // a first line that only looks like `NAME - text` is kept as written.
      const doc = !title ? kd.body : title.kind === "name" ? withTitleLine(kd) : itemDoc(kd);
      if (doc) this.setDoc(target.node, doc);
      if (title && title.kind !== "name" && title.dashed && target.kind === "item")
        this.problem(
          comment,
          title.line,
          `the kernel-doc title names \`${title.kind} ${title.name}\` but the comment documents \`${describe(target.owner)}\``,
          "name what the comment documents in its title",
        );
    }
    // Inline member comments (`/** @name: ... */`) name what they document.
    const owner = target
      ? target.owner
      : this.targets.around(comment.start, this.codeFacts().closes);
    if (kd.members.length) this.attachMembers(comment, kd, owner);
  }

  private attachMembers(comment: CComment, kd: KernelDoc, item: Item | undefined): void {
    const unmatched: string[] = [];
    const seen = new Map<object, string>();
    for (const m of kd.members) {
      // `@NAME:` lines may also describe the header's macros (a list of ioctls).
      const macro =
        item &&
        (item.kind === "ioctl" || item.kind === "constant") &&
        !this.targets.member(item, m.name)
          ? this.targets.byName("name", m.name)
          : undefined;
      this.ctx.described?.push({
        line: comment.startLine + m.line + 1,
        name: m.name,
        owner: (macro ?? item)?.name,
      });
      if (m.name === "..." || !item) continue;
      const found = macro ?? this.targets.member(item, m.name);
      if (found) {
        const before = seen.get(found);
        seen.set(found, m.name);
        if (before !== undefined) {
          // Described twice in one comment: keep both descriptions.
          if (m.text)
            this.docs.set(found, [this.docs.get(found), m.text].filter(Boolean).join("\n\n"));
          this.problem(
            comment,
            m.line,
            `\`@${m.name}\` is described twice in the kernel-doc of \`${describe(item)}\``,
            "merge the two descriptions",
            `@${m.name}`,
          );
        } else if (m.text && found === item) {
          // `@NAME:` about the macro the comment stands before: after the comment's own text.
          this.docs.set(found, [this.docs.get(found), m.text].filter(Boolean).join("\n\n"));
        } else if (m.text) this.setDoc(found, m.text);
        continue;
      }
      unmatched.push(`@${m.name}: ${m.text}`.trimEnd());
      // Only a name the header declares nowhere is surely wrong (a member may sit under an
      // #if that this reading of the header did not take).
      if (!this.declares(m.name.slice(m.name.lastIndexOf(".") + 1)))
        this.problem(
          comment,
          m.line,
          `kernel-doc describes \`@${m.name}\`, which is not a member of \`${describe(item)}\``,
          "remove the description or name the member as declared",
          `@${m.name}`,
        );
    }
    // Descriptions of members the IR does not hold stay in the item's doc: nothing is lost.
    if (unmatched.length && item) {
      const current = this.docs.get(item);
      this.docs.set(item, [current, ...unmatched].filter(Boolean).join("\n\n"));
    }
  }

  private code: { names: Set<string>; closes: number[] } | undefined;

  /** The header's code without its comments: the names it uses, where its `}` are. */
  private codeFacts(): { names: Set<string>; closes: number[] } {
    if (!this.code) {
      const parts: string[] = [];
      const closes: number[] = [];
      let at = 0;
      const take = (end: number) => {
        for (let k = at; k < end; k++) if (this.text.charCodeAt(k) === 125 /* } */) closes.push(k);
        parts.push(this.text.slice(at, end));
      };
      for (const c of scanComments(this.text)) {
        take(c.start);
        at = c.end;
      }
      take(this.text.length);
      this.code = { names: new Set(parts.join(" ").match(/[A-Za-z_]\w*/g) ?? []), closes };
    }
    return this.code;
  }

  /** Whether the name appears in the header's code (outside comments). */
  private declares(name: string): boolean {
    return this.codeFacts().names.has(name);
  }

  private setDoc(node: object, doc: string): void {
    if (doc && !this.docs.has(node)) this.docs.set(node, doc);
  }

  private linesOf: { comment: CComment; lines: string[] } | undefined;

  private problem(
    comment: CComment,
    line: number,
    message: string,
    hint: string,
    needle?: string,
  ): void {
    if (!this.ctx.report) return;
    if (this.linesOf?.comment !== comment)
      this.linesOf = { comment, lines: comment.raw.split("\n") };
    const rawLine = this.linesOf.lines[line] ?? "";
    const at = needle ? Math.max(0, rawLine.indexOf(needle)) : rawLine.search(/\S/);
    const character = (line === 0 ? comment.startCol : 0) + Math.max(0, at);
    const l = comment.startLine + line;
    this.ctx.report.push({
      severity: "warning",
      code: "import/kernel-doc",
      message,
      hint,
      loc: {
        file: this.mod.file,
        range: {
          start: { line: l, character },
          end: { line: l, character: character + (needle?.length ?? 0) },
        },
      },
    });
  }
}

/** An item's doc from a kernel-doc comment: the title's summary, then the body. */
function itemDoc(kd: KernelDoc): string {
  return [kd.title?.summary, kd.body].filter(Boolean).join("\n\n");
}

/** The whole text, for a first line that only looks like a `NAME - summary` title. */
function withTitleLine(kd: KernelDoc): string {
  const t = kd.title!;
  return [`${t.name} - ${t.summary}`, kd.body].filter(Boolean).join("\n\n");
}

function describe(item: Item): string {
  return item.kind === "struct" || item.kind === "union" || item.kind === "enum"
    ? `${item.kind} ${item.name}`
    : item.name;
}

/** Consecutive `//` lines form one comment, as they do for a reader. */
function mergeLineComments(comments: CComment[], text: string): CComment[] {
  const out: CComment[] = [];
  for (const c of comments) {
    const prev = out.at(-1);
    if (
      prev &&
      prev.style === "line" &&
      c.style === "line" &&
      c.startLine === prev.endLine + 1 &&
      /^\s*$/.test(text.slice(prev.end, c.start))
    ) {
      out[out.length - 1] = {
        ...prev,
        raw: `${prev.raw}\n${c.raw}`,
        end: c.end,
        endLine: c.endLine,
      };
    } else out.push(c);
  }
  return out;
}

/**
 * The import step: docs for every module of a translation unit read from a C header, the
 * kernel-doc problems of the header itself added to `diagnostics`.
 */
export function importKernelDoc(
  model: Model,
  mainFile: string,
  mainText: string,
  diagnostics: Diagnostic[],
): Model {
  const result = attachKernelDoc(model, {
    text: (file) => (file === mainFile ? mainText : readText(file)),
    report: new Set([mainFile]),
  });
  diagnostics.push(...result.diagnostics);
  return result.model;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
