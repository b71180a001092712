import { loadDefinitions, type LoadResult } from "../../src/load/load.js";

/** Loads in-memory definitions modules: `files` maps a path under /virtual to its text. */
export function loadText(files: Record<string, string>): LoadResult {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [`/virtual/${k}`, v]));
  return loadDefinitions(
    Object.keys(files).map((k) => `/virtual/${k}`),
    { readFile: (f) => abs[f] },
  );
}

/** Like {@link loadText}, with `extra` files readable (by import) but not asked for. */
export function loadTextWith(
  files: Record<string, string>,
  extra: Record<string, string>,
): LoadResult {
  const all = Object.fromEntries(
    Object.entries({ ...extra, ...files }).map(([k, v]) => [`/virtual/${k}`, v]),
  );
  return loadDefinitions(
    Object.keys(files).map((k) => `/virtual/${k}`),
    { readFile: (f) => all[f] },
  );
}

/** `code@line:col: message` with one-based positions, as an editor shows them. */
export function where(result: LoadResult): string[] {
  return result.diagnostics.map(
    (d) =>
      `${d.code}@${d.loc ? `${d.loc.range.start.line + 1}:${d.loc.range.start.character + 1}` : "-"}: ${d.message}`,
  );
}

export const DSL = `import { struct, enumeration, flagSet, constant, ioctl, array, char, header, anonymousUnion, commandSet, bits, union } from "uapi-gen/dsl";\n`;
