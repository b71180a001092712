/**
 * Compiles probe units into objects with the compiler that is the truth for an ABI (clang's
 * frontend for the clang ABIs, the Debian cross gcc for the others) and reads back the bytes
 * of their data symbols (elf.ts). Units that fail are reported with their error lines, so a
 * caller can drop the probes on those lines and compile again.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Abi } from "../abi/abis.js";
import { DEFAULT_TOOL_TIMEOUT_MS, run } from "../util/exec.js";
import { runCc1 } from "./cc1.js";
import { ElfError, readElfObjects } from "./elf.js";
import { abiReader } from "./toolchain.js";

export interface UnitSource {
  /** Absolute path the unit is written to (`.c`); its folder must exist. */
  readonly path: string;
  readonly text: string;
}

export interface UnitObject {
  readonly symbols?: ReadonlyMap<string, Uint8Array>;
  readonly littleEndian?: boolean;
  /** 1-based lines of the unit itself that have errors. */
  readonly errorLines: ReadonlySet<number>;
  /** Errors elsewhere (in the header or a file it includes), as `file:line:col: message`. */
  readonly otherErrors: readonly string[];
}

export type ObjectsResult =
  | { readonly ok: true; readonly units: ReadonlyMap<string, UnitObject> }
  | { readonly ok: false; readonly message: string };

interface UnitError {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

const gccIncludeDirs = new Map<string, Promise<string | undefined>>();

function gccInclude(command: string): Promise<string | undefined> {
  let p = gccIncludeDirs.get(command);
  if (!p)
    gccIncludeDirs.set(
      command,
      (p = run(command, ["-print-file-name=include"], { timeoutMs: DEFAULT_TOOL_TIMEOUT_MS }).then(
        (r) => (r.code === 0 ? r.stdout.toString("utf8").trim() : undefined),
      )),
    );
  return p;
}

export async function compileObjects(
  abi: Abi,
  units: readonly UnitSource[],
  includeArgs: readonly string[],
): Promise<ObjectsResult> {
  for (const u of units) writeFileSync(u.path, u.text);
  const c = abi.compiler;
  const errors = new Map<string, UnitError[]>();
  if (c.kind === "clang") {
    const reader = await abiReader(abi);
    if (!reader.ok) return { ok: false, message: reader.message };
    const r = await runCc1(
      reader.reader,
      "object",
      units.map((u) => u.path),
      includeArgs,
    );
    if (r.failure) return { ok: false, message: r.failure.message };
    for (const [unit, out] of r.units)
      errors.set(
        unit,
        out.errors.map((e) => ({
          file: e.file ?? "",
          line: e.line,
          text: `${e.file}:${e.line}:${e.col}: ${e.severity}: ${e.message}`,
        })),
      );
    return { ok: true, units: collect(units, errors) };
  }
  const include = await gccInclude(c.gcc.command);
  if (!include) return { ok: false, message: `${c.gcc.command} is not installed` };
  // The driver writes each unit's object into its working folder, named after the unit.
  const byDir = new Map<string, UnitSource[]>();
  for (const u of units) byDir.set(dirname(u.path), [...(byDir.get(dirname(u.path)) ?? []), u]);
  for (const [dir, list] of byDir) {
    const r = await run(
      c.gcc.command,
      [
        ...(c.gcc.args ?? []),
        "-c",
        "-std=gnu11",
        "-ffreestanding",
        "-nostdinc",
        "-isystem",
        include,
        "-w",
        ...includeArgs,
        ...list.map((u) => basename(u.path)),
      ],
      { cwd: dir, timeoutMs: DEFAULT_TOOL_TIMEOUT_MS + list.length * 1000 },
    );
    if (r.spawnError) return { ok: false, message: `${c.gcc.command} could not be started` };
    if (r.timedOut) return { ok: false, message: `${c.gcc.command} did not finish in time` };
    for (const [file, list2] of gccErrorsByUnit(r.stderr, dir)) errors.set(file, list2);
  }
  return { ok: true, units: collect(units, errors) };
}

function collect(
  units: readonly UnitSource[],
  errors: ReadonlyMap<string, readonly UnitError[]>,
): Map<string, UnitObject> {
  const out = new Map<string, UnitObject>();
  for (const u of units) {
    const obj = u.path.replace(/\.c$/, ".o");
    const errorLines = new Set<number>();
    const otherErrors: string[] = [];
    for (const e of errors.get(u.path) ?? []) {
      if (e.file === u.path) errorLines.add(e.line);
      else otherErrors.push(e.text);
    }
    let symbols: ReadonlyMap<string, Uint8Array> | undefined;
    let littleEndian: boolean | undefined;
    try {
      const elf = readElfObjects(readFileSync(obj));
      symbols = elf.symbols;
      littleEndian = elf.littleEndian;
    } catch (e) {
      // No object: the unit did not compile (its errors say why).
      if (e instanceof ElfError) otherErrors.push(`${obj}: ${e.message}`);
    }
    rmSync(obj, { force: true });
    out.set(u.path, { symbols, littleEndian, errorLines, otherErrors });
  }
  return out;
}

/** gcc's errors per unit: the unit named in the message or in the include chain above it. */
function gccErrorsByUnit(stderr: string, dir: string): Map<string, UnitError[]> {
  const out = new Map<string, UnitError[]>();
  let unit: string | undefined;
  for (const line of stderr.split("\n")) {
    const inc = /^In file included from (.*?):\d+[:,]/.exec(line);
    if (inc) {
      unit = absolute(inc[1]!, dir);
      continue;
    }
    // An error inside a macro of a header the unit includes by path is placed in the header,
    // then traced back to the unit's line by a note: the probe on that line failed.
    const note = /^(.*?):(\d+):\d+: note: in expansion of macro/.exec(line);
    if (note && unit && absolute(note[1]!, dir) === unit && out.get(unit)?.length) {
      const list = out.get(unit)!;
      list.push({ ...list[list.length - 1]!, file: unit, line: Number(note[2]) });
      continue;
    }
    const m = /^(.*?):(\d+):(\d+): (?:fatal )?error: (.*)$/.exec(line);
    if (!m) continue;
    const file = absolute(m[1]!, dir);
    const owner = file.endsWith(".c") ? file : unit;
    if (!owner) continue;
    const list = out.get(owner) ?? [];
    list.push({ file, line: Number(m[2]), text: `${file}:${m[2]}:${m[3]}: error: ${m[4]}` });
    out.set(owner, list);
  }
  return out;
}

function absolute(file: string, dir: string): string {
  return file.startsWith("/") ? file : join(dir, file);
}
