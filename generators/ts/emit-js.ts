/**
 * `uapi-gen generate --js`: the generated TypeScript also as JavaScript (ES modules) and
 * declaration files, for projects without a TypeScript build. The TypeScript compiler that
 * ts-morph ships compiles the generated modules together, in memory, with the runtime's types
 * (`uapi-gen/runtime` from this installation), so every declaration is the type the compiler
 * infers, and imports keep their specifiers (`uapi-gen/runtime`, `./other.js`).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { GeneratedFile } from "../shared/generated-file.js";
import { PACKAGE_ROOT } from "../../src/util/package-root.js";

/** The runtime's types: declarations in an installed package, the sources in a checkout. */
function runtimeTypes(): string {
  const built = join(PACKAGE_ROOT, "dist", "src", "runtime", "index.d.ts");
  return existsSync(built) ? built : join(PACKAGE_ROOT, "src", "runtime", "index.ts");
}

/**
 * The `.js` and `.d.ts` of every `ts/<name>.ts` among `files`, which are laid out under
 * `outDir` (absolute). Throws when the generated TypeScript does not type-check, a bug.
 */
export async function emitJavaScript(
  files: readonly GeneratedFile[],
  outDir: string,
): Promise<GeneratedFile[]> {
  const sources = files.filter((f) => /^ts\/[^/]+\.ts$/.test(f.path));
  if (!sources.length) return [];
  // ts-morph's project layer is loaded only for this option; `lint` never pays for it.
  const { Project, ts } = await import("ts-morph");
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts"],
      types: [],
      strict: true,
      declaration: true,
      skipLibCheck: true,
      paths: { "uapi-gen/runtime": [runtimeTypes()] },
      newLine: ts.NewLineKind.LineFeed,
    },
    skipAddingFilesFromTsConfig: true,
  });
  // overwrite: the files of an earlier run may be on disk, found through imports.
  for (const f of sources)
    project.createSourceFile(join(outDir, f.path), f.content, { overwrite: true });
  const problems = project
    .getPreEmitDiagnostics()
    .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error);
  if (problems.length)
    throw new Error(
      `the generated TypeScript does not compile:\n${project.formatDiagnosticsWithColorAndContext(problems.slice(0, 5))}`,
    );
  const emitted = project.emitToMemory();
  const wanted = new Set(sources.map((f) => join(outDir, f.path).replace(/\.ts$/, "")));
  return emitted
    .getFiles()
    .filter((f) => wanted.has(f.filePath.replace(/\.(d\.ts|js)$/, "")))
    .map((f) => ({ path: f.filePath.slice(outDir.length + 1), content: f.text }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
