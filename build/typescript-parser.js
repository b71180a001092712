/**
 * dist/typescript-parser.cjs: the part of TypeScript that uapi-gen runs, cut out of the 9 MB
 * `typescript.js` ts-morph ships. uapi-gen only parses (createSourceFile, the node tests,
 * positions); loading the whole compiler and language service for that was most of a cold
 * `uapi-gen lint` (bench/cold-lint.bench.ts). The cut, on TypeScript's own bundle layout
 * (one scope, `// src/<folder>/<file>.ts` markers, an `__export` table per namespace):
 *
 * 1. drop the tsserver part (everything from the first `// src/server/` file on);
 * 2. drop the namespace tables of the language service (`__export(ts_*_exports, ...)`) and
 *    its registrations of code fixes and refactors: nothing on the parsing path reads them;
 * 3. export only the names uapi-gen's sources use as `ts.<name>`, and let esbuild drop every
 *    declaration nothing reaches.
 *
 * The result is checked (every name defined, a module parsed) before it is written; if
 * anything fails, uapi-gen keeps loading the whole typescript.js (build/typescript.cjs).
 */
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The typescript.js ts-morph uses: the one the sources are written against. */
export function typescriptSource() {
  const fromTsMorph = createRequire(require.resolve("ts-morph"));
  return fromTsMorph.resolve("@ts-morph/common/dist/typescript.js");
}

export const parserOf = (root) => join(root, "dist", "typescript-parser.cjs");
const recordOf = (root) => join(root, "dist", "typescript-parser.json");

/** The `ts.<name>` references in the given source texts. */
export function usedNames(texts) {
  const names = new Set();
  for (const text of texts)
    for (const m of text.matchAll(/\bts\.([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  return [...names].sort();
}

/** Whether the parser on disk was cut from this typescript.js for these names. */
function isCurrent(root, source, names) {
  try {
    const record = JSON.parse(readFileSync(recordOf(root), "utf8"));
    const s = statSync(source);
    statSync(parserOf(root));
    return (
      record.source === source &&
      record.size === s.size &&
      record.mtimeMs === s.mtimeMs &&
      record.names.join(",") === names.join(",")
    );
  } catch {
    return false;
  }
}

/** Writes dist/typescript-parser.cjs unless it is current; returns whether one is in place. */
export async function ensureParser(root, names) {
  const source = typescriptSource();
  if (isCurrent(root, source, names)) return true;
  try {
    await buildParser(root, source, names);
    return true;
  } catch (e) {
    if (process.env.UAPI_GEN_DEBUG) console.error("uapi-gen: no TypeScript parser cut:", e);
    return false;
  }
}

async function buildParser(root, source, names) {
  const text = readFileSync(source, "utf8");
  const licence = /^\/\*![\s\S]*?\*\/\n/.exec(text)?.[0] ?? "";
  // The bundle's body: after the wrapper's first lines up to the tsserver part.
  const open = text.indexOf("\nvar typescript_exports = {};");
  const body = text.indexOf("\n// src/compiler/", open);
  const server = text.indexOf("\n// src/server/", body);
  if (open < 0 || body < 0 || server < 0) throw new Error("unexpected typescript.js layout");
  const helpers = text.slice(text.indexOf("\nvar __defProp"), open);
  let code = text.slice(body, server);
  code = code.replace(/^__export\(ts_\w+_exports, \{\n(?:  [^\n]*\n)*?\}\);\n/gm, "");
  for (const call of ["registerCodeFix", "registerRefactor"]) code = dropCalls(code, call);
  const exported = new Set(
    [...text.slice(open, body).matchAll(/^ {2}([A-Za-z_$][\w$]*): \(\) => /gm)].map((m) => m[1]),
  );
  const wanted = names.filter((n) => exported.has(n));
  const entry = `${helpers}\n${code}\nexport { ${wanted.join(", ")} };\n`;
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    stdin: { contents: entry, loader: "js", sourcefile: "typescript-parser.mjs" },
    bundle: true,
    write: false,
    format: "cjs",
    platform: "node",
    target: "node20",
    treeShaking: true,
    logLevel: "silent",
  });
  await esbuild.stop();
  const out = licence + result.outputFiles[0].text;
  mkdirSync(dirname(parserOf(root)), { recursive: true });
  const tmp = `${parserOf(root)}.${process.pid}.tmp`;
  writeFileSync(tmp, out);
  check(tmp, wanted);
  renameSync(tmp, parserOf(root));
  const s = statSync(source);
  writeFileSync(
    recordOf(root),
    JSON.stringify({ source, size: s.size, mtimeMs: s.mtimeMs, names }),
  );
}

/** Every name defined, and a module with imports parsed with positions. */
function check(file, wanted) {
  const ts = require(file);
  const missing = wanted.filter((n) => ts[n] === undefined);
  if (missing.length) throw new Error(`names missing from the cut: ${missing.join(", ")}`);
  const sf = ts.createSourceFile(
    "check.ts",
    'import { struct } from "uapi-gen/dsl";\nexport const s = struct({ a: [1, -2] });\n',
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  const decl = sf.statements[1];
  if (!decl || sf.getLineAndCharacterOfPosition(decl.getStart(sf)).line !== 1)
    throw new Error("the cut does not parse");
}

/** Removes the top-level statements that call `name(...)`. */
function dropCalls(code, name) {
  const start = new RegExp(`^${name}\\(`, "gm");
  let out = "";
  let from = 0;
  for (let m; (m = start.exec(code));) {
    out += code.slice(from, m.index);
    let i = m.index + m[0].length;
    let depth = 1;
    let quote = "";
    for (; depth > 0 && i < code.length; i++) {
      const c = code[i];
      if (quote) {
        if (c === "\\") i++;
        else if (c === quote) quote = "";
      } else if (c === '"' || c === "'" || c === "`") quote = c;
      else if (c === "(") depth++;
      else if (c === ")") depth--;
    }
    if (code[i] === ";") i++;
    from = i;
    start.lastIndex = i;
  }
  return out + code.slice(from);
}
