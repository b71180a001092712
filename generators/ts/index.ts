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
import { jsdoc } from "./jsdoc.js";
import { referencedStructs } from "./types.js";

export const PRETTIER_OPTIONS: prettier.Options = { parser: "typescript", printWidth: 100 };

export function tsPath(module: ModuleIR): string {
  return `ts/${module.name}.ts`;
}

export async function renderTs(module: ModuleIR, ctx: GeneratorContext): Promise<string> {
  const tsCtx: TsContext = { model: ctx.model, layouts: ctx.layouts, runtime: new Set() };
  const body = module.items.map((item) =>
    (TS_WRITERS[item.kind] as (i: Item, c: TsContext) => string)(item, tsCtx),
  );
  const foreign = new Map<string, Set<string>>();
  for (const item of module.items) {
    const refs =
      item.kind === "struct" || item.kind === "union"
        ? [...item.fields.flatMap((f) => referencedStructs(f.type)), ...structReferences(item)]
        : item.kind === "ioctl" && item.arg
          ? [item.arg]
          : [];
    for (const ref of refs) {
      const owner = ctx.model.modules.find((m) => m.items.some((i) => i.name === ref));
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
  const source = [
    `// ${provenance(module, ctx)}`,
    ...(module.doc ? [jsdoc(module.doc).trimEnd()] : []),
    ...imports,
    ...body,
  ].join("\n\n");
  return prettier.format(source, PRETTIER_OPTIONS);
}

export const tsGenerator: Generator = {
  name: "ts",
  async generate(module, ctx): Promise<GeneratedFile[]> {
    return [{ path: tsPath(module), content: await renderTs(module, ctx) }];
  },
};
