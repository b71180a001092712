/**
 * Part 1, compile checks: for one ABI, compile every generated layout self-check (which
 * includes its header) with the ABI's real compiler, warnings as errors, then extract every
 * size, alignment and offset, enumerator, flag, constant and ioctl number in one probe
 * compile per module and compare them with the definitions, so a failure names the struct,
 * field or value, expected and actual values rather than only "static assertion failed".
 * On the native ABI the self-checks are also compiled as C++11.
 */
import { join } from "node:path";
import type { Abi } from "../abi/abis.js";
import { firstLines, which, type Pool } from "./exec.js";
import { compareProbe, extractNumbers, probeEntries, probeSource } from "./probe.js";
import { CLANG, layoutCompiler, type Compiler } from "./toolchain.js";
import type { Finding, StepResult } from "./types.js";
import { valueEntries } from "./value-entries.js";
import { freestandingFlags, includeLines, structsOf, type Workspace } from "./workspace.js";

/** Warnings as errors, but not -pedantic: kernel headers put enumerators beyond INT_MAX. */
const STRICT = ["-std=c11", "-Wall", "-Wextra", "-Werror"];
const CXX = {
  kind: "clang",
  command: "clang++-19",
  args: ["-x", "c++", "-std=c++11"],
  debianPackage: CLANG.debianPackage,
} as const;

export function layoutCheckFiles(ws: Workspace): string[] {
  return ws.primary.map((m) => `c/checks/${m.name}.layout.c`).filter((p) => ws.files.has(p));
}

async function syntaxOnly(
  pool: Pool,
  c: Compiler,
  ws: Workspace,
  abi: Abi,
  file: string,
  extra: readonly string[],
): Promise<string | undefined> {
  const r = await pool.exec(c.command, [
    ...c.args,
    ...extra,
    "-fsyntax-only",
    ...freestandingFlags(ws, abi.name),
    join(ws.dir, file),
  ]);
  return r.code === 0 ? undefined : firstLines(r.stderr.split(ws.dir + "/").join(""), 8);
}

export async function compileStep(ws: Workspace, abi: Abi, pool: Pool): Promise<StepResult> {
  const resolved = layoutCompiler(abi);
  if (!resolved.ok)
    return { status: "missing", detail: `install ${resolved.missing}`, install: resolved.install };
  const cc = resolved.tool;
  // The native ABI also compiles the self-checks as C++11.
  const cxx =
    abi.name === "x86_64" && which(CXX.command)
      ? { ...CXX, args: [...CXX.args, ...cc.args] }
      : undefined;
  const cxxFiles = cxx ? layoutCheckFiles(ws) : [];

  // One compile per module, warnings as errors: its layout self-check (which includes only
  // the module's own header) followed by the probe table. The macros must expand there (a
  // missing #include of another module shows), the static assertions must hold, and every
  // layout and value the compiler computes is compared with the definitions'.
  const probes = ws.primary.map((m) => {
    const check = `c/checks/${m.name}.layout.c`;
    const file = ws.files.has(check) ? check : undefined;
    return {
      what: file ?? `<linux/${m.name}.h>`,
      prelude: file ? `#include "${join(ws.dir, file)}"` : includeLines([m]),
      entries: [
        ...probeEntries(structsOf([m]), ws.layouts, abi),
        ...valueEntries(m, ws.model, ws.layouts, abi),
      ],
    };
  });
  const [extracted, cxxErrors] = await Promise.all([
    Promise.all(
      probes.map((p) =>
        extractNumbers(pool, cc, probeSource(p.prelude, p.entries), [
          ...STRICT,
          ...freestandingFlags(ws, abi.name),
        ]),
      ),
    ),
    Promise.all(
      cxxFiles.map(async (f) => ({
        file: f,
        error: await syntaxOnly(pool, cxx!, ws, abi, f, ["-Wall", "-Wextra", "-Werror"]),
      })),
    ),
  ]);
  const findings: Finding[] = probes.flatMap((p, i) => {
    const got = extracted[i]!;
    if (got.ok) return compareProbe(p.entries, got.values, abi.name, "compile");
    const why = got.error.split(ws.dir + "/").join("");
    return [{ abi: abi.name, check: "compile", message: `${p.what} does not compile: ${why}` }];
  });
  for (const e of cxxErrors) {
    if (e.error)
      findings.push({
        abi: abi.name,
        check: "compile",
        message: `${e.file} does not compile with clang++-19 -std=c++11:\n${e.error}`,
      });
  }
  const values = probes.reduce((n, p) => n + p.entries.length, 0);
  const what = `${probes.length + cxxFiles.length} self-check compile(s), ${values} values from ${cc.command}`;
  if (findings.length)
    return { status: "fail", detail: `${findings.length} problem(s); ${what}`, findings };
  return { status: "pass", detail: what };
}
