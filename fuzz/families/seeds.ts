/** The seed inputs of each family, read from the repository and the kernel corpus. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { corpusRoot } from "../../src/util/corpus.js";

export const REPO = join(import.meta.dirname, "..", "..");

export interface TextSeed {
  /** Where it came from, relative to the repository (or the corpus). */
  readonly name: string;
  readonly file: string;
  readonly text: string;
  /** Files next to it that it may import, by name. */
  readonly siblings: Readonly<Record<string, string>>;
}

function filesIn(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => ext.test(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

function seedsOf(files: readonly string[], root: string): TextSeed[] {
  return files.map((file) => {
    const siblings: Record<string, string> = {};
    for (const s of filesIn(dirname(file), /\.ts$/))
      if (s !== file) siblings[basename(s)] = readFileSync(s, "utf8");
    return {
      name: relative(root, file),
      file: basename(file),
      text: readFileSync(file, "utf8"),
      siblings,
    };
  });
}

/** The shipped definitions and every definitions module the tests use. */
export function definitionSeeds(): TextSeed[] {
  const dirs = [
    "uapi-defs",
    "test/gen/inputs",
    "test/conform/defs",
    "test/lsp/fixtures/basic/uapi-defs",
    ...["current", "previous"].flatMap((v) =>
      readdirSync(join(REPO, "test/lint/compat", v)).map((d) => `test/lint/compat/${v}/${d}`),
    ),
    ...readdirSync(join(REPO, "test/conform/abidiff"))
      .filter((d) => statSync(join(REPO, "test/conform/abidiff", d)).isDirectory())
      .map((d) => `test/conform/abidiff/${d}`),
  ];
  return dirs.flatMap((d) => seedsOf(filesIn(join(REPO, d), /\.ts$/), REPO));
}

/** The kernel's uAPI headers of the 7.2 corpus (`linux/*.h`), with no siblings. */
export function headerSeeds(): TextSeed[] {
  const root = corpusRoot();
  const dir = root ? join(root, "headers", "7.2", "linux") : undefined;
  if (!dir || !existsSync(dir)) return [];
  return filesIn(dir, /\.h$/).map((file) => ({
    name: `corpus/headers/7.2/linux/${basename(file)}`,
    file: basename(file),
    text: readFileSync(file, "utf8"),
    siblings: {},
  }));
}

/** The shipped scenario files. */
export function scenarioSeeds(): TextSeed[] {
  return seedsOf(filesIn(join(REPO, "test/sim/scenarios"), /\.(json|ya?ml)$/), REPO).map((s) => ({
    ...s,
    siblings: {},
  }));
}
