/** The `uapi-gen` command line: one entry per subcommand. */
import { EXIT, UsageError, type Io } from "./usage.js";

type Command = (argv: readonly string[], io: Io) => Promise<number>;

/**
 * Each command's module is imported only when that command runs: `lint` must not pay for
 * loading prettier, the conform toolchain tables or the language server (start-up is a
 * benchmarked figure, bench/cold-lint.bench.ts).
 */
const COMMANDS: Readonly<Record<string, { run: () => Promise<Command>; summary: string }>> = {
  generate: {
    run: async () => (await import("./generate.js")).generateCommand,
    summary: "generate C headers, layout checks and TypeScript from definitions",
  },
  lint: {
    run: async () => (await import("./lint.js")).lintCommand,
    summary: "lint definitions and C uAPI headers: layout on every ABI, compatibility",
  },
  import: {
    run: async () => (await import("./import.js")).importCommand,
    summary: "write a definitions module from an existing C uAPI header (clang-19)",
  },
  conform: {
    run: async () => (await import("./conform.js")).conformCommand,
    summary: "prove the generated ABI with real compilers, qemu-user, pahole and abidiff",
  },
  sim: {
    run: async () => (await import("./sim.js")).simCommand,
    summary: "run SMMUv3/iommufd invalidation scenarios; compare error-reporting designs",
  },
  lsp: {
    run: async () => (await import("./lsp.js")).lspCommand,
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
    return await (
      await command.run()
    )(rest, io);
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
