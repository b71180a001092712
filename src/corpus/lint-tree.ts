/**
 * `npm run corpus:lint [-- --series 7.2 --only iommufd.h --workers 2 --json FILE --write]`:
 * lints every `linux/*.h` of the corpus tree as `uapi-gen lint header.h` does (the recommended
 * rules) and prints how many findings each rule makes, with the headers that do not compile
 * on their own, internal errors and findings without a position counted apart. `--write`
 * puts the table into docs/lint.md (between its `corpus-lint` markers); `--json` writes every
 * finding, for review.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importHeaders } from "../import/import.js";
import { lint } from "../lint/lint.js";
import type { LintDiagnostic } from "../lint/types.js";
import { RULE_LIST } from "../lint/rules/index.js";
import { corpusManifest } from "../util/corpus.js";
import { PACKAGE_ROOT } from "../util/package-root.js";
import { parseTreeArgs, runWorkers, workerHeaders, type TreeOptions } from "./tree.js";

const WORKER_TIME_LIMIT_MS = 30 * 60_000;

export interface Finding {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  /** `file:line:col` (one-based), absent when the finding has no position. */
  readonly at?: string;
  readonly path?: string;
}

export interface HeaderFindings {
  readonly header: string;
  readonly findings: readonly Finding[];
}

/** Lints headers as `uapi-gen lint a.h b.h ...` does: read together, linted one by one. */
export async function lintHeaders(
  headers: readonly string[],
  sysroot: string,
): Promise<HeaderFindings[]> {
  const imported = await importHeaders(headers, { sysroot });
  return headers.map((header, i) => {
    const input = imported[i]!;
    const { diagnostics } = lint(input, {
      sourceText: (f) => (f === header ? input.text : undefined),
    });
    return { header, findings: diagnostics.map(findingOf) };
  });
}

function findingOf(d: LintDiagnostic): Finding {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.loc
      ? { at: `${d.loc.file}:${d.loc.range.start.line + 1}:${d.loc.range.start.character + 1}` }
      : {}),
    ...(d.path ? { path: d.path } : {}),
  };
}

/** The markdown table of findings per rule (and per import diagnostic) over the tree. */
export function findingsTable(results: readonly HeaderFindings[], options: TreeOptions): string {
  const rows = new Map<string, { severity: string; n: number; headers: Set<string> }>();
  let noPosition = 0;
  for (const r of results)
    for (const f of r.findings) {
      if (!f.at) noPosition++;
      const key = `${f.code}\0${f.severity}`;
      const row = rows.get(key) ?? { severity: f.severity, n: 0, headers: new Set<string>() };
      row.n++;
      row.headers.add(r.header);
      rows.set(key, row);
    }
  const compiled = results.filter((r) => !r.findings.some((f) => f.code === "import/clang"));
  const codes = [
    ...new Set([
      ...RULE_LIST.map((r) => r.meta.id),
      ...[...rows.keys()].map((k) => k.split("\0")[0]!),
    ]),
  ];
  const lines = ["| rule | severity | findings | headers |", "|---|---|---:|---:|"];
  for (const code of codes.sort()) {
    const mine = [...rows.entries()].filter(([k]) => k.split("\0")[0] === code);
    if (!mine.length) lines.push(`| \`${code}\` | | 0 | 0 |`);
    for (const [, row] of mine.sort((a, b) => (a[1].severity < b[1].severity ? -1 : 1)))
      lines.push(`| \`${code}\` | ${row.severity} | ${row.n} | ${row.headers.size} |`);
  }
  const version = corpusManifest()?.find((p) => p.path === `headers/${options.series}`)?.version;
  return [
    `Linux ${options.series} \`linux/*.h\` (linux-libc-dev ${version ?? "?"}): ${results.length} headers, ${compiled.length} compile on their own (x86_64 \`asm/\`). Findings without a position: ${noPosition}. Internal errors (\`lint/internal\`): ${rows.get("lint/internal\0error")?.n ?? 0}.`,
    "",
    ...lines,
  ].join("\n");
}

const BEGIN = "<!-- corpus-lint:begin (npm run corpus:lint -- --write) -->";
const END = "<!-- corpus-lint:end -->";

function writeIntoDocs(table: string): void {
  const file = join(PACKAGE_ROOT, "docs", "lint.md");
  const text = readFileSync(file, "utf8");
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/lint.md has no ${BEGIN} … ${END} section`);
  writeFileSync(file, `${text.slice(0, a + BEGIN.length)}\n\n${table}\n\n${text.slice(b)}`);
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseTreeArgs(argv);
  if (options.worker) {
    const { headers, sysroot } = workerHeaders({ ...options, worker: options.worker });
    for (const r of await lintHeaders(headers, sysroot))
      process.stdout.write(`${JSON.stringify(r)}\n`);
    return 0;
  }
  const started = Date.now();
  const results = await runWorkers<HeaderFindings>(
    fileURLToPath(import.meta.url),
    options,
    WORKER_TIME_LIMIT_MS,
  );
  results.sort((a, b) => (a.header < b.header ? -1 : 1));
  const json = options.rest.indexOf("--json");
  if (json >= 0) writeFileSync(options.rest[json + 1]!, JSON.stringify(results));
  const table = findingsTable(results, options);
  console.log(table);
  console.log(
    `\ntime: ${((Date.now() - started) / 1000).toFixed(0)} s with ${options.workers} workers`,
  );
  if (options.rest.includes("--write")) {
    if (options.only.length) throw new Error("--write records the whole tree: drop --only");
    writeIntoDocs(table);
  }
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    // No process.exit: it would cut a worker's output still queued for the pipe.
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(`corpus:lint: ${(e as Error).message}`);
      process.exitCode = 2;
    },
  );
}
