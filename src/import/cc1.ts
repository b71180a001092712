/**
 * One clang frontend process (`clang -cc1`) over many translation units of one ABI: either
 * preprocessor output (`-E`) or the JSON AST. cc1 handles its inputs one after the other,
 * each as its own translation unit, so a batch pays one process start. The outputs are split
 * back per input: `-E` output by the `# 1 "<input>"` line that opens each unit, the JSON AST by
 * the sentinel typedef every probe unit declares first (probes.ts), and the diagnostics by the
 * unit whose include chain (or own file) they name.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { DEFAULT_TOOL_TIMEOUT_MS, run } from "../util/exec.js";
import type { AbiReader } from "./toolchain.js";

export type Cc1Action = "preprocess" | "ast" | "object";

export interface UnitOutput {
  readonly stdout: string;
  readonly errors: ClangMessage[];
}

export interface ClangMessage {
  readonly file: string | undefined;
  readonly line: number;
  readonly col: number;
  readonly severity: "error" | "fatal error";
  readonly message: string;
}

export interface Cc1Result {
  readonly units: ReadonlyMap<string, UnitOutput>;
  /** The whole standard output (a filtered AST dump is one document per declaration). */
  readonly stdout: string;
  /** The process itself failed (not installed, killed by the time limit, crashed). */
  readonly failure?: Diagnostic;
  /** The arguments the process ran with. */
  readonly args: readonly string[];
}

const ACTION_ARGS: Record<Cc1Action, readonly string[]> = {
  preprocess: ["-E"],
  ast: ["-ast-dump=json"],
  // Each unit's object is written next to it (`12.truth.c` gives `12.truth.o`).
  object: ["-emit-obj"],
};

/** The sentinel each probe unit declares first, so its JSON AST can be told from the others. */
export const UNIT_SENTINEL = "__uapi_unit_";

export async function runCc1(
  reader: AbiReader,
  action: Cc1Action,
  inputs: readonly string[],
  includeArgs: readonly string[],
  extraArgs: readonly string[] = [],
): Promise<Cc1Result> {
  const args = [
    "-cc1",
    ...reader.cc1,
    ...(reader.predefs ? ["-include", reader.predefs] : []),
    "-isystem",
    reader.builtinInclude,
    ...includeArgs,
    ...ACTION_ARGS[action],
    ...extraArgs,
    "-x",
    "c",
    ...inputs,
  ];
  const timeoutMs = DEFAULT_TOOL_TIMEOUT_MS + inputs.length * 1000;
  const r = await run(reader.clang, args, { timeoutMs });
  const units = new Map<string, UnitOutput>();
  const stdout = r.stdout.toString("utf8");
  const split =
    action === "preprocess"
      ? splitPreprocessed(stdout, inputs)
      : action === "ast"
        ? splitAst(stdout)
        : new Map<string, string>();
  const errors = messagesByUnit(r.stderr, inputs);
  for (const input of inputs) {
    const key = action === "preprocess" ? input : unitNumber(input);
    units.set(input, { stdout: split.get(key) ?? "", errors: errors.get(input) ?? [] });
  }
  if (r.spawnError || r.timedOut || r.code > 1)
    return {
      units,
      stdout,
      args,
      failure: {
        severity: "error",
        code: "import/clang",
        message: r.timedOut
          ? `clang (${reader.abi.name}) did not finish within ${timeoutMs} ms`
          : r.spawnError
            ? `${reader.clang} could not be started: ${r.stderr}`
            : `clang (${reader.abi.name}) failed: ${r.stderr.trim().split("\n").slice(-3).join(" ")}`,
        hint: "the header must compile on its own; set UAPI_GEN_TOOL_TIMEOUT_MS for slow machines",
      },
    };
  return { units, stdout, args };
}

function splitPreprocessed(stdout: string, inputs: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const starts: { input: string; at: number }[] = [];
  for (const input of inputs) {
    const marker = `# 1 "${input}"\n`;
    const at = stdout.startsWith(marker) ? 0 : stdout.indexOf(`\n${marker}`);
    if (at >= 0) starts.push({ input, at: at === 0 ? 0 : at + 1 });
  }
  starts.sort((a, b) => a.at - b.at);
  starts.forEach((s, i) =>
    out.set(s.input, stdout.slice(s.at, starts[i + 1]?.at ?? stdout.length)),
  );
  return out;
}

/** Each unit's JSON follows the previous one's closing brace (`}{`); its sentinel names it. */
function splitAst(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of splitJsonDocuments(stdout)) {
    const m = new RegExp(`"name": "${UNIT_SENTINEL}(\\d+)"`).exec(doc);
    if (m && !out.has(`#${m[1]}`)) out.set(`#${m[1]}`, doc);
  }
  return out;
}

/** Concatenated top-level JSON objects: each closing `}` at column 0 ends one. */
export function splitJsonDocuments(stdout: string): string[] {
  const docs: string[] = [];
  let start = 0;
  for (let at = stdout.indexOf("\n}", 0); at >= 0; at = stdout.indexOf("\n}", at + 2)) {
    docs.push(stdout.slice(start, at + 2));
    start = at + 2;
    while (start < stdout.length && /\s/.test(stdout[start]!)) start++;
  }
  const rest = stdout.slice(start).trim();
  if (rest) docs.push(rest);
  return docs.filter((d) => d.trim().startsWith("{"));
}

/** The number in a probe unit's file name (`.../12.ast.c` is 12). */
export function unitNumber(input: string): string {
  return `#${/(\d+)\.\w+\.c$/.exec(input)?.[1] ?? ""}`;
}

const MESSAGE = /^(.*?):(\d+):(\d+): (fatal error|error): (.*)$/;
const INCLUDED_FROM = /^In file included from (.*?):\d+:$/;
const DRIVER_ERROR = /^(?:clang[^:]*: )?(fatal error|error): (.*)$/;

/**
 * Error messages per unit. A message in a header is followed back to the unit through the
 * "In file included from" chain clang prints when the include stack changes; later messages
 * of the same stack belong to the same unit.
 */
function messagesByUnit(stderr: string, inputs: readonly string[]): Map<string, ClangMessage[]> {
  const known = new Set(inputs);
  const out = new Map<string, ClangMessage[]>();
  let unit: string | undefined;
  let chainTop: string | undefined;
  for (const line of stderr.split("\n")) {
    const inc = INCLUDED_FROM.exec(line) ?? /^\s+from (.*?):\d+:$/.exec(line);
    if (inc) {
      if (known.has(inc[1]!)) chainTop = inc[1]!;
      continue;
    }
    const m = MESSAGE.exec(line);
    const d = m ? undefined : DRIVER_ERROR.exec(line);
    if (!m && !d) continue;
    if (m && known.has(m[1]!)) unit = m[1]!;
    else if (chainTop) unit = chainTop;
    chainTop = undefined;
    const message: ClangMessage = m
      ? {
          file: m[1]!,
          line: Number(m[2]),
          col: Number(m[3]),
          severity: m[4] as ClangMessage["severity"],
          message: m[5]!,
        }
      : {
          file: undefined,
          line: 0,
          col: 0,
          severity: d![1] as ClangMessage["severity"],
          message: d![2]!,
        };
    const key = unit ?? inputs[0];
    if (key === undefined) continue;
    const list = out.get(key) ?? [];
    list.push(message);
    out.set(key, list);
  }
  return out;
}
