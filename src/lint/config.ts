/**
 * The configuration file, `uapi-lint.json`:
 *
 *   {
 *     "extends": "recommended",                      // or "strict"
 *     "rules": { "require-docs": "off", "consistent-layout": "warning" },
 *     "ignore": [
 *       { "rule": "no-implicit-hole", "path": "old_struct.field", "reason": "frozen ABI since v4.2" }
 *     ],
 *     "extensible": { "clone_args": "clone3() takes the size as its second argument" },
 *     "includePath": ["include/uapi"]                 // -I folders for C headers
 *   }
 *
 * An ignore needs a written reason; `path` is an item name or `item.field` and covers what is
 * under it. `extensible` names C structs whose size the kernel learns at run time from
 * somewhere the header does not show (a syscall or ioctl argument, a sockopt's optlen), with
 * the reason; the compatibility rules then accept their growth at the tail. Errors in the file are diagnostics with file:line:col, like every other input.
 */
import { dirname, resolve } from "node:path";
import { ts } from "ts-morph";
import type { Diagnostic, SourceLoc } from "../diagnostics/diagnostic.js";
import { toLoc } from "../load/source-map.js";
import { PRESET_NAMES, presetLevels, type PresetName } from "./presets.js";
import type { Rule, RuleLevel } from "./types.js";

export const CONFIG_FILE_NAME = "uapi-lint.json";
const LEVELS: readonly RuleLevel[] = ["off", "info", "warning", "error"];

export interface IgnoreEntry {
  readonly rule: string;
  readonly path: string;
  readonly reason: string;
  readonly loc?: SourceLoc;
}

export interface LintConfig {
  readonly extends?: PresetName;
  readonly rules?: Readonly<Record<string, RuleLevel>>;
  readonly ignore?: readonly IgnoreEntry[];
  readonly extensible?: Readonly<Record<string, string>>;
  /** Include folders for C headers, relative to the configuration file (like `-I`). */
  readonly includePath?: readonly string[];
}

export interface ResolvedConfig {
  readonly levels: ReadonlyMap<string, RuleLevel>;
  readonly ignores: readonly IgnoreEntry[];
  /** Structs declared size-extensible (`extensible`): name → why. */
  readonly extensible?: ReadonlyMap<string, string>;
}

export function resolveConfig(
  config: LintConfig | undefined,
  rules: readonly Pick<Rule<string>, "meta">[],
): ResolvedConfig {
  const levels = presetLevels(config?.extends ?? "recommended", rules);
  for (const [id, level] of Object.entries(config?.rules ?? {})) levels.set(id, level);
  return {
    levels,
    ignores: config?.ignore ?? [],
    ...(config?.extensible ? { extensible: new Map(Object.entries(config.extensible)) } : {}),
  };
}

/** Parses and checks a configuration file; rule ids are checked against `known`. */
export function parseConfig(
  file: string,
  text: string,
  known: ReadonlySet<string>,
): { config: LintConfig; diagnostics: Diagnostic[] } {
  const sf = ts.parseJsonText(file, text);
  const diagnostics: Diagnostic[] = [];
  const error = (node: ts.Node, message: string, hint?: string) =>
    diagnostics.push({
      severity: "error",
      code: "lint/config",
      message,
      loc: toLoc(node, sf),
      ...(hint ? { hint } : {}),
    });
  const syntax = (sf as unknown as { parseDiagnostics: readonly ts.DiagnosticWithLocation[] })
    .parseDiagnostics;
  for (const d of syntax) {
    const at = { getStart: () => d.start, getEnd: () => d.start + d.length } as unknown as ts.Node;
    error(at, ts.flattenDiagnosticMessageText(d.messageText, " "));
  }
  const root = sf.statements[0]?.expression;
  if (syntax.length || !root || !ts.isObjectLiteralExpression(root)) {
    if (!syntax.length) error(root ?? sf, "the configuration is a JSON object");
    return { config: {}, diagnostics };
  }
  const out: {
    extends?: PresetName;
    rules?: Record<string, RuleLevel>;
    ignore?: IgnoreEntry[];
    extensible?: Record<string, string>;
    includePath?: string[];
  } = {};
  for (const prop of root.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const key = propName(prop);
    const value = prop.initializer;
    if (key === "extends") {
      const v = ts.isStringLiteral(value) ? value.text : undefined;
      if (v && (PRESET_NAMES as readonly string[]).includes(v)) out.extends = v as PresetName;
      else error(value, `"extends" is one of ${PRESET_NAMES.map((p) => `"${p}"`).join(", ")}`);
    } else if (key === "rules") {
      if (!ts.isObjectLiteralExpression(value)) {
        error(value, `"rules" maps rule ids to a level`);
        continue;
      }
      out.rules = {};
      for (const r of value.properties) {
        if (!ts.isPropertyAssignment(r)) continue;
        const id = propName(r);
        const level = ts.isStringLiteral(r.initializer) ? r.initializer.text : undefined;
        if (!known.has(id))
          error(r.name, `unknown rule "${id}"`, "see docs/rules/ for the rule ids");
        else if (!level || !(LEVELS as readonly string[]).includes(level))
          error(
            r.initializer,
            `the level of "${id}" is one of ${LEVELS.map((l) => `"${l}"`).join(", ")}`,
          );
        else out.rules[id] = level as RuleLevel;
      }
    } else if (key === "ignore") {
      if (!ts.isArrayLiteralExpression(value)) {
        error(value, `"ignore" is a list of { rule, path, reason }`);
        continue;
      }
      out.ignore = value.elements.flatMap((e) => ignoreEntry(e, sf, known, error));
    } else if (key === "extensible") {
      const parsed = extensibleEntries(value, error);
      if (parsed) out.extensible = parsed;
    } else if (key === "includePath") {
      const dirs =
        ts.isArrayLiteralExpression(value) && value.elements.every(ts.isStringLiteral)
          ? value.elements.map((e) => (e as ts.StringLiteral).text)
          : undefined;
      if (!dirs) error(value, `"includePath" is a list of folders`);
      else out.includePath = dirs.map((d) => resolve(dirname(file), d));
    } else {
      error(
        prop.name,
        `unknown property "${key}"`,
        `expected one of: extends, rules, ignore, extensible, includePath`,
      );
    }
  }
  return { config: out, diagnostics };
}

function ignoreEntry(
  e: ts.Expression,
  sf: ts.SourceFile,
  known: ReadonlySet<string>,
  error: (n: ts.Node, m: string, h?: string) => void,
): IgnoreEntry[] {
  if (!ts.isObjectLiteralExpression(e))
    return (void error(e, "an ignore is { rule, path, reason }"), []);
  const fields: Record<string, string> = {};
  for (const p of e.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const k = propName(p);
    if (!["rule", "path", "reason"].includes(k))
      error(p.name, `unknown property "${k}" of an ignore`, "expected rule, path, reason");
    else if (ts.isStringLiteral(p.initializer)) fields[k] = p.initializer.text;
    else error(p.initializer, `"${k}" is a string`);
  }
  const { rule, path, reason } = fields;
  if (!rule || !path) return (void error(e, 'an ignore needs "rule" and "path"'), []);
  if (!known.has(rule)) return (void error(e, `unknown rule "${rule}"`), []);
  if (!reason || !reason.trim())
    return (
      void error(
        e,
        `the ignore of ${rule} at ${path} has no "reason"`,
        "write down why the finding is accepted",
      ),
      []
    );
  return [{ rule, path, reason, loc: toLoc(e, sf) }];
}

/** `"extensible": { "<struct>": "<why its size is known at run time>" }`. */
function extensibleEntries(
  value: ts.Expression,
  error: (n: ts.Node, m: string, h?: string) => void,
): Record<string, string> | undefined {
  if (!ts.isObjectLiteralExpression(value)) {
    error(value, `"extensible" maps struct names to the reason they may grow`);
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const p of value.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const name = propName(p);
    const reason = ts.isStringLiteral(p.initializer) ? p.initializer.text.trim() : "";
    if (!/^[A-Za-z_]\w*$/.test(name)) error(p.name, `"${name}" is not a C struct name`);
    else if (!reason)
      error(
        p.initializer,
        `the extensible struct "${name}" needs a reason`,
        "say how the kernel learns the caller's size (a syscall argument, optlen, ...)",
      );
    else out[name] = reason;
  }
  return out;
}

function propName(p: ts.PropertyAssignment): string {
  return ts.isStringLiteral(p.name) || ts.isIdentifier(p.name) ? p.name.text : p.name.getText();
}
