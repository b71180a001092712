/**
 * The `generate` stage: loads the definitions, runs every generator and writes the outputs
 * all or nothing (src/util/atomic-write.ts), or with `check` only compares. The command line
 * (src/cli/generate.ts) parses the arguments and prints; what happens lives here.
 */
import { resolve } from "node:path";
import { formatDiagnostic, hasErrors } from "../diagnostics/diagnostic.js";
import { Layouts } from "../layout/layouts.js";
import { loadDefinitions } from "../load/load.js";
import { OutputError, planWrites, writeAtomically, type StepHook } from "../util/atomic-write.js";
import { emitJavaScript } from "../../generators/ts/emit-js.js";
import { runGenerators } from "./generators.js";

export interface GenerateOptions {
  /** Definitions files (absolute or relative to `cwd`). */
  readonly files: readonly string[];
  /** The output folder as the user wrote it (relative to `cwd`). */
  readonly out: string;
  /** Write nothing; report what would change. */
  readonly check: boolean;
  /** Also emit the TypeScript modules as JavaScript with declaration files. */
  readonly js?: boolean;
  readonly cwd: string;
  /** Named steps of the write, for tests that interrupt it. */
  readonly step?: StepHook;
}

/** ok: done (or up to date); findings: definitions errors or stale outputs; output: cannot write. */
export type GenerateStatus = "ok" | "findings" | "output";

export interface GenerateIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export async function runGenerate(opts: GenerateOptions, io: GenerateIo): Promise<GenerateStatus> {
  const loaded = loadDefinitions(opts.files.map((f) => resolve(opts.cwd, f)));
  for (const d of loaded.diagnostics) io.err(formatDiagnostic(d, opts.cwd));
  if (hasErrors(loaded.diagnostics)) {
    io.err("uapi-gen generate: the definitions have errors; nothing was written");
    return "findings";
  }
  const outDir = resolve(opts.cwd, opts.out);
  const sources = await runGenerators(loaded.primary, {
    model: loaded.model,
    layouts: new Layouts(loaded.model),
    root: opts.cwd,
  });
  const generated = opts.js ? [...sources, ...(await emitJavaScript(sources, outDir))] : sources;
  const shown = (p: string) => `${opts.out.replace(/\/$/, "")}/${p}`;
  try {
    if (opts.check) {
      const plan = planWrites(outDir, generated);
      for (const c of plan.changed)
        io.out(`${c.created ? "would create" : "would change"}: ${shown(c.path)}`);
      if (plan.interrupted)
        io.err(
          `uapi-gen generate --check: ${opts.out} holds an interrupted write; \`uapi-gen generate\` completes or undoes it`,
        );
      if (plan.changed.length)
        io.err(
          `uapi-gen generate --check: ${plan.changed.length} file(s) out of date; run \`uapi-gen generate\``,
        );
      if (plan.changed.length || plan.interrupted) return "findings";
      io.out(`up to date: ${generated.length} files`);
      return "ok";
    }
    const { plan, notes } = writeAtomically(
      outDir,
      generated,
      opts.step ? { step: opts.step } : {},
    );
    for (const n of notes) io.err(`uapi-gen generate: ${opts.out}: ${n}`);
    for (const c of plan.changed) io.out(`${c.created ? "created" : "updated"}: ${shown(c.path)}`);
    io.out(`${generated.length} files, ${plan.changed.length} written`);
    return "ok";
  } catch (e) {
    if (!(e instanceof OutputError)) throw e;
    io.err(`uapi-gen generate${opts.check ? " --check" : ""}: ${e.message}`);
    if (!opts.check)
      io.err(
        "Nothing was changed: the outputs are staged in the output folder and replace the old ones only all together.",
      );
    return "output";
  }
}
