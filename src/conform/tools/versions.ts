/**
 * abidiff across versions: old and new definitions compiled for one ABI, abidiff's verdict
 * (which structs changed, size changes, added and removed ones) against the engine's
 * old-versus-new comparison. The compatibility lint rules (src/lint) can take the engine side
 * of this as their oracle; test/conform/abidiff/ holds the before/after pairs.
 */
import { getAbi } from "../../abi/abis.js";
import { Layouts } from "../../layout/layouts.js";
import { loadDefinitions } from "../../load/load.js";
import { which, type Pool } from "../exec.js";
import type { Finding } from "../types.js";
import { createWorkspace, structsOf } from "../workspace.js";
import { judge, runAbidiff, signature, type AbidiffVerdict } from "./abidiff.js";
import { debugObject } from "./debug-objects.js";

export interface VersionComparison {
  readonly verdict: AbidiffVerdict;
  /** Structs the engine sees changed (present in both versions). */
  readonly engineChanged: readonly string[];
  readonly findings: readonly Finding[];
}

export async function compareVersions(
  oldFiles: readonly string[],
  newFiles: readonly string[],
  abiName: string,
  pool: Pool,
  root: string,
): Promise<VersionComparison> {
  if (!which("abidiff")) throw new Error("abidiff is not installed (Debian package abigail-tools)");
  const abi = getAbi(abiName as never);
  const sides = await Promise.all(
    [oldFiles, newFiles].map(async (files) => {
      const loaded = loadDefinitions(files);
      const errors = loaded.diagnostics.filter((d) => d.severity === "error");
      if (errors.length)
        throw new Error(`${files.join(", ")}: ${errors.map((e) => e.message).join("; ")}`);
      const layouts = new Layouts(loaded.model);
      const ws = await createWorkspace(loaded.model, layouts, loaded.primary, root);
      return { loaded, layouts, ws };
    }),
  );
  const [before, after] = sides as [(typeof sides)[0], (typeof sides)[0]];
  try {
    const objects = await Promise.all(sides.map((s) => debugObject(s.ws, abi, pool)));
    const paths = objects.map((o) => {
      if (!o.ok) throw new Error("missing" in o ? `install ${o.missing}` : o.error);
      return o.path;
    });
    const verdict = await runAbidiff(pool, paths[0]!, paths[1]!, false);
    if ("error" in verdict) throw new Error(verdict.error);
    const newItems = new Map(structsOf(after.ws.primary).map((i) => [i.name, i]));
    const common = structsOf(before.ws.primary).filter((i) => newItems.has(i.name));
    const ours = (name: string) => {
      const o = before.loaded.model.items.get(name) as (typeof common)[number];
      const n = newItems.get(name)!;
      return {
        changed:
          signature(o, before.loaded.model, before.layouts, abi, true) !==
          signature(n, after.loaded.model, after.layouts, abi, true),
        bits: [before.layouts.of(o, abi).size * 8, after.layouts.of(n, abi).size * 8] as const,
      };
    };
    const findings = judge(common, verdict, abi.name, (item) => ours(item.name));
    const oldNames = new Set(structsOf(before.ws.primary).map((i) => i.name));
    const added = [...newItems.keys()].filter((n) => !oldNames.has(n)).sort();
    const removed = [...oldNames].filter((n) => !newItems.has(n)).sort();
    if (
      added.join() !== [...verdict.added].sort().join() ||
      removed.join() !== [...verdict.removed].sort().join()
    ) {
      findings.push({
        abi: abi.name,
        check: "abidiff",
        message: "added/removed structs differ from abidiff's",
        expected: `+${added.join(",")} -${removed.join(",")}`,
        actual: `+${verdict.added.join(",")} -${verdict.removed.join(",")}`,
      });
    }
    return {
      verdict,
      engineChanged: common.filter((i) => ours(i.name).changed).map((i) => i.name),
      findings,
    };
  } finally {
    for (const s of sides) s.ws.dispose();
  }
}
