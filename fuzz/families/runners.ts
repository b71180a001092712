/**
 * What each family runs on a case, in the worker: the real commands through the CLI's
 * `main` (the same code path as the command line, without a process start per case), or a
 * language-server session over in-memory streams.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import type { CommandRun, Family, FuzzCase } from "../lib/types.js";
import { runSession } from "./lsp-session.js";

export interface RunResult {
  readonly runs: CommandRun[];
  readonly problems?: string[];
  /** Calls of process.exit that are expected (the language server's, after `exit`). */
  readonly exitsExpected?: number;
}

type Runner = (c: FuzzCase, dir: string) => Promise<RunResult>;

async function cli(argv: string[], cwd: string): Promise<CommandRun> {
  let out = "";
  let err = "";
  const exit = await main(argv, {
    out: (t) => void (out += t.endsWith("\n") ? t : `${t}\n`),
    err: (t) => void (err += t.endsWith("\n") ? t : `${t}\n`),
    cwd,
  });
  return { argv, exit, out, err };
}

/** The generated headers, each included twice, through clang-19 as C90 and as C++98. */
function compileHeaders(dir: string): string[] {
  const include = join(dir, "out", "c");
  const linux = join(include, "linux");
  const problems: string[] = [];
  for (const h of existsSync(linux) ? readdirSync(linux) : []) {
    const src = join(dir, `${h}.twice.c`);
    writeFileSync(src, `#include <linux/${h}>\n#include <linux/${h}>\nint uapi_gen_anchor;\n`);
    for (const mode of [["-std=c90"], ["-x", "c++", "-std=c++98"]]) {
      const r = spawnSync(
        "clang-19",
        [...mode, "-Wall", "-Werror", "-fsyntax-only", "-I", include, src],
        { encoding: "utf8", timeout: 10_000 },
      );
      if (r.status !== 0)
        problems.push(
          `generated ${h} does not compile (${mode.at(-1)}): ${(r.stderr || String(r.error)).split("\n").find((l) => /error/.test(l)) ?? r.stderr.slice(0, 200)}`,
        );
    }
  }
  return problems;
}

export const RUNNERS: Readonly<Record<Family, Runner>> = {
  // lint on every ABI, then generate every output of the module and the modules beside it
  // (headers include each other's); what generate accepts must compile, as C90 and C++98.
  defs: async (c, dir) => {
    const runs = [
      await cli(["lint", c.main, "--format", "json"], dir),
      await cli(["generate", ".", "--out", "out"], dir),
    ];
    const problems = runs[1]!.exit === 0 ? compileHeaders(dir) : [];
    return { runs, problems: problems.map((p) => p.replaceAll(dir, ".")) };
  },
  // lint (clang's AST, then the rules) and import back to a definitions module.
  headers: async (c, dir) => ({
    runs: [
      await cli(["lint", c.main, "--format", "json"], dir),
      await cli(["import", c.main, "-o", join(dir, "imported.ts")], dir),
    ],
  }),
  scenarios: async (c, dir) => ({
    runs: [await cli(["sim", "run", c.main, "--format", "json"], dir)],
  }),
  lsp: async (c, dir) => runSession(c, dir),
};
