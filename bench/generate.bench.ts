// How long loading and generating the shipped definitions takes, warm (in process) and cold
// (the CLI as a user runs it).
import { timedRun } from "./lib/command.js";
import { definitionFiles } from "../src/cli/defs-files.js";
import { runGenerators } from "../src/generate/generators.js";
import { Layouts } from "../src/layout/layouts.js";
import { ABIS } from "../src/abi/abis.js";
import { loadDefinitions } from "../src/load/load.js";
import { summarize, timeMs } from "./lib/stats.js";

const median = (xs: readonly number[]) => summarize(xs).median;

function time<T>(fn: () => T): [number, T] {
  let v!: T;
  return [timeMs(() => void (v = fn())), v];
}

const files = definitionFiles([], process.cwd());
const load: number[] = [];
const layout: number[] = [];
const generate: number[] = [];
for (let i = 0; i < 15; i++) {
  const [tl, loaded] = time(() => loadDefinitions(files));
  load.push(tl);
  const [tla] = time(() => {
    const l = new Layouts(loaded.model);
    for (const item of loaded.model.items.values())
      if (item.kind === "struct") for (const abi of ABIS) l.of(item, abi);
  });
  layout.push(tla);
  const t0 = performance.now();
  await runGenerators(loaded.primary, {
    model: loaded.model,
    layouts: new Layouts(loaded.model),
    root: process.cwd(),
  });
  generate.push(performance.now() - t0);
}
const cold: number[] = [];
for (let i = 0; i < 3; i++) {
  cold.push(timedRun(process.execPath, ["bin/uapi-gen.js", "generate", "--check"]).ms);
}
console.log(`load shipped definitions (warm, median of 15): ${median(load).toFixed(1)} ms`);
console.log(
  `layouts of every struct on ${ABIS.length} ABIs (median): ${median(layout).toFixed(1)} ms`,
);
console.log(`run every generator (warm, median): ${median(generate).toFixed(1)} ms`);
console.log(`uapi-gen generate --check, cold process (median of 3): ${median(cold).toFixed(0)} ms`);
