/**
 * The compilers the C front end runs per ABI.
 *
 * Declarations and macros are read by clang's frontend (`clang -cc1`) called directly: one
 * cc1 process takes many input files and handles each as its own translation unit, so a
 * batch of headers costs one process start (~30 ms) per ABI instead of one per header. The
 * cc1 arguments of a target are the driver's own (`clang -### --target=T`: target CPU,
 * features, ABI, `-fno-signed-char`, ...), asked once and cached on disk with the compiler's
 * identity.
 *
 * For the ABIs whose compiler is a cross gcc (m68k, sh4, alpha, hppa), the preprocessor sees
 * exactly what that gcc predefines: clang runs with `-undef` and gcc's `-dM` macro list, on a
 * clang target of the same pointer size and byte order (`declarations` in the ABI table).
 * Only declarations are read that way; sizes, offsets and values of those ABIs always come
 * from the gcc itself (src/import/truth).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Abi } from "../abi/abis.js";
import { DEFAULT_TOOL_TIMEOUT_MS, run } from "../util/exec.js";

export const CLANG = process.env.UAPI_GEN_CLANG ?? "clang-19";

/** How the front end reads one ABI's declarations. */
export interface AbiReader {
  readonly abi: Abi;
  /** The clang binary to run with `-cc1`. */
  readonly clang: string;
  /** cc1 arguments selecting the target; no action and no input. */
  readonly cc1: readonly string[];
  /** gcc ABIs: the file of gcc's predefined macros, included after `-undef`. */
  readonly predefs?: string;
  /**
   * clang's own headers (`stddef.h`, `stdint.h`), searched before any system folder: a
   * freestanding `<stdint.h>` needs no libc, so a header that includes it reads on every ABI.
   */
  readonly builtinInclude: string;
}

export type ReaderResult =
  | { readonly ok: true; readonly reader: AbiReader }
  | { readonly ok: false; readonly message: string; readonly hint: string };

interface CacheFile {
  readonly version: 1;
  readonly entries: Record<string, unknown>;
}

/** `$XDG_CACHE_HOME/uapi-gen/front-end` (or ~/.cache/...), or UAPI_GEN_FRONT_END_CACHE. */
export function frontEndCacheDir(): string {
  if (process.env.UAPI_GEN_FRONT_END_CACHE) return process.env.UAPI_GEN_FRONT_END_CACHE;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "uapi-gen", "front-end");
}

const memo = new Map<string, Promise<ReaderResult>>();

/** The reader of every ABI; each is asked of the compiler once per process (and cached on disk). */
export function abiReader(abi: Abi): Promise<ReaderResult> {
  let r = memo.get(abi.name);
  if (!r) memo.set(abi.name, (r = makeReader(abi)));
  return r;
}

async function makeReader(abi: Abi): Promise<ReaderResult> {
  const c = abi.compiler;
  const target = c.kind === "clang" ? c.target : c.declarations;
  const driver = await cc1Args(target);
  if (!driver.ok) return driver;
  const at = driver.args.indexOf("-resource-dir");
  const builtinInclude = `${at >= 0 ? driver.args[at + 1] : "/usr/lib/llvm-19/lib/clang/19"}/include`;
  if (c.kind === "clang")
    return { ok: true, reader: { abi, clang: driver.clang, cc1: driver.args, builtinInclude } };
  const predefs = await gccPredefs(c.gcc.command, c.gcc.args ?? []);
  if (!predefs.ok) return predefs;
  return {
    ok: true,
    reader: {
      abi,
      clang: driver.clang,
      cc1: [...driver.args, "-undef"],
      predefs: predefs.file,
      builtinInclude,
    },
  };
}

/** Options of the driver's cc1 line that name the input, the action or the output. */
const DROP_WITH_VALUE = new Set(["-main-file-name", "-x", "-o", "-dumpdir", "-ferror-limit"]);
const DROP = new Set(["-cc1", "-fsyntax-only", "-fcolor-diagnostics"]);

async function cc1Args(
  target: string,
): Promise<
  { ok: true; clang: string; args: string[] } | { ok: false; message: string; hint: string }
> {
  const id = toolIdentity(CLANG);
  const key = `cc1 ${target} ${id}`;
  const cached = readCache(key) as { clang: string; args: string[] } | undefined;
  if (cached) return { ok: true, ...cached };
  const dir = frontEndCacheDir();
  mkdirSync(dir, { recursive: true });
  const dummy = join(dir, "uapi-gen-dummy.c");
  if (!existsSync(dummy)) writeFileSync(dummy, "\n");
  const r = await run(
    CLANG,
    [
      "-###",
      `--target=${target}`,
      "-x",
      "c",
      "-std=gnu11",
      "-ffreestanding",
      "-nostdlibinc",
      "-fsyntax-only",
      dummy,
    ],
    { timeoutMs: DEFAULT_TOOL_TIMEOUT_MS },
  );
  if (r.spawnError)
    return {
      ok: false,
      message: `${CLANG} is not installed`,
      hint: "apt-get install clang-19, or set UAPI_GEN_CLANG",
    };
  const line = r.stderr.split("\n").find((l) => l.includes('"-cc1"'));
  if (r.code !== 0 || !line)
    return {
      ok: false,
      message: `${CLANG} cannot target ${target}: ${r.stderr.trim().split("\n").pop() ?? ""}`,
      hint: "use a clang with that target (Debian's clang-19 has every target the ABI table names)",
    };
  const argv = splitQuoted(line);
  const args: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (DROP_WITH_VALUE.has(a)) i++;
    else if (
      DROP.has(a) ||
      a === dummy ||
      a.startsWith("-fdebug-compilation-dir") ||
      a.startsWith("-fcoverage-compilation-dir")
    )
      continue;
    else args.push(a);
  }
  // Every error is reported: the front end reads the positions of all of them.
  args.push("-ferror-limit", "0");
  const result = { clang: argv[0]!, args };
  writeCache(key, result);
  return { ok: true, ...result };
}

async function gccPredefs(
  command: string,
  extra: readonly string[],
): Promise<{ ok: true; file: string } | { ok: false; message: string; hint: string }> {
  const id = toolIdentity(command);
  const hash = createHash("sha256")
    .update(`${command} ${extra.join(" ")} ${id}`)
    .digest("hex");
  const file = join(frontEndCacheDir(), `predefs-${command}-${hash.slice(0, 16)}.h`);
  if (existsSync(file)) return { ok: true, file };
  const r = await run(
    command,
    [...extra, "-dM", "-E", "-x", "c", "-std=gnu11", "-ffreestanding", "-"],
    {
      input: "",
      timeoutMs: DEFAULT_TOOL_TIMEOUT_MS,
    },
  );
  if (r.spawnError || r.code !== 0)
    return {
      ok: false,
      message: `${command} is not installed`,
      hint: `apt-get install ${command.replace(/-gcc$/, "").replace(/^/, "gcc-")}`,
    };
  mkdirSync(frontEndCacheDir(), { recursive: true });
  atomicWrite(file, r.stdout.toString("utf8"));
  return { ok: true, file };
}

/** A compiler's identity for the cache: where `command` resolves, with its size and time. */
function toolIdentity(command: string): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const p = join(dir, command);
    try {
      const s = statSync(p);
      return `${p}:${s.size}:${s.mtimeMs}`;
    } catch {
      // not in this folder
    }
  }
  return command;
}

/** The driver prints each argument in double quotes, with `\"` and `\\` escaped. */
export function splitQuoted(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1]!.replace(/\\(.)/g, "$1"));
  return out;
}

function cacheFile(): string {
  return join(frontEndCacheDir(), "toolchain-v1.json");
}

function readCache(key: string): unknown {
  try {
    const parsed = JSON.parse(readFileSync(cacheFile(), "utf8")) as CacheFile;
    return parsed.version === 1 ? parsed.entries[key] : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(key: string, value: unknown): void {
  let entries: Record<string, unknown> = {};
  try {
    entries = (JSON.parse(readFileSync(cacheFile(), "utf8")) as CacheFile).entries ?? {};
  } catch {
    // a new cache
  }
  entries[key] = value;
  try {
    mkdirSync(frontEndCacheDir(), { recursive: true });
    atomicWrite(cacheFile(), JSON.stringify({ version: 1, entries }));
  } catch {
    // a cache that cannot be written only costs time
  }
}

function atomicWrite(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
