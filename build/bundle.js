/**
 * dist/uapi-gen.cjs: the CLI as one esbuild bundle of src/ and generators/, which
 * bin/uapi-gen.js runs and the package exports as its main entry (`import { main } from
 * "uapi-gen"`). Loading ~200 modules one by one cost far more start-up than one file; the
 * subcommands' dynamic imports become lazily run module bodies inside it. Node's own loader
 * runs it (so its dynamic `import()` of prettier and others works); only TypeScript's parser
 * goes through a code cache (build/typescript.cjs), cut out of TypeScript when the bundle is
 * built (build/typescript-parser.js).
 *
 * `npm run build` (build/build.js, run by prepack) writes it for the package. In a checkout,
 * bin/uapi-gen.js rebuilds it whenever one of the files it was built from (esbuild's metafile
 * lists them) differs in size or time from the build, so editing src/ never runs stale code.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fresh from "./fresh.cjs";
import { ensureParser, typescriptSource, usedNames } from "./typescript-parser.js";

/** The checkout this file belongs to; tests pass a copy's root instead. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const bundleOf = (root = ROOT) => fresh.bundleOf(root);
const inputsOf = (root) => fresh.inputsOf(root);

/** The condition under which package.json's exports name the sources (see tsconfig.json). */
const SOURCE_CONDITION = "uapi-gen-source";

/** Builds the bundle first when it is missing or stale. */
export async function ensureFreshBundle(root = ROOT) {
  if (!bundleIsFresh(root)) await buildBundle(root);
  return bundleOf(root);
}

/** See build/fresh.cjs, which bin/uapi-gen.js asks without loading this file. */
export const bundleIsFresh = (root = ROOT) => fresh.bundleIsFresh(root);

export async function buildBundle(root = ROOT) {
  const esbuild = await import("esbuild");
  const started = Date.now();
  const pkg = packageJson(root);
  const isDependency = (path) =>
    Object.keys(pkg.dependencies ?? {}).some((d) => path === d || path.startsWith(`${d}/`));
  const result = await esbuild.build({
    entryPoints: [join(root, "src", "cli", "index.ts")],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // The package's dependencies are installed beside it; everything else (yargs, a build-time
    // dependency) goes into the bundle, which then needs nothing more to start.
    external: Object.keys(pkg.dependencies ?? {}),
    write: false,
    metafile: true,
    outfile: bundleOf(root),
    logLevel: "silent",
    // Sources find the package root from their own URL; in the bundle that is the bundle's.
    define: { "import.meta.url": "__uapiGenBundleUrl" },
    banner: {
      js: 'const __uapiGenBundleUrl = require("node:url").pathToFileURL(__filename).href;',
    },
    plugins: [
      {
        name: "typescript-only",
        setup(build) {
          // Static imports of ts-morph only take its `ts`: the parser alone, through the code
          // cache. A dynamic import (generate --js) wants ts-morph's project layer itself.
          build.onResolve({ filter: /^ts-morph$/ }, (args) =>
            args.kind === "dynamic-import"
              ? { path: "ts-morph", namespace: "lazy-require" }
              : args.namespace === "lazy-require"
                ? { path: "ts-morph", external: true }
                : { path: "../build/typescript.cjs", external: true },
          );
          // `await import("prettier")`: a lazy require instead, so that the bundle holds no
          // dynamic import() at all. V8 drops the dynamic-import callback of functions it
          // takes from a code cache; without import() the bundle can go through one.
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.kind === "dynamic-import" && isDependency(args.path)
              ? { path: args.path, namespace: "lazy-require" }
              : undefined,
          );
          build.onLoad({ filter: /.*/, namespace: "lazy-require" }, (args) => ({
            contents: `module.exports = require(${JSON.stringify(args.path)});`,
            loader: "js",
          }));
          // yargs lays out a command's help on every run (cliui, wrap-ansi), and string-width's
          // module body builds an Intl.Segmenter and Unicode property regexes: ~25 ms of every
          // start. Printable ASCII is one column a character; the real module is required (and
          // so evaluated) only for any other text.
          build.onResolve({ filter: /^string-width$/ }, (args) =>
            args.namespace === "ascii-width"
              ? undefined
              : { path: relative(root, args.importer), namespace: "ascii-width" },
          );
          build.onLoad({ filter: /.*/, namespace: "ascii-width" }, (args) => ({
            contents:
              "const ascii = /^[\\x20-\\x7e]*$/;\n" +
              "export default (text, options) =>\n" +
              "  typeof text === 'string' && ascii.test(text)\n" +
              "    ? text.length\n" +
              "    : require('string-width').default(text, options);\n",
            loader: "js",
            resolveDir: join(root, dirname(args.path)),
          }));
          // Generated code imports the runtime by the package's own name; bundle it from
          // the sources package.json's exports name, not as an external package.
          build.onResolve({ filter: /^uapi-gen\// }, (args) => {
            const target = pkg.exports?.[`./${args.path.slice("uapi-gen/".length)}`];
            const source = target?.[SOURCE_CONDITION];
            return source ? { path: join(root, source) } : undefined;
          });
        },
      },
    ],
  });
  await esbuild.stop();
  const sources = Object.keys(result.metafile.inputs)
    .filter((f) => !/^(lazy-require|ascii-width):/.test(f)) // the virtual modules above
    .map((f) => join(root, f));
  // The TypeScript parser the bundle loads, cut for the `ts.<name>`s the sources use.
  await ensureParser(
    root,
    usedNames(sources.filter((f) => f.endsWith(".ts")).map((f) => readFileSync(f, "utf8"))),
  );
  // This file, package.json and the TypeScript the parser is cut from configure the build: a
  // change to them is a change to the output.
  const config = [
    join(root, "build", "bundle.js"),
    join(root, "build", "typescript-parser.js"),
    join(root, "package.json"),
    typescriptSource(),
  ];
  const inputs = [...sources, ...config].map((file) => {
    const s = statSync(file);
    return [relative(root, file), s.size, s.mtimeMs];
  });
  // esbuild escapes non-ASCII text in code but keeps comments as written: escaped there too (as
  // esbuild's own \u escapes, which mean the same anywhere else), the bundle is pure ASCII, and
  // so read as Latin-1 and held as a one-byte string (build/code-cache.cjs).
  const text = result.outputFiles[0].text.replace(
    /[^\x00-\x7f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  if (/(^|[^\w$.])import\(/m.test(text))
    throw new Error("the bundle holds a dynamic import(), which its code cache would break");
  mkdirSync(dirname(bundleOf(root)), { recursive: true });
  // The inputs list goes last: a build cut short leaves it naming the old state, so the next
  // start builds again instead of trusting a half-written bundle.
  writeAtomically(bundleOf(root), text);
  // A source saved while esbuild read it may be newer than what the bundle holds: then leave
  // the list out, and the next start builds again.
  if (inputs.some(([, , mtimeMs]) => mtimeMs >= started)) return;
  writeAtomically(inputsOf(root), JSON.stringify(inputs));
}

/** Whole or not at all: other processes starting never see half a file. */
function writeAtomically(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

function packageJson(root) {
  return JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
}
