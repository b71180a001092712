/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it (GitHub's
 * SARIF support): every rule with id, short and full description, help text
 * and default level; every result with ruleId, ruleIndex, level, message, one physical
 * location relative to the repository root, and a partial fingerprint that stays stable when
 * unrelated lines move (rule, path in the definitions, message).
 */
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { Severity } from "../../diagnostics/diagnostic.js";
import type { LintDiagnostic, RuleMeta } from "../types.js";
import { relativePath } from "./paths.js";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  error: "error",
  warning: "warning",
  info: "note",
};
const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export interface SarifRule extends Pick<
  RuleMeta,
  "id" | "description" | "severity" | "docsUrl" | "kernelRules"
> {
  readonly category: string;
  /** The rule's documentation page (markdown), shown by code scanning next to the alert. */
  readonly help?: string;
}

export function formatSarif(
  diagnostics: readonly LintDiagnostic[],
  rules: readonly SarifRule[],
  cwd: string,
  version: string,
): string {
  const known = new Map(rules.map((r, i) => [r.id, i]));
  // Loader, config and suppression diagnostics have codes that are not rules: describe them too.
  const extra = [...new Set(diagnostics.map((d) => d.code).filter((c) => !known.has(c)))];
  const allRules = [
    ...rules.map((r) => ({
      id: r.id,
      name: r.id,
      shortDescription: { text: r.description.slice(0, 1024) },
      fullDescription: {
        text: `${r.description} Kernel rules: ${r.kernelRules.join(", ")}.`.slice(0, 1024),
      },
      help: {
        text: plain(r.help ?? r.description).slice(0, 1024),
        ...(r.help ? { markdown: r.help } : {}),
      },
      // A file:// URL of this checkout means nothing to a code-scanning server.
      ...(r.docsUrl && /^https?:/.test(r.docsUrl) ? { helpUri: r.docsUrl } : {}),
      defaultConfiguration: { level: LEVEL[r.severity] },
      properties: { tags: ["uapi", r.category] },
    })),
    ...extra.map((id) => ({
      id,
      name: id,
      shortDescription: { text: `uapi-gen input diagnostic ${id}` },
      fullDescription: { text: `A problem reading the input (${id}), not a lint finding.` },
      help: { text: "Fix the input at the reported position." },
      defaultConfiguration: { level: "error" as const },
    })),
  ];
  const index = new Map(allRules.map((r, i) => [r.id, i]));
  const results = diagnostics.map((d) => {
    const uri = d.loc ? relativePath(d.loc.file, cwd) : undefined;
    const location =
      d.loc && uri
        ? [
            {
              physicalLocation: {
                artifactLocation: {
                  uri: uri.startsWith("/") ? pathToFileURL(uri).href : uri,
                  ...(uri.startsWith("/") ? {} : { uriBaseId: "%SRCROOT%" }),
                },
                region: {
                  startLine: d.loc.range.start.line + 1,
                  startColumn: d.loc.range.start.character + 1,
                  endLine: d.loc.range.end.line + 1,
                  endColumn: d.loc.range.end.character + 1,
                },
              },
            },
          ]
        : [];
    const fingerprint = createHash("sha256")
      .update(`${d.code}\0${uri ?? ""}\0${d.path ?? ""}\0${d.message}`)
      .digest("hex")
      .slice(0, 32);
    return {
      ruleId: d.code,
      ruleIndex: index.get(d.code)!,
      level: LEVEL[d.severity],
      message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
      locations: location,
      partialFingerprints: { "uapiGenFinding/v1": fingerprint },
      ...(d.related?.length
        ? {
            relatedLocations: d.related
              .filter((r) => r.loc)
              .map((r, id) => ({
                id,
                message: { text: r.message },
                physicalLocation: {
                  artifactLocation: { uri: relativePath(r.loc!.file, cwd) },
                  region: {
                    startLine: r.loc!.range.start.line + 1,
                    startColumn: r.loc!.range.start.character + 1,
                  },
                },
              })),
          }
        : {}),
    };
  });
  const log = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "uapi-gen", semanticVersion: version, rules: allRules } },
        originalUriBaseIds: {
          "%SRCROOT%": { uri: pathToFileURL(cwd.endsWith("/") ? cwd : `${cwd}/`).href },
        },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

/** Markdown to plain text, roughly: what `help.text` carries. */
function plain(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, "")
    .replace(/[`*#>|]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
