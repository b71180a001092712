/**
 * Runs the compatibility rules between a baseline and the current version, as an extra pass
 * of `lint()`, with the levels of the configuration and an optional category filter.
 */
import { readFileSync } from "node:fs";
import { ABIS } from "../../abi/abis.js";
import { Layouts } from "../../layout/layouts.js";
import type { LintInput } from "../lint.js";
import { toDiagnostic } from "../report.js";
import type { CompatCategory, LintDiagnostic, RuleLevel } from "../types.js";
import { parseExtensibleAnnotations } from "./conventions/annotations.js";
import { pairVersions } from "./pairs.js";
import { COMPAT_RULE_LIST } from "./rules/index.js";
import type { CompatContext, RemovedHeader, Side } from "./types.js";

export interface CompatOptions {
  /** Structs declared extensible (`uapi-lint.json`, annotations): name → why. */
  readonly extensible?: ReadonlyMap<string, string>;
  /** Source text of the baseline's and the current files (macro bodies, annotations; default: the disk's). */
  readonly beforeText?: (file: string) => string | undefined;
  readonly afterText?: (file: string) => string | undefined;
  /** The ABIs both versions stand for (default: every ABI; an `asm/` header: its arch's). */
  readonly abis?: readonly string[];
  /** Tree comparisons: the header of the new tree that defines a name, if any. */
  readonly elsewhere?: (name: string) => string | undefined;
  /** Headers removed from a tree (tree comparisons only). */
  readonly removedHeaders?: readonly RemovedHeader[];
}

/** A version read by the C front end knows the ABIs its header does not compile for. */
type Read = LintInput & { readonly unread?: readonly string[] };

export function compatPass(
  baseline: LintInput,
  current: LintInput,
  levels: ReadonlyMap<string, RuleLevel>,
  categories: readonly CompatCategory[] = [],
  options: CompatOptions = {},
): LintDiagnostic[] {
  // Rules ask for the same few files' text many times (a macro body per constant).
  const beforeText = memo(options.beforeText ?? readFromDisk);
  const afterText = memo(options.afterText ?? readFromDisk);
  // `uapi-lint-extensible` annotations of both versions join the configuration's declarations.
  const extensible = new Map(options.extensible ?? []);
  const out: LintDiagnostic[] = [];
  for (const [input, text, own] of [
    [baseline, beforeText, false],
    [current, afterText, true],
  ] as const) {
    for (const m of input.primary) {
      const source = m.source === "c-header" ? text(m.file) : undefined;
      if (source === undefined) continue;
      const parsed = parseExtensibleAnnotations(m.file, source);
      for (const a of parsed.annotations)
        if (!extensible.has(a.struct)) extensible.set(a.struct, a.reason);
      if (own) out.push(...parsed.diagnostics);
    }
  }
  const side = (i: LintInput, text: (file: string) => string | undefined): Side => ({
    model: i.model,
    layouts: new Layouts(i.model),
    modules: i.primary,
    extensible,
    text,
  });
  const before = side(baseline, beforeText);
  const after: Side = {
    ...side(current, afterText),
    ...(options.elsewhere ? { elsewhere: options.elsewhere } : {}),
  };
  // An ABI a version does not compile for has only the reference's declarations: not compared.
  const unread = new Map<string, string>();
  for (const [input, label] of [
    [baseline, "the baseline does not compile there"],
    [current, "this version does not compile there"],
  ] as const)
    for (const abi of (input as Read).unread ?? [])
      unread.set(abi, unread.has(abi) ? "neither version compiles there" : label);
  const abis = (options.abis ?? ABIS.map((a) => a.name)).filter((a) => !unread.has(a));
  const skipped = (options.abis ?? ABIS.map((a) => a.name)).filter((a) => unread.has(a));
  const file = current.primary[0]?.file;
  if (skipped.length && file)
    out.push({
      severity: "warning",
      code: "lint/against",
      message: `not compared on ${[...new Set(skipped.map((a) => unread.get(a)!))]
        .map(
          (why) => `${skipped.filter((a) => unread.get(a) === why).join(", ")} (${why} on its own)`,
        )
        .join("; ")}: the front end read only the reference ABI's declarations there`,
      loc: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    });
  let pairs: CompatContext["pairs"];
  try {
    pairs = pairVersions(before, after);
  } catch (e) {
    return [
      {
        severity: "error",
        code: "lint/internal",
        message: `comparing versions failed: ${(e as Error).message}`,
      },
    ];
  }
  for (const rule of COMPAT_RULE_LIST) {
    const level = levels.get(rule.meta.id) ?? "off";
    if (level === "off" || (categories.length && !categories.includes(rule.meta.category)))
      continue;
    try {
      rule.check({
        before,
        after,
        pairs,
        abis,
        removedHeaders: options.removedHeaders ?? [],
        report: (r) => out.push(toDiagnostic(rule, level, r)),
      });
    } catch (e) {
      out.push({
        severity: "error",
        code: "lint/internal",
        message: `rule ${rule.meta.id} failed: ${(e as Error).message}`,
      });
    }
  }
  return out;
}

function readFromDisk(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function memo(read: (file: string) => string | undefined): (file: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) texts.set(file, read(file));
    return texts.get(file);
  };
}
