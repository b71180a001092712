/**
 * TypeScript for a definitions module: interfaces (u64 as bigint), enum, flag and constant
 * objects, ioctl numbers per ABI family, and struct codecs. Everything is a declaration over
 * the one runtime (`uapi-gen/runtime`); no encode or decode logic is generated.
 */
import prettier from "prettier";
import type { Item, ModuleIR } from "../../src/model/ir.js";
import {
  provenance,
  type GeneratedFile,
  type Generator,
  type GeneratorContext,
} from "../shared/generated-file.js";
import { structReferences, TS_WRITERS, type TsContext } from "./items.js";
import { fastText } from "./fast-format.js";
import { jsdoc } from "./jsdoc.js";
import { referencedStructs } from "./types.js";

/**
 * `filepath`: with a TypeScript module's name prettier parses once, as a module, instead of
 * guessing JSX with a pattern whose cost grows with the square of the lines without quotes
 * (a 20,000-member enum took 30 s).
 */
export const PRETTIER_OPTIONS: prettier.Options = {
  parser: "typescript",
  printWidth: 100,
  filepath: "generated.mts",
};

export function tsPath(module: ModuleIR): string {
  return `ts/${module.name}.ts`;
}

export async function renderTs(module: ModuleIR, ctx: GeneratorContext): Promise<string> {
  const tsCtx: TsContext = { model: ctx.model, layouts: ctx.layouts, runtime: new Set() };
  const body = module.items.map((item) =>
    (TS_WRITERS[item.kind] as (i: Item, c: TsContext) => string)(item, tsCtx),
  );
  const foreign = new Map<string, Set<string>>();
  const moduleOf = new Map(ctx.model.modules.map((m) => [m.file, m]));
  for (const item of module.items) {
    const refs =
      item.kind === "struct" || item.kind === "union"
        ? [...item.fields.flatMap((f) => referencedStructs(f.type)), ...structReferences(item)]
        : item.kind === "ioctl" && item.arg
          ? [item.arg]
          : [];
    for (const ref of refs) {
      const owner = moduleOf.get(ctx.model.items.get(ref)?.module ?? "");
      if (owner && owner !== module)
        foreign.set(owner.name, (foreign.get(owner.name) ?? new Set()).add(ref));
    }
  }
  const text = body.join("\n");
  const runtime = [...tsCtx.runtime].filter((n) => new RegExp(`\\b${n}[<(]`).test(text)).sort();
  const imports = [
    ...(runtime.length ? [`import { ${runtime.join(", ")} } from "uapi-gen/runtime";`] : []),
    ...[...foreign].map(
      ([m, names]) => `import { ${[...names].sort().join(", ")} } from "./${m}.js";`,
    ),
  ];
  // Big items of a simple shape are already in prettier's layout (fast-format.ts): prettier
  // formats the rest around a one-line stand-in for each, which is then swapped back.
  const fast = module.items.map(fastText);
  const standIn = (i: number) => `export const ${STAND_IN}${i} = 0;`;
  const source = [
    `// ${provenance(module, ctx)}`,
    ...(module.doc ? [jsdoc(module.doc).trimEnd()] : []),
    ...imports,
    ...body.map((b, i) => (fast[i] === undefined ? b : `${standIn(i)}\n`)),
  ].join("\n\n");
  const formatted = await prettier.format(source, PRETTIER_OPTIONS);
  if (fast.every((f) => f === undefined)) return formatted;
  return formatted.replace(
    new RegExp(`^export const \\${STAND_IN}(\\d+) = 0;\\n`, "gm"),
    (_, i: string) => fast[Number(i)]!,
  );
}

/** The stand-ins' name: `$` makes it no C identifier, so no definition can take it. */
const STAND_IN = "$uapiGenFast";

export const tsGenerator: Generator = {
  name: "ts",
  async generate(module, ctx): Promise<GeneratedFile[]> {
    return [{ path: tsPath(module), content: await renderTs(module, ctx) }];
  },
};
