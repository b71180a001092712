/** Shared set-up of the conformance tests: the shipped definitions, or the test modules. */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";
import { createWorkspace, type Workspace } from "../../src/conform/workspace.js";

export const ROOT = resolve(import.meta.dirname, "../..");
export const SHIPPED = readdirSync(join(ROOT, "uapi-defs"))
  .filter((f) => f.endsWith(".ts"))
  .sort()
  .map((f) => join(ROOT, "uapi-defs", f));
export const HOLES = [join(ROOT, "test/conform/defs/holes.ts")];

export async function workspaceOf(files: readonly string[]): Promise<Workspace> {
  const loaded = loadDefinitions(files);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(errors.map((e) => e.message).join("\n"));
  return createWorkspace(loaded.model, new Layouts(loaded.model), loaded.primary, ROOT);
}
