// abidiff and the compatibility lint rules must agree: on every before/after pair (the
// abidiff pairs of test/conform/abidiff and the compatibility fixtures of test/lint/compat,
// including the real history of the invalidation structs), the structs abidiff reports
// changed are exactly those the compatibility rules report a layout finding on (reserved space
// split to give part of it a meaning counts: the member list changes). Pure renames, such as
// a field turned reserved in place, are not layout changes: abidiff files them as harmless,
// and the rules report them as API or semantic breaks.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Pool } from "../../src/conform/exec.js";
import { compareVersions } from "../../src/conform/tools/versions.js";
import { COMPAT_RULE_LIST, compatPass } from "../../src/lint/index.js";
import { loadDefinitions } from "../../src/load/load.js";
import { ROOT } from "./helpers.js";

/** Rules that judge one struct's layout (not names, enums, flags, ioctls or selectors). */
const LAYOUT_RULES = new Set([
  "struct-size-change",
  "field-same-offset",
  "field-same-type",
  "field-no-delete",
  "field-into-padding",
  "tail-field-zero-default",
  "reserved-field-use",
]);

const modules = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => join(dir, f));

const PAIRS: [string, string[], string[]][] = [
  ...readdirSync(join(ROOT, "test/conform/abidiff"))
    .filter((d) => !d.endsWith(".json"))
    .map((d): [string, string[], string[]] => [
      `abidiff/${d}`,
      [join(ROOT, "test/conform/abidiff", d, "old.ts")],
      [join(ROOT, "test/conform/abidiff", d, "new.ts")],
    ]),
  ...readdirSync(join(ROOT, "test/lint/compat/previous")).map((d): [string, string[], string[]] => [
    `lint/${d}`,
    modules(join(ROOT, "test/lint/compat/previous", d)),
    modules(join(ROOT, "test/lint/compat/current", d)),
  ]),
];

const pool = new Pool();

function lintedStructs(oldFiles: string[], newFiles: string[]): string[] {
  const levels = new Map(COMPAT_RULE_LIST.map((r) => [r.meta.id, r.meta.severity] as const));
  const findings = compatPass(loadDefinitions(oldFiles), loadDefinitions(newFiles), levels);
  const structs = findings
    .filter((d) => LAYOUT_RULES.has(d.code))
    .map((d) => d.path!.split(".")[0]!);
  return [...new Set(structs)].sort();
}

describe("abidiff agrees with the compatibility rules", () => {
  it("has pairs from both fixture sets", () => {
    expect(PAIRS.filter(([n]) => n.startsWith("lint/")).length).toBeGreaterThanOrEqual(6);
    expect(PAIRS.filter(([n]) => n.startsWith("abidiff/")).length).toBeGreaterThanOrEqual(6);
  });

  it.each(PAIRS)("%s", async (_name, oldFiles, newFiles) => {
    const cmp = await compareVersions(oldFiles, newFiles, "x86_64", pool, ROOT);
    const abidiff = [...cmp.verdict.changed.keys()].sort();
    expect(lintedStructs(oldFiles, newFiles)).toEqual(abidiff);
  });
});
