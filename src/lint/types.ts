/**
 * The linter's data: rule metadata, the context a rule reads, and the diagnostics it returns.
 * Diagnostics extend the LSP-shaped `Diagnostic` of src/diagnostics with what an editor needs
 * for code actions (fixes as text edits) and a link to the rule's documentation.
 */
import type { Diagnostic, Range, Severity, SourceLoc } from "../diagnostics/diagnostic.js";
import type { Layouts } from "../layout/layouts.js";
import type { Model, ModuleIR } from "../model/ir.js";
import type { Fixer } from "./fixer.js";

export interface TextEdit {
  readonly file: string;
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export interface RelatedInfo {
  readonly loc?: SourceLoc;
  readonly message: string;
}

export interface LintDiagnostic extends Diagnostic {
  /** The message id of the rule's `messages` table, with the values of its placeholders. */
  readonly messageId?: string;
  readonly data?: Readonly<Record<string, string | number>>;
  /** Absolute URL of the rule's documentation (LSP `codeDescription.href`). */
  readonly docsUrl?: string;
  /** Safe fixes, each a set of edits to definitions files (LSP code actions, `--fix`). */
  readonly fixes?: readonly Fix[];
  /** Other places that explain the finding: per-ABI offsets, the previous version. */
  readonly related?: readonly RelatedInfo[];
}

/** `off` disables a rule; the others are the severities of `Diagnostic`. */
export type RuleLevel = Severity | "off";

/** Layout rules read one version; compatibility rules compare two. */
export type RuleCategory = "layout" | "types" | "contract" | "ioctl" | "docs";
export type CompatCategory = "api" | "abi";

export interface RuleMeta<M extends string = string> {
  readonly id: string;
  readonly category: RuleCategory | CompatCategory;
  readonly severity: Severity;
  /** In the `recommended` preset (every rule is in `strict`). */
  readonly recommended: boolean;
  /** One sentence; docs/rules/<id>.md repeats it verbatim (tested). */
  readonly description: string;
  /** The kernel rules it enforces, as numbered in docs/kernel-rules.md. */
  readonly kernelRules: readonly string[];
  /** Message templates with `{{placeholder}}`s. */
  readonly messages: Readonly<Record<M, string>>;
  readonly fixable: boolean;
  readonly docsUrl: string;
}

export interface ReportInput<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly loc: SourceLoc | undefined;
  /** `item` or `item.field`: what config ignores match. */
  readonly path: string;
  readonly hint?: string;
  readonly fix?: Fix;
  readonly related?: readonly RelatedInfo[];
  /**
   * A lower severity for this finding than the rule's level (never a higher one; the
   * configured level caps it): `info` for "cannot judge this" notes and compatible changes,
   * `warning` for what a C header may do but should not and for changes that need review.
   */
  readonly severity?: Severity;
}

export interface RuleContext<M extends string = string> {
  readonly model: Model;
  readonly layouts: Layouts;
  /** The modules being linted (imported modules are read but not reported on). */
  readonly modules: readonly ModuleIR[];
  /**
   * Every definitions module of the tree the linted files belong to (`lint FILE` loads the
   * rest of its folder), for rules whose uniqueness spans the tree; `model` when not loaded.
   */
  readonly tree: Model;
  readonly fixer: Fixer;
  report(input: ReportInput<M>): void;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta<M>;
  readonly check: (ctx: RuleContext<M>) => void;
}
