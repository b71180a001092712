/**
 * `uapi-gen completion [bash|zsh]`: prints a script that completes subcommands, options and
 * their choices in the shell. The script asks the installed command itself
 * (`uapi-gen --get-yargs-completions WORDS...`, answered by yargs from the same builders that
 * parse the options), so completions never drift from the command line.
 */
import type { Argv } from "yargs";
import { defineCommand, type ArgsOf } from "./command.js";
import { EXIT, type Io } from "./usage.js";

const SHELLS = ["bash", "zsh"] as const;
type Shell = (typeof SHELLS)[number];

const BASH = `# uapi-gen completion for bash. Load it from ~/.bashrc:
#   source <(uapi-gen completion bash)
_uapi_gen_completion() {
  local IFS=$'\\n' candidates
  candidates=$(uapi-gen --get-yargs-completions "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)
  COMPREPLY=($(compgen -W "$candidates" -- "\${COMP_WORDS[COMP_CWORD]}"))
}
complete -o bashdefault -o default -F _uapi_gen_completion uapi-gen
`;

// ZSH_NAME makes yargs answer "word:description" pairs, the form _describe shows.
const ZSH = `#compdef uapi-gen
# uapi-gen completion for zsh. Load it from ~/.zshrc, after compinit:
#   source <(uapi-gen completion zsh)
_uapi_gen_completion() {
  local -a candidates
  candidates=("\${(@f)$(ZSH_NAME=zsh uapi-gen --get-yargs-completions "\${(@)words[1,CURRENT]}" 2>/dev/null)}")
  if [[ -n "\${candidates[1]}" ]]; then
    _describe 'uapi-gen' candidates
  else
    _files
  fi
}
compdef _uapi_gen_completion uapi-gen
`;

const SCRIPTS: Readonly<Record<Shell, string>> = { bash: BASH, zsh: ZSH };

/** The shell the user runs, from $SHELL: zsh when it is zsh, bash otherwise. */
function currentShell(): Shell {
  return /(^|\/)zsh$/.test(process.env.SHELL ?? "") ? "zsh" : "bash";
}

const builder = (y: Argv) =>
  y
    .usage(
      "usage: $0 completion [bash|zsh]\n\n" +
        "Prints the completion script for the shell (default: the one $SHELL names).\n" +
        "bash: add 'source <(uapi-gen completion bash)' to ~/.bashrc\n" +
        "zsh:  add 'source <(uapi-gen completion zsh)' to ~/.zshrc, after compinit",
    )
    .positional("shell", { describe: "the shell", choices: SHELLS });

function run(args: ArgsOf<typeof builder>, io: Io): number {
  io.out(SCRIPTS[args.shell ?? currentShell()]);
  return EXIT.ok;
}

export const command = defineCommand({ builder, run });
