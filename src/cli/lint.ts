/**
 * `uapi-gen lint [files...]`: lints definitions modules (and C headers, read through clang),
 * optionally against an older version, and prints the findings in one of four formats.
 * Exit status: 0 no error-severity finding, 1 findings at error severity, 2 usage or input
 * error (unreadable or invalid definitions, configuration or baseline).
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { join, resolve } from "node:path";
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
import {
  lintHeaderTrees,
  lintHeaderTreesInParallel,
  type TreeLintOptions,
} from "../lint/compat/tree/lint-tree.js";
import type { CompatCategory } from "../lint/types.js";
import { COMPAT_RULE_LIST } from "../lint/compat/index.js";
import { defineCommand } from "./command.js";
import { EXIT, UsageError, type Io } from "./usage.js";
import { packageVersion } from "./version.js";

const FORMATS = ["text", "json", "sarif", "github"] as const;
type Format = (typeof FORMATS)[number];

const DESCRIPTION = `usage: $0 lint [files..] [options]

Lints definitions modules (default: every uapi-defs/*.ts) and C uAPI headers (*.h, read
through clang-19) with the layout rules, on every ABI at once.`;

export const command = defineCommand({
  builder: (y) =>
    y
      .usage(DESCRIPTION)
      .positional("files", {
        describe: "definitions modules, C headers, or folders of them",
        type: "string",
        array: true,
      })
      .option("format", {
        describe: "text (gcc-style), json, sarif (SARIF 2.1.0) or github (annotations)",
        choices: FORMATS,
        default: "text" as Format,
      })
      .option("config", {
        describe: `configuration file (default: ./${CONFIG_FILE_NAME} when present)`,
        type: "string",
      })
      .option("preset", {
        describe: 'rule preset; overrides the configuration\'s "extends"',
        choices: PRESET_NAMES,
      })
      .option("fix", {
        describe: "apply the safe fixes to definitions files, formatted with prettier",
        type: "boolean",
        default: false,
      })
      .option("against", {
        describe:
          "also run the compatibility rules against an older version: a git revision (read " +
          "with git show, the work tree is not touched) or a folder; in a kernel source tree " +
          "(include/uapi arch/*/include/uapi) or among installed headers, the header trees",
        type: "string",
      })
      .option("category", {
        describe: "with --against: only api or abi compatibility rules (repeatable)",
        choices: ["api", "abi"] as const,
        array: true,
      })
      .option("quiet", { describe: "print errors only", type: "boolean", default: false })
      .option("include", {
        alias: "I",
        describe:
          "an include folder for C headers (repeatable; a folder holding <triple>/asm/ gives each ABI its own)",
        type: "string",
        array: true,
      })
      .epilog(
        "Exit status: 0 clean, 1 findings at error severity, 2 usage or input error.\n" +
          "Rules and their docs: docs/rules/<rule-id>.md; suppression comments: docs/lint.md.",
      ),
  run: (args, io) =>
    lintFiles(
      {
        files: args.files ?? [],
        format: args.format,
        quiet: args.quiet,
        fix: args.fix,
        categories: args.category ?? [],
        include: args.include ?? [],
        ...(args.config !== undefined ? { config: args.config } : {}),
        ...(args.preset !== undefined ? { preset: args.preset } : {}),
        ...(args.against !== undefined ? { against: args.against } : {}),
      },
      io,
    ),
});

const execFileAsync = promisify(execFile);

export interface LintCommandOptions {
  /** Definitions modules, C headers or folders; none: uapi-defs/. */
  readonly files: readonly string[];
  readonly format: Format;
  /** Configuration file; default ./uapi-lint.json when present. */
  readonly config?: string;
  readonly preset?: PresetName;
  readonly fix: boolean;
  /** A git revision or folder holding the older version, for the compatibility rules. */
  readonly against?: string;
  /** With `against`: only these compatibility categories. */
  readonly categories: readonly CompatCategory[];
  readonly quiet: boolean;
  /** Include folders for C headers (`-I`), relative to the working folder. */
  readonly include?: readonly string[];
}

export async function lintFiles(options: LintCommandOptions, io: Io): Promise<number> {
  const { format, categories } = options;
  if (categories.length && !options.against)
    throw new UsageError("--category selects compatibility rules: give --against too");

  const known = new Set([...RULE_LIST, ...COMPAT_RULE_LIST].map((r) => r.meta.id));
  const input: Diagnostic[] = [];
  const fileConfig = readConfig(options.config, io.cwd, known, input);
  const config = resolveConfig(
    { ...fileConfig, ...(options.preset ? { extends: options.preset } : {}) },
    [...RULE_LIST, ...COMPAT_RULE_LIST],
  );

  // Include folders for C headers: -I, then the configuration's includePath.
  const headerOptions = {
    includeDirs: [
      ...(options.include ?? []).map((d) => resolve(io.cwd, d)),
      ...(fileConfig?.includePath ?? []),
    ],
  };
  const lintOne = async (current: Input): Promise<LintResult> => {
    const lintOptions: LintOptions = {
      config,
      knownRules: known,
      ...(current.text ? { sourceText: current.text } : {}),
    };
    if (!options.against) return lint(current, lintOptions);
    const baseline = await readBaselineOf(current, options.against, io.cwd, headerOptions);
    if (!baseline.input)
      return { diagnostics: [...baseline.diagnostics, ...current.diagnostics], suppressed: 0 };
    // --category narrows the run to compatibility findings of those categories.
    const result = lint(current, {
      ...lintOptions,
      ...(categories.length ? { rules: [] } : {}),
      against: baseline.input,
      categories,
    });
    return { ...result, diagnostics: [...baseline.diagnostics, ...result.diagnostics] };
  };
  // C headers are read in one batch (one compiler run per ABI for all of them).
  const run = async (): Promise<LintResult> => {
    const results: LintResult[] = [];
    for (const current of await readInputs(options.files, io.cwd, headerOptions))
      results.push(await lintOne(current));
    return {
      diagnostics: results.flatMap((r) => r.diagnostics),
      suppressed: results.reduce((n, r) => n + r.suppressed, 0),
    };
  };

  if (input.length === 0 && options.fix) {
    const fixed = await fixUntilStable(async () => (await run()).diagnostics, {
      read: (f) => (existsSync(f) ? readFileSync(f, "utf8") : undefined),
      write: (f, t) => writeFileSync(f, t),
    });
    for (const f of fixed.files) io.err(`fixed: ${f}`);
  }
  // Header trees (a kernel source tree, installed headers) compare as check-uapi.sh does.
  const tree =
    options.against === undefined
      ? undefined
      : await lintTrees(options, options.against, io, { config, categories, knownRules: known });
  const result = tree ?? (await run());
  const inputErrors = [...input, ...result.diagnostics.filter(isInputError)];
  let shown: readonly LintDiagnostic[] = [...input, ...result.diagnostics];
  if (options.quiet) shown = shown.filter((d) => d.severity === "error");
  io.out(render(format, shown, io.cwd));
  if (format === "text" && shown.length) io.err(summary(shown));
  if (inputErrors.some((d) => d.severity === "error")) return EXIT.usage;
  return hasErrors(result.diagnostics) ? EXIT.findings : EXIT.ok;
}

/**
 * The header-tree comparison, its compiler work shared between processes: each runs this
 * command on its share of the headers (`UAPI_GEN_TREE_WORKER` keeps it from sharing again).
 */
async function lintTrees(
  options: LintCommandOptions,
  against: string,
  io: Io,
  treeOptions: TreeLintOptions,
): Promise<LintResult | undefined> {
  // Only the uapi-gen command itself can start more of itself (not a test runner hosting it).
  const self = process.argv[1];
  if (process.env.UAPI_GEN_TREE_WORKER || !self || !/uapi-gen(\.c?js)?$/.test(self))
    return await lintHeaderTrees(options.files, against, io.cwd, treeOptions);
  const fanOut = async (paths: readonly string[]) => {
    const args = [
      self,
      "lint",
      "--format",
      "json",
      "--against",
      against,
      ...options.categories.flatMap((c) => ["--category", c]),
      ...(options.config ? ["--config", options.config] : []),
      ...(options.preset ? ["--preset", options.preset] : []),
      ...paths,
    ];
    const { stdout } = await execFileAsync(process.execPath, args, {
      cwd: io.cwd,
      env: { ...process.env, UAPI_GEN_TREE_WORKER: "1" },
      maxBuffer: 1 << 30,
      timeout: 60 * 60 * 1000,
    }).catch((e: { stdout?: string; code?: number; message: string }) => {
      // Exit status 1 means findings: the JSON is there all the same.
      if (e.code === 1 && e.stdout) return { stdout: e.stdout };
      throw new Error(`a worker of lint --against failed: ${e.message}`);
    });
    return (JSON.parse(stdout) as { diagnostics: LintDiagnostic[] }).diagnostics;
  };
  return lintHeaderTreesInParallel(options.files, against, io.cwd, treeOptions, fanOut);
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
    sarif: () => formatSarif(diagnostics, sarifRules(), cwd, packageVersion()),
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

export { formatDiagnostic };
