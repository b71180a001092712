/**
 * Builds the preload library and the launcher with the host's gcc at first use, into a cache
 * folder keyed by a hash of everything they are made from (the C sources, the protocol, the
 * definitions the ioctl table comes from, the host ABI), so a later run starts at once and a
 * change to any of them builds afresh. The build goes to a temporary folder renamed into
 * place, so two runs building at once never see half a build.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { Abi } from "../../abi/abis.js";
import { Layouts } from "../../layout/layouts.js";
import { loadDefinitions } from "../../load/load.js";
import { PACKAGE_ROOT } from "../../util/package-root.js";
import { ioctlTable, ioctlTableSource } from "./ioctl-table.js";
import { protocolHeader } from "./protocol.js";

const NATIVE = join(PACKAGE_ROOT, "src", "sim", "exec", "native");
/** The preload library's C files, and the launcher's. */
const PRELOAD = [
  "channel.c",
  "self-memory.c",
  "service.c",
  "preload.c",
  "preload-ioctl.c",
  "preload-files.c",
];
const SOURCES = ["channel.h", ...PRELOAD, "launch.c"];
/** The definitions modules the simulated kernel implements: the table lists their ioctls. */
export const SIM_DEFINITIONS = ["iommufd.ts", "iommufd_test.ts"].map((f) =>
  join(PACKAGE_ROOT, "uapi-defs", f),
);
/** gcc gets this long per file; it takes well under a second. */
const GCC_TIMEOUT_MS = 60_000;

export const PRELOAD_NAME = "libuapi-gen-sim.so";
export const LAUNCHER_NAME = "uapi-gen-sim-launch";

export interface NativeBuild {
  readonly dir: string;
  readonly preload: string;
  readonly launcher: string;
}

export class NativeBuildError extends Error {}

/** $XDG_CACHE_HOME/uapi-gen/sim-exec (the corpus lives beside it). */
export function simExecCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "uapi-gen", "sim-exec");
}

/**
 * What the build is made from: the C sources, the definitions, the protocol header, and the
 * table generator itself (its code, so a change to how the table is written builds afresh
 * without loading the definitions at every start).
 */
function sourceHash(abi: Abi): string {
  const h = createHash("sha256").update(`${abi.name}\0`);
  for (const f of [...SOURCES.map((s) => join(NATIVE, s)), ...SIM_DEFINITIONS])
    h.update(readFileSync(f)).update("\0");
  h.update(protocolHeader()).update(ioctlTable.toString()).update(ioctlTableSource.toString());
  return h.digest("hex").slice(0, 16);
}

/** The ioctl table header from the definitions (loaded only when a build is needed). */
export function generatedTable(abi: Abi): string {
  const loaded = loadDefinitions(SIM_DEFINITIONS);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length)
    throw new NativeBuildError(
      `the definitions do not load (${errors[0]!.message}); run \`uapi-gen lint\` on uapi-defs/`,
    );
  return ioctlTableSource(ioctlTable(loaded.model, new Layouts(loaded.model), abi), abi);
}

function gcc(args: readonly string[], cwd: string): void {
  const r = spawnSync("gcc", args, { cwd, encoding: "utf8", timeout: GCC_TIMEOUT_MS });
  if (r.error)
    throw new NativeBuildError(
      (r.error as NodeJS.ErrnoException).code === "ENOENT"
        ? "sim exec builds its preload library with gcc, which is not installed (apt-get install gcc)"
        : `gcc ${args.join(" ")}: ${r.error.message}`,
    );
  if (r.status !== 0)
    throw new NativeBuildError(`gcc ${args.join(" ")} failed:\n${r.stderr.trim()}`);
}

/** The built library and launcher for this host, building them first if needed. */
export function ensureNativeBuild(abi: Abi, root: string = simExecCacheRoot()): NativeBuild {
  const dir = join(root, sourceHash(abi));
  const build: NativeBuild = {
    dir,
    preload: join(dir, PRELOAD_NAME),
    launcher: join(dir, LAUNCHER_NAME),
  };
  if (existsSync(build.preload) && existsSync(build.launcher)) return build;
  mkdirSync(root, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  try {
    for (const s of SOURCES) writeFileSync(join(tmp, s), readFileSync(join(NATIVE, s)));
    writeFileSync(join(tmp, "protocol.h"), protocolHeader());
    writeFileSync(join(tmp, "ioctl-table.h"), generatedTable(abi));
    const flags = ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"];
    gcc(
      [
        ...flags,
        "-fPIC",
        "-shared",
        "-fvisibility=hidden",
        "-o",
        PRELOAD_NAME,
        ...PRELOAD,
        "-ldl",
        "-pthread",
      ],
      tmp,
    );
    gcc([...flags, "-o", LAUNCHER_NAME, "launch.c", "-pthread"], tmp);
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another run finished the same build first: use it.
      if (!existsSync(build.preload)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return build;
}
