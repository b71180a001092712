/**
 * The subcommands of `uapi-gen`: the yargs command string (name and positionals), the line of
 * the top-level help, and how to load the subcommand's file (only when it runs). Adding a
 * subcommand is one entry here and one file beside this one (docs/cli.md).
 */
import type { CommandEntry } from "./command.js";

export const COMMANDS: readonly CommandEntry[] = [
  {
    usage: "generate [defs..]",
    describe: "generate C headers, layout checks and TypeScript from definitions",
    load: () => import("./generate.js"),
  },
  {
    usage: "lint [files..]",
    describe: "lint definitions and C uAPI headers: layout on every ABI, compatibility",
    load: () => import("./lint.js"),
  },
  {
    usage: "import [header]",
    describe: "write a definitions module from an existing C uAPI header (clang-19)",
    load: () => import("./import.js"),
  },
  {
    usage: "conform [defs..]",
    describe: "prove the generated ABI with real compilers, qemu-user, pahole and abidiff",
    load: () => import("./conform.js"),
  },
  {
    usage: "sim",
    describe:
      "run SMMUv3/iommufd invalidation scenarios; compare error-reporting designs; run programs against a simulated /dev/iommu",
    load: () => import("./sim.js"),
  },
  {
    usage: "lsp",
    describe:
      "language server (LSP over stdio): diagnostics as you type, layout hovers, quick fixes",
    load: () => import("./lsp.js"),
  },
  {
    usage: "completion [shell]",
    describe: "print the shell completion script for bash or zsh",
    load: () => import("./completion.js"),
  },
];
