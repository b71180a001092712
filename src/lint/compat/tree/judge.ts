/**
 * One header's two versions, read, judged: the compatibility rules on them, or, when a version
 * does not compile on its own, why it was not compared. Findings are shown where the trees show
 * their files (`include/uapi/linux/x.h`, `@v6.12/include/uapi/…`), not in the scratch folders.
 */
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";
import type { ImportResult } from "../../../import/import.js";
import type { LintDiagnostic } from "../../types.js";
import { compatPass } from "../run.js";
import type { HeaderResult, TreeCompareOptions } from "./compare.js";
import type { UapiFile } from "./header-tree.js";
import type { ScratchTree } from "./scratch.js";
import { whereDefined } from "./settle.js";

export interface Scratch {
  readonly before: ScratchTree;
  readonly after: ScratchTree;
}

export function judge(
  file: UapiFile,
  abis: readonly string[],
  old: ImportResult,
  now: ImportResult,
  scratch: Scratch,
  options: TreeCompareOptions,
): HeaderResult {
  const relabel = (d: LintDiagnostic) => relabelDiagnostic(d, scratch);
  const firstError = (r: ImportResult) => r.diagnostics.find((d) => d.severity === "error");
  const [oldError, newError] = [firstError(old), firstError(now)];
  if (oldError || newError) {
    const diagnostics: LintDiagnostic[] = [];
    if (oldError && newError)
      diagnostics.push({
        severity: "warning",
        code: "lint/against",
        message: `not compared: \`${file.installed}\` does not compile on its own in either version (${newError.message})`,
        ...(newError.loc ? { loc: newError.loc } : {}),
        hint: "check-uapi.sh skips such headers too (usr/include/Makefile's no-header-test)",
      });
    else if (oldError)
      // Nothing to compare against; the new version compiles, so nothing is wrong with it.
      diagnostics.push({
        ...oldError,
        severity: "warning",
        code: "lint/against",
        message: `not compared: \`${file.installed}\` does not compile on its own in ${scratch.before.tree.label} (${oldError.message})`,
      });
    else diagnostics.push(...now.diagnostics.filter((d) => d.severity === "error"));
    return { file, status: "unreadable", diagnostics: diagnostics.map(relabel) };
  }
  const found = compatPass(old, now, options.levels, options.categories ?? [], {
    ...(options.extensible ? { extensible: options.extensible } : {}),
    elsewhere: (name) => {
      const g = whereDefined(scratch.after.tree).get(name);
      return g && (g.arch ? `${g.installed} of ${g.arch}` : g.installed);
    },
    abis,
  });
  return { file, status: "compared", diagnostics: found.map(relabel) };
}

function relabelDiagnostic(d: LintDiagnostic, scratch: Scratch): LintDiagnostic {
  const show = (file: string) =>
    scratch.after.display.get(file) ?? scratch.before.display.get(file) ?? file;
  const loc = (l: Diagnostic["loc"]) => (l ? { ...l, file: show(l.file) } : l);
  return {
    ...d,
    ...(d.loc ? { loc: loc(d.loc)! } : {}),
    ...(d.related
      ? { related: d.related.map((r) => (r.loc ? { ...r, loc: loc(r.loc)! } : r)) }
      : {}),
  };
}
