/**
 * Objects with DWARF for pahole and abidiff: every header of the workspace in one unit, an
 * exported anchor symbol (abidiff refuses objects without ELF symbols) and the header-only
 * types kept in the debug info. Built once per (workspace, ABI) and shared by both steps.
 */
import { join } from "node:path";
import type { Abi } from "../../abi/abis.js";
import { firstLines, type Pool } from "../exec.js";
import { DEBUG_INFO, layoutCompiler } from "../toolchain.js";
import { freestandingFlags, includeLines } from "../workspace.js";

export type DebugObject =
  | { readonly ok: true; readonly path: string }
  | { readonly ok: false; readonly missing: string; readonly install: readonly string[] }
  | { readonly ok: false; readonly error: string };

export interface ObjectSource {
  readonly dir: string;
  readonly modules: readonly { readonly name: string }[];
}

const cache = new WeakMap<ObjectSource, Map<string, Promise<DebugObject>>>();

export function debugObject(src: ObjectSource, abi: Abi, pool: Pool): Promise<DebugObject> {
  let perAbi = cache.get(src);
  if (!perAbi) cache.set(src, (perAbi = new Map()));
  let p = perAbi.get(abi.name);
  if (!p) perAbi.set(abi.name, (p = build(src, abi, pool)));
  return p;
}

async function build(src: ObjectSource, abi: Abi, pool: Pool): Promise<DebugObject> {
  const resolved = layoutCompiler(abi);
  if (!resolved.ok) return { ok: false, missing: resolved.missing, install: resolved.install };
  const cc = resolved.tool;
  const how = DEBUG_INFO[cc.kind];
  await pool.exec("mkdir", ["-p", join(src.dir, "dbg")]);
  const obj = join(src.dir, `dbg/${abi.name}.o`);
  const source = `${includeLines(src.modules)}\nint uapi_gen_anchor;\n`;
  const r = await pool.exec(
    cc.command,
    [
      ...cc.args,
      ...how.compile,
      ...freestandingFlags(src, abi.name),
      "-c",
      "-o",
      obj,
      "-x",
      "c",
      "-",
    ],
    { input: Buffer.from(source) },
  );
  if (r.code !== 0)
    return { ok: false, error: `${cc.command} -g failed:\n${firstLines(r.stderr)}` };
  if (!how.link) return { ok: true, path: obj };
  const so = join(src.dir, `dbg/${abi.name}.so`);
  const l = await pool.exec(cc.command, [...cc.args, "-shared", "-nostdlib", "-o", so, obj]);
  if (l.code !== 0)
    return { ok: false, error: `${cc.command} -shared failed:\n${firstLines(l.stderr)}` };
  return { ok: true, path: so };
}
