/**
 * `uapi-gen lint [files...]`: lints definitions modules (and C headers, read through clang),
 * optionally against an older version, and prints the findings in one of four formats.
 * Exit status: 0 no error-severity finding, 1 findings at error severity, 2 usage or input
 * error (unreadable or invalid definitions, configuration or baseline).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { fixUntilStable } from "../lint/fix.js";
import { formatGithub } from "../lint/format/github.js";
import { formatJson } from "../lint/format/json.js";
import { formatSarif } from "../lint/format/sarif.js";
import { formatText, summary } from "../lint/format/text.js";
import { CONFIG_FILE_NAME, parseConfig, resolveConfig, type LintConfig } from "../lint/config.js";
import { lint, type LintOptions, type LintResult } from "../lint/lint.js";
import { PRESET_NAMES, type PresetName } from "../lint/presets.js";
import { RULE_DOCS_DIR } from "../lint/create-rule.js";
import { RULE_LIST } from "../lint/rules/index.js";
import type { LintDiagnostic } from "../lint/types.js";
import { readBaselineOf, readInputs, type Input } from "../lint/inputs.js";
import type { CompatCategory } from "../lint/types.js";
import { COMPAT_RULE_LIST } from "../lint/compat/index.js";
import { PACKAGE_ROOT } from "../util/package-root.js";
import { EXIT, UsageError, type Io } from "./usage.js";

export const LINT_HELP = `usage: uapi-gen lint [files...] [options]

Lints definitions modules (default: every uapi-defs/*.ts) and C uAPI headers (*.h, read
through clang-19) with the layout rules, on every ABI at once.

options:
  --format F         text (default, gcc-style), json, sarif (SARIF 2.1.0), github (annotations)
  --config FILE      configuration (default: ./${CONFIG_FILE_NAME} when present)
  --preset P         ${PRESET_NAMES.join(" | ")} (overrides the configuration's "extends")
  --fix              apply the safe fixes to definitions files, formatted with prettier
  --against REF|DIR  also run the compatibility rules against an older version: a git
                     revision (read with git show, the work tree is not touched) or a folder
  --category C       with --against: only api or abi compatibility rules (repeatable)
  --quiet            print errors only

exit status: 0 clean, 1 findings at error severity, 2 usage or input error
rules and their docs: docs/rules/<rule-id>.md; suppression comments: docs/lint.md
`;

const FORMATS = ["text", "json", "sarif", "github"] as const;
type Format = (typeof FORMATS)[number];

export async function lintCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      config: { type: "string" },
      preset: { type: "string" },
      fix: { type: "boolean", default: false },
      against: { type: "string" },
      category: { type: "string", multiple: true },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(LINT_HELP);
    return EXIT.ok;
  }
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format is one of ${FORMATS.join(", ")}`);
  if (values.preset && !(PRESET_NAMES as readonly string[]).includes(values.preset))
    throw new UsageError(`--preset is one of ${PRESET_NAMES.join(", ")}`);
  const categories = (values.category ?? []) as CompatCategory[];
  for (const c of categories)
    if (c !== "api" && c !== "abi") throw new UsageError(`--category is api or abi, not ${c}`);
  if (categories.length && !values.against)
    throw new UsageError("--category selects compatibility rules: give --against too");

  const known = new Set([...RULE_LIST, ...COMPAT_RULE_LIST].map((r) => r.meta.id));
  const input: Diagnostic[] = [];
  const fileConfig = readConfig(values.config, io.cwd, known, input);
  const config = resolveConfig(
    { ...fileConfig, ...(values.preset ? { extends: values.preset as PresetName } : {}) },
    [...RULE_LIST, ...COMPAT_RULE_LIST],
  );

  // Include folders for C headers: the configuration's includePath.
  const headerOptions = { includeDirs: fileConfig?.includePath ?? [] };
  const run = async (): Promise<LintResult> => {
    const inputs = await readInputs(positionals, io.cwd, headerOptions);
    const results: LintResult[] = [];
    for (const current of inputs) results.push(await lintOne(current));
    return {
      diagnostics: results.flatMap((r) => r.diagnostics),
      suppressed: results.reduce((n, r) => n + r.suppressed, 0),
    };
  };
  const lintOne = async (current: Input): Promise<LintResult> => {
    const options: LintOptions = {
      config,
      knownRules: known,
      ...(current.text ? { sourceText: current.text } : {}),
    };
    if (!values.against) return lint(current, options);
    const baseline = await readBaselineOf(current, values.against, io.cwd);
    if (!baseline.input)
      return { diagnostics: [...baseline.diagnostics, ...current.diagnostics], suppressed: 0 };
    // --category narrows the run to compatibility findings of those categories.
    const result = lint(current, {
      ...options,
      ...(categories.length ? { rules: [] } : {}),
      against: baseline.input,
      categories,
    });
    return { ...result, diagnostics: [...baseline.diagnostics, ...result.diagnostics] };
  };

  if (input.length === 0 && values.fix) {
    const fixed = await fixUntilStable(async () => (await run()).diagnostics, {
      read: (f) => (existsSync(f) ? readFileSync(f, "utf8") : undefined),
      write: (f, t) => writeFileSync(f, t),
    });
    for (const f of fixed.files) io.err(`fixed: ${f}`);
  }
  const result = await run();
  const inputErrors = [...input, ...result.diagnostics.filter(isInputError)];
  let shown: readonly LintDiagnostic[] = [...input, ...result.diagnostics];
  if (values.quiet) shown = shown.filter((d) => d.severity === "error");
  io.out(render(format, shown, io.cwd));
  if (format === "text" && shown.length) io.err(summary(shown));
  if (inputErrors.some((d) => d.severity === "error")) return EXIT.usage;
  return hasErrors(result.diagnostics) ? EXIT.findings : EXIT.ok;
}

/** Loader, import, baseline and configuration problems: the input could not be read. */
function isInputError(d: Diagnostic): boolean {
  return /^(defs|import|lint\/config|lint\/against)(\/|$)/.test(d.code);
}

function readConfig(
  path: string | undefined,
  cwd: string,
  known: ReadonlySet<string>,
  out: Diagnostic[],
): LintConfig | undefined {
  const file = path ? resolve(cwd, path) : join(cwd, CONFIG_FILE_NAME);
  if (!existsSync(file)) {
    if (path) throw new UsageError(`${path}: no such configuration file`);
    return undefined;
  }
  const parsed = parseConfig(file, readFileSync(file, "utf8"), known);
  out.push(...parsed.diagnostics);
  return parsed.config;
}

function render(format: Format, diagnostics: readonly LintDiagnostic[], cwd: string): string {
  const table: Readonly<Record<Format, () => string>> = {
    text: () => formatText(diagnostics, cwd),
    json: () => formatJson(diagnostics, cwd),
    github: () => formatGithub(diagnostics, cwd),
    sarif: () => formatSarif(diagnostics, sarifRules(), cwd, version()),
  };
  return table[format]();
}

function sarifRules() {
  return [...RULE_LIST, ...COMPAT_RULE_LIST].map((r) => ({ ...r.meta, ...ruleHelp(r.meta.id) }));
}

/** The "Why" section of docs/rules/<id>.md, as the rule's SARIF help. */
function ruleHelp(id: string): { help?: string } {
  try {
    const text = readFileSync(join(RULE_DOCS_DIR, `${id}.md`), "utf8");
    const why = /## Why\n([\s\S]*?)(\n## |$)/.exec(text)?.[1]?.trim();
    return why ? { help: why } : {};
  } catch {
    return {};
  }
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export { formatDiagnostic };
