/**
 * `lint --against` loads two versions of the definitions that do not depend on each other, and
 * each load is about 40% of a cold run (bench/cold-lint.bench.ts). So the CLI loads the
 * baseline in a worker thread, on the other core, while the main thread loads the current
 * version. The worker runs the same CLI bundle through the same code cache; run from the
 * sources (tests, tsx) there is no bundle for a worker to load, and the baseline is loaded in
 * line as before. The main thread blocks on the answer (Atomics.wait), so the lint pipeline
 * stays synchronous, and any failure of the worker just means loading in line after all.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  type MessagePort,
} from "node:worker_threads";
import { deepFreeze } from "../../model/ir.js";
import { readBaselineOfFiles, type Baseline } from "./baseline.js";

interface Task {
  readonly against: string;
  readonly files: readonly string[];
  readonly cwd: string;
  readonly port: MessagePort;
  readonly signal: Int32Array;
}

/** The baseline as the worker sends it: the IR, without the parse trees (not cloneable). */
type Answer = { files: readonly string[]; baseline: Baseline } | { error: string };

export interface PendingBaseline {
  /** The baseline of exactly these files, or undefined: then load it in line. */
  take(files: readonly string[]): Baseline | undefined;
}

/** In the bundle, import.meta.url names dist/uapi-gen.cjs (build/bundle.js defines it so). */
function bundleFile(): string | undefined {
  const url = import.meta.url;
  return url.endsWith(".cjs") ? fileURLToPath(url) : undefined;
}

export function loadBaselineInBackground(
  against: string,
  files: readonly string[],
  cwd: string,
): PendingBaseline | undefined {
  const bundle = bundleFile();
  // UAPI_GEN_NO_WORKERS=1: one thread only (a one-core container, or to compare the two).
  if (!bundle || files.length === 0 || process.env.UAPI_GEN_NO_WORKERS) return undefined;
  const codeCache = join(dirname(bundle), "..", "build", "code-cache.cjs");
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  // Whatever happens in the worker, the signal is raised, so the main thread never hangs.
  const source = `
    const { workerData: task } = require("node:worker_threads");
    const done = (answer) => {
      task.port.postMessage(answer);
      Atomics.store(task.signal, 0, 1);
      Atomics.notify(task.signal, 0);
    };
    try {
      const cli = require(${JSON.stringify(codeCache)}).requireWithCodeCache(${JSON.stringify(bundle)});
      Promise.resolve(cli.runWorker(task)).then(done, (e) => done({ error: String(e && e.stack || e) }));
    } catch (e) {
      done({ error: String(e && e.stack || e) });
    }`;
  const task: Task = { against, files, cwd, port: port2, signal };
  let worker: Worker;
  try {
    worker = new Worker(source, { eval: true, workerData: task, transferList: [port2] });
  } catch {
    return undefined;
  }
  worker.unref();
  return {
    take(wanted) {
      // A minute is far beyond any load; past it, load in line rather than hang.
      if (Atomics.wait(signal, 0, 0, 60_000) === "timed-out") return undefined;
      const answer = receiveMessageOnPort(port1)?.message as Answer | undefined;
      port1.close();
      if (!answer || "error" in answer) return undefined;
      const same =
        answer.files.length === wanted.length && answer.files.every((f, i) => f === wanted[i]);
      if (!same) return undefined;
      if (answer.baseline.ok) deepFreeze(answer.baseline.input.model);
      return answer.baseline;
    },
  };
}

/** Runs in the worker: load the baseline and answer with what survives a structured clone. */
export function runBaselineTask(task: Task): Answer {
  const baseline = readBaselineOfFiles(task.against, task.files, task.cwd);
  if (!baseline.ok) return { files: task.files, baseline };
  const { model, primary, diagnostics } = baseline.input;
  return {
    files: task.files,
    baseline: { ok: true, label: baseline.label, input: { model, primary, diagnostics } },
  };
}
