// The command line on yargs: help per subcommand, strict options with suggestions, --version,
// exit statuses, shell completion (in real bash and zsh), compiler-style attached values.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { main } from "../../src/cli/main.js";
import { commandName } from "../../src/cli/command.js";
import { editDistance, nearest } from "../../src/cli/suggest.js";

async function run(args: string[], cwd = process.cwd()) {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => void (out += t + "\n"),
    err: (t) => void (err += t + "\n"),
    cwd,
  });
  return { code, out, err };
}

const VERSION = JSON.parse(readFileSync("package.json", "utf8")).version as string;

describe("uapi-gen on yargs", () => {
  it("prints its version and the top-level help", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, out: `${VERSION}\n`, err: "" });
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.out).toContain(`uapi-gen ${c.usage}`);
    // No command at all: the help, with the status of a usage error.
    const none = await run([]);
    expect([none.code, none.out]).toEqual([2, help.out]);
  });

  it("gives every subcommand its own help, also as `help <command>`", async () => {
    for (const name of COMMANDS.map(commandName)) {
      const r = await run([name, "--help"]);
      expect([name, r.code, r.err]).toEqual([name, 0, ""]);
      expect(r.out).toMatch(new RegExp(`^usage: uapi-gen ${name}`));
      expect((await run(["help", name])).out).toBe(r.out);
    }
    expect((await run(["sim", "run", "--help"])).out).toMatch(/^usage: uapi-gen sim run FILE/);
  });

  it("rejects unknown options and commands with exit 2 and the nearest known name", async () => {
    const option = await run(["lint", "--fomat", "json"]);
    expect(option).toEqual({
      code: 2,
      out: "",
      err: "uapi-gen lint: unknown option '--fomat' (did you mean --format?)\nRun 'uapi-gen lint --help' for usage.\n",
    });
    const command = await run(["lnt"]);
    expect([command.code, command.err.split("\n")[0]]).toEqual([
      2,
      "uapi-gen: unknown command 'lnt' (did you mean lint?)",
    ]);
    const choice = await run(["lint", "--format", "xml"]);
    expect([choice.code, choice.err.split("\n")[0]]).toEqual([
      2,
      'uapi-gen lint: --format must be one of text, json, sarif, github, not "xml"',
    ]);
    const extra = await run(["sim", "compare", "extra"]);
    expect([extra.code, extra.err.split("\n")[0]]).toEqual([
      2,
      "uapi-gen sim: unexpected argument 'extra'",
    ]);
    const missing = await run(["sim"]);
    expect([missing.code, missing.err.split("\n")[0]]).toEqual([
      2,
      "uapi-gen sim: expected a subcommand: run, compare or exec",
    ]);
  });

  it("exits 70 on an internal error, without a stack trace unless asked", async () => {
    let err = "";
    const code = await main(["completion", "bash"], {
      out: () => {
        throw new Error("stdout is gone");
      },
      err: (t) => void (err += t + "\n"),
      cwd: process.cwd(),
    });
    expect(code).toBe(70);
    expect(err).toContain("uapi-gen completion: internal error: stdout is gone");
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("reads compiler-style attached values: -Idir and -ofile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-cli-"));
    mkdirSync(join(dir, "x"));
    writeFileSync(join(dir, "x", "inc.h"), "#define INC_VALUE 7\n");
    writeFileSync(join(dir, "a.h"), '#include "inc.h"\n#define A_VALUE (INC_VALUE + 1)\n');
    expect((await run(["import", "a.h"], dir)).code).toBe(2); // clang does not find inc.h
    const r = await run(["import", "a.h", "-Ix", "-oa.ts"], dir);
    expect([r.code, r.err]).toEqual([0, expect.stringMatching(/^wrote a\.ts: \d+ items\n$/)]);
    expect(readFileSync(join(dir, "a.ts"), "utf8")).toContain('from "uapi-gen/dsl"');
  });

  it("suggests within a third of the name's length", () => {
    expect(editDistance("fomat", "format", 3)).toBe(1);
    expect(editDistance("frmoat", "format", 3)).toBe(2);
    expect(nearest("--qiuet", ["--quiet", "--fix"])).toEqual(["--quiet"]);
    expect(nearest("--zzzzz", ["--quiet", "--fix"])).toEqual([]);
  });
});

describe("uapi-gen completion", () => {
  // The scripts call `uapi-gen`: put a wrapper of this checkout's bin first on PATH.
  const bin = mkdtempSync(join(tmpdir(), "uapi-gen-path-"));
  writeFileSync(
    join(bin, "uapi-gen"),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(resolve("bin/uapi-gen.js"))} "$@"\n`,
    { mode: 0o755 },
  );
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  const shell = (command: string, args: string[], input: string) =>
    spawnSync(command, args, { input, env, encoding: "utf8", timeout: 60_000 });

  it("completes subcommands, options and choices in bash", async () => {
    const script = (await run(["completion", "bash"])).out;
    const r = shell(
      "bash",
      ["--norc"],
      `${script}
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _uapi_gen_completion; echo "\${COMPREPLY[*]}"; }
complete_words uapi-gen li
complete_words uapi-gen lint --f
complete_words uapi-gen lint --format s
complete_words uapi-gen sim ""
`,
    );
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toEqual([
      "lint",
      "--format --fix",
      "sarif",
      "run compare exec",
      "",
    ]);
  });

  it("completes with descriptions in zsh", async () => {
    const script = (await run(["completion", "zsh"])).out;
    // _describe and compdef need the completion system's context; stand-ins print what they get.
    const r = shell(
      "zsh",
      ["-f"],
      `compdef() { print "compdef $*" }
_describe() { print -l -- "\${(@P)2}" }
_files() { print files }
${script}
words=(uapi-gen lint --f); CURRENT=3; _uapi_gen_completion
words=(uapi-gen sim ''); CURRENT=3; _uapi_gen_completion
`,
    );
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("compdef _uapi_gen_completion uapi-gen");
    expect(lines).toContain(
      "--format:text (gcc-style), json, sarif (SARIF 2.1.0) or github (annotations)",
    );
    expect(lines).toContain("run:run scenario files on the simulated kernel, SMMUv3 and VMM");
    expect(lines.some((l) => l.startsWith("compare:"))).toBe(true);
  });

  it("picks the script from $SHELL when no shell is named", async () => {
    const saved = process.env.SHELL;
    try {
      process.env.SHELL = "/usr/bin/zsh";
      expect((await run(["completion"])).out).toMatch(/^#compdef uapi-gen/);
      process.env.SHELL = "/bin/bash";
      expect((await run(["completion"])).out).toMatch(/^# uapi-gen completion for bash/);
    } finally {
      process.env.SHELL = saved;
    }
  });
});
