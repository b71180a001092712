/**
 * Part 3, runtime round trips: the generated harness is compiled for the ABI (static, run
 * under qemu-user; or native, also with ASan/UBSan) and fed the TypeScript encoding of seeded
 * values; its canonical print must equal what the codec decodes, and the bytes it fills from
 * a second seed must equal what the codec encodes for the same seeded values (padding zero).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Abi } from "../../abi/abis.js";
import type { Model, ModuleIR, StructItem } from "../../model/ir.js";
import { emulatorProblem } from "../emulator-probe.js";
import { firstLines, type Pool } from "../exec.js";
import { isNativeRuntime, runtimeTool, type RuntimeTool } from "../toolchain.js";
import type { CheckName, Finding, StepResult } from "../types.js";
import { structsOf, type Workspace } from "../workspace.js";
import { codecOf } from "./codecs.js";
import { canonicalLines, fillStruct, SplitMix64 } from "./values.js";

export interface RoundTripOptions {
  readonly seed: bigint;
}

/** The fill seed differs from the input seed so the harness cannot pass by echoing. */
export const fillSeed = (seed: bigint): bigint => seed ^ 0x5eedn;

// -O0: the harness is simple code where compile time dominates, and qemu-sh4 7.2 runs the
// freestanding sh4 harness wrongly when gcc optimises it (wide shifts come out wrong).
const HARNESS_FLAGS = ["-O0", "-std=c11", "-Wall", "-Wextra", "-Werror"];
const SANITIZE_FLAGS = [
  "-g",
  "-fsanitize=address,undefined",
  "-fno-sanitize-recover=all",
  "-fno-omit-frame-pointer",
];
const MAX_FINDINGS_PER_STRUCT = 5;

interface Variant {
  readonly check: CheckName;
  readonly flags: readonly string[];
  /** Whether the tool's linking flags apply (the sanitizers need a dynamic build). */
  readonly link: boolean;
  /** Suffix of the binary, so both variants can be built side by side. */
  readonly suffix: string;
}

const VARIANTS = {
  roundtrip: { check: "roundtrip", flags: [], link: true, suffix: "" },
  sanitize: { check: "sanitize", flags: SANITIZE_FLAGS, link: false, suffix: ".asan" },
} as const satisfies Record<string, Variant>;

function harnessModules(ws: Workspace): ModuleIR[] {
  return ws.primary.filter((m) => ws.files.has(`c/harness/${m.name}.harness.c`));
}

export async function roundtripStep(
  ws: Workspace,
  abi: Abi,
  pool: Pool,
  opts: RoundTripOptions,
): Promise<StepResult> {
  const resolved = await runtimeTool(abi);
  if (!resolved.ok) {
    if ("notApplicable" in resolved) return { status: "skip", detail: resolved.notApplicable };
    return { status: "missing", detail: `install ${resolved.missing}`, install: resolved.install };
  }
  return runVariant(ws, abi, pool, opts, resolved.tool, VARIANTS.roundtrip);
}

export async function sanitizeStep(
  ws: Workspace,
  abi: Abi,
  pool: Pool,
  opts: RoundTripOptions,
): Promise<StepResult> {
  const resolved = await runtimeTool(abi);
  // On the native ABI a missing compiler or libc is missing, not "not applicable".
  if (!resolved.ok && "missing" in resolved && isNativeRuntime(abi))
    return { status: "missing", detail: `install ${resolved.missing}`, install: resolved.install };
  if (!resolved.ok || resolved.tool.qemu || !resolved.tool.hosted)
    return { status: "skip", detail: "native ABI only" };
  return runVariant(ws, abi, pool, opts, resolved.tool, VARIANTS.sanitize);
}

/**
 * All harnesses of the run as one program per ABI: each module's `main` renamed and called in
 * turn (their struct functions are guarded, so shared structs are defined once), so an ABI
 * costs one build and one emulator start instead of one per module. Written once per
 * workspace, before any compile reads it.
 */
const drivers = new WeakMap<Workspace, string>();

function driverOf(ws: Workspace, modules: readonly ModuleIR[]): string {
  let file = drivers.get(ws);
  if (!file) {
    file = join(ws.dir, "c/harness/uapi-gen-conform.c");
    const lines = ["#include <uapi-gen/harness.h>"];
    modules.forEach((m, i) =>
      lines.push(`#define main uh_main_${i}`, `#include "${m.name}.harness.c"`, "#undef main"),
    );
    lines.push("", "int main(void)", "{", "\tint r = 0;", "");
    modules.forEach((_, i) => lines.push(`\tif (!r)`, `\t\tr = uh_main_${i}();`));
    lines.push("\treturn r;", "}", "");
    writeFileSync(file, lines.join("\n"));
    drivers.set(ws, file);
  }
  return file;
}

async function runVariant(
  ws: Workspace,
  abi: Abi,
  pool: Pool,
  opts: RoundTripOptions,
  tool: RuntimeTool,
  variant: Variant,
): Promise<StepResult> {
  const check = variant.check;
  const fail = (message: string): StepResult => ({
    status: "fail",
    detail: message.split("\n")[0]!,
    findings: [{ abi: abi.name, check, message }],
  });
  const modules = harnessModules(ws);
  const bin = join(ws.dir, `bin/${abi.name}/harness${variant.suffix}`);
  mkdirSync(join(ws.dir, `bin/${abi.name}`), { recursive: true });
  const cc = await pool.exec(tool.cc, [
    ...tool.args,
    ...HARNESS_FLAGS,
    ...variant.flags,
    ...(variant.link ? tool.link : []),
    ...["-I", join(ws.dir, "c/prelude"), "-I", join(ws.dir, "c"), `-DUAPI_GEN_ABI_${abi.name}`],
    "-o",
    bin,
    driverOf(ws, modules),
    ...tool.libs,
  ]);
  if (cc.code !== 0)
    return fail(
      `the harnesses do not build with ${tool.cc}:\n${firstLines(cc.stderr.split(ws.dir + "/").join(""), 8)}`,
    );

  // Per module: the fill seed (8 bytes, little-endian), then each struct's encoding.
  const perModule = modules.map((m) => {
    const items = structsOf([m]);
    const rng = new SplitMix64(opts.seed);
    const inputs = items.map((item) =>
      codecOf(item, ws.model).encode(fillStruct(item, rng, { model: ws.model, abi }), abi, {
        validate: false,
      }),
    );
    return { items, inputs };
  });
  const seed = Buffer.alloc(8);
  seed.writeBigUInt64LE(BigInt.asUintN(64, fillSeed(opts.seed)));
  const input = Buffer.concat(perModule.flatMap((m) => [seed, ...m.inputs]));
  const [cmd, args] = tool.qemu ? [tool.qemu, [...tool.qemuArgs, bin]] : [bin, []];
  const run = await pool.exec(cmd, args, { input, timeoutMs: 60_000 });
  const where = tool.qemu ? `under ${tool.qemu} (${tool.mode})` : "natively";
  if (run.code !== 0) {
    // A harness that did not run may mean an emulator that runs nothing here (Debian's
    // qemu-user has such targets): a hello world built the same way tells, and only then.
    if (tool.qemu && tool.hosted) {
      const build = { ...tool, args: [...tool.args, ...tool.link] };
      const problem = await emulatorProblem(build, tool.qemu);
      if (problem) return { status: "skip", detail: problem };
    }
    return fail(`the harness exited with ${run.code} ${where}:\n${firstLines(run.stderr, 12)}`);
  }

  // The modules' outputs follow each other: split them by their known line counts.
  const lines = run.stdout.toString("utf8").split("\n");
  let at = 0;
  const findings: Finding[] = [];
  for (const { items, inputs } of perModule) {
    const count = items.reduce(
      (n, item, k) =>
        n +
        2 +
        canonicalLines(item, codecOf(item, ws.model).decode(inputs[k]!, abi), ws.model).length,
      0,
    );
    const chunk = lines.slice(at, at + count).join("\n");
    at += count;
    findings.push(...compareOutput(items, ws.model, abi, inputs, chunk, opts, check));
  }
  const structs = perModule.reduce((n, m) => n + m.items.length, 0);
  if (findings.length)
    return {
      status: "fail",
      detail: `${findings.length} problem(s) in ${structs} structs ${where}`,
      findings,
    };
  return { status: "pass", detail: `${structs} structs both ways ${where}` };
}

/** Compares the harness output with the codec, struct by struct; names the first differences. */
export function compareOutput(
  items: readonly StructItem[],
  model: Model,
  abi: Abi,
  inputs: readonly Uint8Array[],
  stdout: string,
  opts: RoundTripOptions,
  check: CheckName,
): Finding[] {
  const lines = stdout.split("\n");
  let at = 0;
  const findings: Finding[] = [];
  const rngFill = new SplitMix64(fillSeed(opts.seed));
  for (const [k, item] of items.entries()) {
    const codec = codecOf(item, model);
    const layout = codec.layout(abi);
    const say = (
      message: string,
      field?: string,
      expected?: string | number,
      actual?: string | number,
    ): Finding => ({
      abi: abi.name,
      check,
      struct: item.name,
      message,
      ...(field !== undefined ? { field } : {}),
      ...(expected !== undefined ? { expected } : {}),
      ...(actual !== undefined ? { actual } : {}),
    });
    const header = (lines[at++] ?? "").split(" ");
    if (header[1] !== item.name)
      return [
        ...findings,
        say(
          `harness output out of step: expected its ${item.kind} line, got "${header.join(" ")}"`,
        ),
      ];
    if (Number(header[2]) !== layout.size)
      return [
        ...findings,
        say("sizeof in C differs from the codec", "sizeof", layout.size, Number(header[2])),
      ];
    if (Number(header[3]) !== layout.align)
      findings.push(
        say("alignment in C differs from the codec", "alignof", layout.align, Number(header[3])),
      );

    // TypeScript encoded, C printed.
    const expected = canonicalLines(
      item,
      codec.decode(inputs[k]!, abi, 0, { validate: false }),
      model,
    );
    const printed = lines.slice(at, at + expected.length);
    at += expected.length;
    const wrong = expected.flatMap((e, i) =>
      e === printed[i] ? [] : [{ e, a: printed[i] ?? "(nothing)" }],
    );
    for (const { e, a } of wrong.slice(0, MAX_FINDINGS_PER_STRUCT)) {
      findings.push(
        say(
          "C read a different value from the TypeScript encoding",
          e.split("=")[0],
          e.split("=")[1],
          a.split("=").slice(1).join("="),
        ),
      );
    }

    // C filled, TypeScript decodes.
    const want = codec.encode(fillStruct(item, rngFill, { model, abi }), abi, { validate: false });
    const bytesLine = lines[at++] ?? "";
    const hex = bytesLine.split(" ")[2] ?? "";
    const got = Uint8Array.from(Buffer.from(hex, "hex"));
    if (!bytesLine.startsWith(`bytes ${item.name} `) || got.length !== want.length) {
      return [
        ...findings,
        say("harness output out of step at its bytes line", "bytes", want.length, got.length),
      ];
    }
    const wantLines = canonicalLines(item, codec.decode(want, abi, 0, { validate: false }), model);
    const gotLines = canonicalLines(item, codec.decode(got, abi, 0, { validate: false }), model);
    const differ = wantLines.flatMap((w, i) => (w === gotLines[i] ? [] : [{ w, g: gotLines[i]! }]));
    for (const { w, g } of differ.slice(0, MAX_FINDINGS_PER_STRUCT)) {
      findings.push(
        say(
          "TypeScript decoded a different value from the bytes C filled",
          w.split("=")[0],
          w.split("=")[1],
          g.split("=")[1],
        ),
      );
    }
    const byte = want.findIndex((b, i) => b !== got[i]);
    if (!differ.length && byte >= 0)
      findings.push(
        say(`C's bytes differ at offset ${byte} (padding?)`, "bytes", want[byte]!, got[byte]!),
      );
  }
  return findings;
}
