/**
 * Planted breaks (test/lint/compat/planted.ts): each deliberate break in a copy of a real 7.2
 * header is found at the right line by the right rule, and nothing else is reported at error or
 * warning level; then the same edits with a comment line added above each one, to show that
 * moving lines moves the findings with them and changes nothing else. The baseline of a header
 * is read once for both variants.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/import/import.js";
import { COMPAT_RULE_LIST } from "../../src/lint/compat/rules/index.js";
import { compareTrees } from "../../src/lint/compat/tree/compare.js";
import { readBatchWithClang, type BatchReader } from "../../src/lint/compat/tree/read.js";
import { fileKey, type HeaderTree, type UapiFile } from "../../src/lint/compat/tree/header-tree.js";
import { InstalledTree } from "../../src/lint/compat/tree/installed-tree.js";
import { corpusHeaders, hasCorpusHeaders } from "../../src/util/corpus.js";
import { PLANTED, type PlantedEdit } from "./compat/planted.js";

const EXACT_FRONT_END = true;
/**
 * Read on four ABIs, for time: both byte orders, 4-byte aligned __u64 (i386), and a 64-bit
 * Arm; the rules are the same on all nineteen.
 */
const ABIS = ["x86_64", "i386", "aarch64", "s390x"];
const LEVELS = new Map(COMPAT_RULE_LIST.map((r) => [r.meta.id, r.meta.severity] as const));

/** The base tree with some headers' texts replaced. */
function overlay(base: InstalledTree, texts: ReadonlyMap<string, string>): HeaderTree {
  return {
    label: "planted",
    files: base.files,
    read: (f) => texts.get(f.installed) ?? base.read(f),
    version: (f) => {
      const t = texts.get(f.installed);
      return t === undefined ? base.version(f) : createHash("sha1").update(t).digest("hex");
    },
    display: (f) => `planted/${f.installed}`,
  };
}

/** Reads each distinct text once (the baseline is shared by both variants). */
function memoReader(): BatchReader {
  const cache = new Map<string, ImportResult>();
  return async (r) => {
    const keys = r.files.map(
      (f) => `${r.abis.join(",")}:${createHash("sha1").update(readFileSync(f)).digest("hex")}`,
    );
    const missing = r.files.filter((_, i) => !cache.has(keys[i]!));
    const read = await readBatchWithClang({ ...r, files: missing });
    missing.forEach((f, i) => cache.set(keys[r.files.indexOf(f)]!, read[i]!));
    return keys.map((k) => cache.get(k)!);
  };
}

function applyEdits(text: string, edits: readonly PlantedEdit[], comment: boolean): string {
  let out = text;
  for (const e of edits) {
    const at = out.indexOf(e.find);
    expect(at, `edit "${e.kind}" finds its text`).toBeGreaterThanOrEqual(0);
    expect(out.indexOf(e.find, at + 1), `edit "${e.kind}" finds its text once`).toBe(-1);
    const lineStart = out.lastIndexOf("\n", at - 1) + 1;
    const shift = comment ? "/* a planted comment line */\n" : "";
    out =
      out.slice(0, lineStart) +
      shift +
      out.slice(lineStart, at) +
      e.replace +
      out.slice(at + e.find.length);
    if (e.also) {
      expect(out.split(e.also.find).length, `edit "${e.kind}" finds its second text once`).toBe(2);
      out = out.replace(e.also.find, e.also.replace);
    }
  }
  return out;
}

function lineOf(text: string, snippet: string): number {
  const at = text.indexOf(snippet);
  expect(at, `"${snippet}" is in the edited header`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(snippet, at + 1), `"${snippet}" is in the edited header once`).toBe(-1);
  // The finding's line is the line of the snippet's first non-blank character.
  const start = at + (snippet.length - snippet.trimStart().length);
  return text.slice(0, start).split("\n").length;
}

describe.skipIf(!hasCorpusHeaders("7.2"))("planted breaks in real 7.2 headers", () => {
  const base = new InstalledTree(corpusHeaders("7.2"), "7.2");
  const reader = memoReader();
  const active = (edits: readonly PlantedEdit[]) =>
    edits.filter((e) => EXACT_FRONT_END || !e.needsExactFrontEnd);

  it("plants at least 40 breaks", () => {
    expect(Object.values(PLANTED).flat().length).toBeGreaterThanOrEqual(40);
  });

  // Every edited header of a variant in one comparison: the front end reads each version's
  // headers in one batch, and the originals once for both variants.
  const run = async (comment: boolean) => {
    const texts = new Map<string, string>();
    for (const [header, all] of Object.entries(PLANTED))
      if (active(all).length)
        texts.set(header, applyEdits(base.read({ installed: header })!, active(all), comment));
    const only = (f: UapiFile) => texts.has(fileKey(f));
    const results = await compareTrees(base, overlay(base, texts), {
      levels: LEVELS,
      only,
      reader,
      abis: ABIS,
    });
    return { texts, results: new Map(results.map((r) => [fileKey(r.file), r])) };
  };
  const variants = new Map<boolean, Awaited<ReturnType<typeof run>>>();

  for (const comment of [false, true]) {
    describe(comment ? "with a comment line above each edit" : "as planted", () => {
      beforeAll(async () => {
        variants.set(comment, await run(comment));
      }, 300_000);
      for (const [header, all] of Object.entries(PLANTED)) {
        it.skipIf(active(all).length === 0)(header, () => {
          const { texts, results } = variants.get(comment)!;
          const edited = texts.get(header)!;
          const result = results.get(header)!;
          expect(result.status).toBe("compared");
          const found = result.diagnostics
            .filter((d) => d.severity === "error" || d.severity === "warning")
            .map((d) => `${d.code} ${d.severity} ${d.loc!.range.start.line + 1}`)
            .sort();
          const want = active(all)
            .flatMap((e) => e.expect)
            .map((x) => `${x.rule} ${x.severity ?? "error"} ${lineOf(edited, x.at)}`)
            .sort();
          expect(
            found,
            result.diagnostics.map((d) => `${d.loc?.range.start.line}: ${d.message}`).join("\n"),
          ).toEqual(want);
        });
      }
    });
  }
});
