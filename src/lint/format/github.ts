/**
 * `--format github`: GitHub Actions workflow commands, one per finding, which the runner
 * turns into annotations on the pull request's diff.
 * `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::message`
 */
import type { LintDiagnostic } from "../types.js";
import { relativePath } from "./paths.js";

const COMMAND = { error: "error", warning: "warning", info: "notice" } as const;

/** Escaping of the workflow-command syntax: data escapes %, CR, LF; properties also : and ,. */
const escapeData = (s: string) =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(diagnostics: readonly LintDiagnostic[], cwd: string): string {
  return diagnostics
    .map((d) => {
      const props: string[] = [];
      if (d.loc) {
        const { start, end } = d.loc.range;
        props.push(
          `file=${escapeProperty(relativePath(d.loc.file, cwd))}`,
          `line=${start.line + 1}`,
          `col=${start.character + 1}`,
        );
        props.push(`endLine=${end.line + 1}`, `endColumn=${end.character + 1}`);
      }
      props.push(`title=${escapeProperty(`uapi-gen ${d.code}`)}`);
      const message = d.hint ? `${d.message}\n${d.hint}` : d.message;
      return `::${COMMAND[d.severity]} ${props.join(",")}::${escapeData(message)}`;
    })
    .join("\n");
}
