/**
 * Part 3, runtime round trips: the generated harness is compiled for the ABI (static, run
 * under qemu-user; or native, also with ASan/UBSan) and fed the TypeScript encoding of seeded
 * values; its canonical print must equal what the codec decodes, and the bytes it fills from
 * a second seed must equal what the codec encodes for the same seeded values (padding zero).
 */
import { join } from "node:path";
import type { Abi } from "../../abi/abis.js";
import type { Model, ModuleIR, StructItem } from "../../model/ir.js";
import { firstLines, type Pool } from "../exec.js";
import { runtimeTool, REQUIRED_RUNTIME_ABIS, type RuntimeTool } from "../toolchain.js";
import type { CheckName, Finding, StepResult } from "../types.js";
import { structsOf, type Workspace } from "../workspace.js";
import { codecOf } from "./codecs.js";
import { canonicalLines, fillStruct, SplitMix64 } from "./values.js";

export interface RoundTripOptions {
  readonly seed: bigint;
}

/** The fill seed differs from the input seed so the harness cannot pass by echoing. */
export const fillSeed = (seed: bigint): bigint => seed ^ 0x5eedn;

const HARNESS_FLAGS = ["-O1", "-std=c11", "-Wall", "-Wextra", "-Werror"];
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
  /** Suffix of the binary, so both variants can be built side by side. */
  readonly suffix: string;
}

const VARIANTS = {
  roundtrip: { check: "roundtrip", flags: ["-static"], suffix: "" },
  sanitize: { check: "sanitize", flags: SANITIZE_FLAGS, suffix: ".asan" },
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
    // Only the five ABIs must run; elsewhere a missing cross libc is a hint, not a gap.
    if (REQUIRED_RUNTIME_ABIS.includes(abi.name))
      return {
        status: "missing",
        detail: `install ${resolved.missing}`,
        install: resolved.install,
      };
    return { status: "skip", detail: `optional; install ${resolved.missing} to run it` };
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
  if (!resolved.ok || resolved.tool.qemu) return { status: "skip", detail: "native ABI only" };
  return runVariant(ws, abi, pool, opts, resolved.tool, VARIANTS.sanitize);
}

async function runVariant(
  ws: Workspace,
  abi: Abi,
  pool: Pool,
  opts: RoundTripOptions,
  tool: RuntimeTool,
  variant: Variant,
): Promise<StepResult> {
  const modules = harnessModules(ws);
  const results = await Promise.all(
    modules.map((m) => runModule(ws, abi, pool, opts, tool, variant, m)),
  );
  const findings = results.flatMap((r) => r.findings);
  const structs = results.reduce((n, r) => n + r.structs, 0);
  const where = tool.qemu ? `under ${tool.qemu}` : "natively";
  if (findings.length)
    return {
      status: "fail",
      detail: `${findings.length} problem(s) in ${structs} structs ${where}`,
      findings,
    };
  return { status: "pass", detail: `${structs} structs both ways ${where}` };
}

async function runModule(
  ws: Workspace,
  abi: Abi,
  pool: Pool,
  opts: RoundTripOptions,
  tool: RuntimeTool,
  variant: Variant,
  module: ModuleIR,
) {
  const check = variant.check;
  const fail = (message: string) => ({
    structs: 0,
    findings: [{ abi: abi.name, check, message }] as Finding[],
  });
  const src = join(ws.dir, `c/harness/${module.name}.harness.c`);
  const bin = join(ws.dir, `bin/${abi.name}/${module.name}${variant.suffix}`);
  const flags = [
    "-I",
    join(ws.dir, "c/prelude"),
    "-I",
    join(ws.dir, "c"),
    `-DUAPI_GEN_ABI_${abi.name}`,
  ];
  await pool.exec("mkdir", ["-p", join(ws.dir, `bin/${abi.name}`)]);
  const cc = await pool.exec(tool.cc, [
    ...tool.args,
    ...HARNESS_FLAGS,
    ...variant.flags,
    ...flags,
    "-o",
    bin,
    src,
  ]);
  if (cc.code !== 0)
    return fail(
      `${module.name} harness does not build with ${tool.cc}:\n${firstLines(cc.stderr, 8)}`,
    );

  const items = structsOf([module]);
  const rngIn = new SplitMix64(opts.seed);
  const inputs = items.map((item) =>
    codecOf(item, ws.model).encode(fillStruct(item, rngIn, { model: ws.model, abi }), abi, {
      validate: false,
    }),
  );
  const input = Buffer.concat(inputs);
  const [cmd, args] = tool.qemu ? [tool.qemu, [bin]] : [bin, []];
  const run = await pool.exec(cmd, [...args, `0x${fillSeed(opts.seed).toString(16)}`], {
    input,
    timeoutMs: 60_000,
  });
  if (run.code !== 0)
    return fail(`${module.name} harness exited with ${run.code}:\n${firstLines(run.stderr, 12)}`);
  const findings = compareOutput(
    items,
    ws.model,
    abi,
    inputs,
    run.stdout.toString("utf8"),
    opts,
    check,
  );
  return { structs: items.length, findings };
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
