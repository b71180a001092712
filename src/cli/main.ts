/** The `uapi-gen` command line: one entry per subcommand. */
import { conformCommand } from "./conform.js";
import { generateCommand, GENERATE_HELP } from "./generate.js";
import { importCommand } from "./import.js";
import { lintCommand } from "./lint.js";
import { lspCommand } from "./lsp.js";
import { simCommand } from "./sim.js";
import { EXIT, UsageError, type Io } from "./usage.js";

type Command = (argv: readonly string[], io: Io) => Promise<number>;

const COMMANDS: Readonly<Record<string, { run: Command; summary: string }>> = {
  generate: {
    run: generateCommand,
    summary: "generate C headers, layout checks and TypeScript from definitions",
  },
  lint: {
    run: lintCommand,
    summary: "lint definitions and C uAPI headers: layout on every ABI, compatibility",
  },
  import: {
    run: importCommand,
    summary: "write a definitions module from an existing C uAPI header (clang-19)",
  },
  conform: {
    run: conformCommand,
    summary: "prove the generated ABI with real compilers, qemu-user, pahole and abidiff",
  },
  sim: {
    run: simCommand,
    summary: "run SMMUv3/iommufd invalidation scenarios; compare error-reporting designs",
  },
  lsp: {
    run: lspCommand,
    summary:
      "language server (LSP over stdio): diagnostics as you type, layout hovers, quick fixes",
  },
};

const HELP = `usage: uapi-gen <command> [options]

commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Run 'uapi-gen <command> --help' for a command's options.
`;

export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`uapi-gen: unknown command '${name}'\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.err(`uapi-gen ${name}: ${(e as Error).message}\nRun 'uapi-gen ${name} --help' for usage.`);
      return EXIT.usage;
    }
    io.err(`uapi-gen ${name}: internal error: ${(e as Error)?.message ?? String(e)}`);
    if (process.env.UAPI_GEN_DEBUG) io.err(String((e as Error)?.stack));
    else io.err("Set UAPI_GEN_DEBUG=1 to see where, and please report it.");
    return EXIT.internal;
  }
}

function isParseArgsError(e: unknown): boolean {
  return (
    typeof (e as { code?: unknown })?.code === "string" &&
    String((e as { code: string }).code).startsWith("ERR_PARSE_ARGS")
  );
}

function defaultIo(): Io {
  return {
    out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
    err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
    cwd: process.cwd(),
  };
}

export { GENERATE_HELP };
