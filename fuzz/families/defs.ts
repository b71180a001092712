/**
 * Definitions modules: mutants of the shipped definitions and of every module the tests use,
 * with their sibling modules beside them (imports resolve), sometimes with a statement that
 * stresses a bound appended (constant chains, strings doubling, deep struct nesting, very
 * wide structs and enums).
 */
import type { Rng } from "../lib/rng.js";
import type { FuzzCase } from "../lib/types.js";
import type { FamilyMaker } from "./family.js";
import { lines, mutateText } from "./mutate-text.js";
import { definitionSeeds, type TextSeed } from "./seeds.js";

let seeds: TextSeed[] = [];

const DSL = `import { struct, union, enumeration, flagSet, constant, ioctl, array, char, header, anonymousUnion, commandSet, bits } from "uapi-gen/dsl";\n`;

/** Whole statements that stress the loader's and generators' bounds. */
function stressStatements(rng: Rng): string {
  const n = rng.pick([50, 500, 3000]);
  switch (rng.int(6)) {
    case 0:
      return (
        Array.from({ length: n }, (_, i) => `export const k${i} = k${i + 1} + 1;`).join("\n") +
        `\nexport const k${n} = 1;`
      );
    case 1:
      return (
        `export const s0 = "xy";\n` +
        Array.from({ length: 40 }, (_, i) => `export const s${i + 1} = s${i} + s${i};`).join("\n")
      );
    case 2:
      return (
        `export const t0 = struct({ fields: { a: { type: "__u8" } } });\n` +
        Array.from(
          { length: n },
          (_, i) => `export const t${i + 1} = struct({ fields: { a: { type: t${i} } } });`,
        ).join("\n")
      );
    case 3:
      return `export const wide = struct({ fields: { ${Array.from({ length: n * 3 }, (_, i) => `f${i}: { type: "__u${rng.pick([8, 16, 32, 64])}" }`).join(", ")} } });`;
    case 4:
      return `export const many = enumeration({ members: { ${Array.from({ length: n * 5 }, (_, i) => `M_${i}: ${i}`).join(", ")} } });`;
    default:
      return (
        `export const a0 = [1, 2];\n` +
        Array.from({ length: 30 }, (_, i) => `export const a${i + 1} = [...a${i}, ...a${i}];`).join(
          "\n",
        )
      );
  }
}

export const defsFamily: FamilyMaker = {
  name: "defs",
  load() {
    seeds = definitionSeeds();
    return seeds.length > 0;
  },
  make(rng, i): FuzzCase {
    const seed = rng.pick(seeds);
    const donor = rng.pick(seeds).text;
    let text = mutateText(rng, seed.text, donor, rng.pick([1, 1, 1, 2, 3]));
    if (rng.chance(0.08)) text += `\n${stressStatements(rng)}\n`;
    if (!/from "uapi-gen\/dsl"/.test(text) && rng.chance(0.5)) text = DSL + text;
    return {
      family: "defs",
      id: `defs-${i}`,
      files: { ...seed.siblings, [seed.file]: text },
      main: seed.file,
    };
  },
  pieces: (c) => lines(c.files[c.main]!),
  rebuild: (c, pieces) => ({ ...c, files: { ...c.files, [c.main]: pieces.join("\n") } }),
  reproduce: (c) =>
    `uapi-gen lint ${c.main} --format json; uapi-gen generate . --out out; clang-19 -std=c90 -fsyntax-only -I out/c out/c/linux/*.h`,
};
