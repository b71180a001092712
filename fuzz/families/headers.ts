/**
 * C headers: mutants of the kernel's uAPI headers (the 7.2 corpus, linux/*.h), line by line
 * and token by token, sometimes with a stressor appended: chains of macros that expand each
 * other twice (the 373-byte bomb), deeply parenthesised values, huge arrays, wide structs.
 */
import type { Rng } from "../lib/rng.js";
import type { FuzzCase } from "../lib/types.js";
import type { FamilyMaker } from "./family.js";
import { lines, mutateText } from "./mutate-text.js";
import { headerSeeds, type TextSeed } from "./seeds.js";

let seeds: TextSeed[] = [];

function stressor(rng: Rng): string {
  const n = rng.pick([20, 60, 200]);
  switch (rng.int(6)) {
    case 0:
      return `#define B0 1\n${Array.from({ length: n }, (_, i) => `#define B${i + 1} (B${i} + B${i})`).join("\n")}\nenum { BOMB = B${n} };`;
    case 1:
      return `#define DEEP ${"(".repeat(n * 5)}1${")".repeat(n * 5)}\nenum { D = DEEP };`;
    case 2:
      return `struct huge { __u8 a[${rng.pick(["0x7fffffff", "0xffffffffffffffffULL", "1 << 62", "-1"])}]; };`;
    case 3:
      return `struct wide { ${Array.from({ length: n * 50 }, (_, i) => `__u32 f${i};`).join(" ")} };`;
    case 4:
      return `enum big { ${Array.from({ length: n * 100 }, (_, i) => `E${i} = ${i}`).join(", ")} };`;
    default:
      return `#define IOC _IOWR('x', ${rng.pick(["1", "300", "-1"])}, struct ${rng.pick(["missing", "huge"])})`;
  }
}

/** A header line mutation: delete, repeat, move, or mutate the tokens of a few lines. */
function mutateLines(rng: Rng, text: string, donor: string): string {
  const ls = text.split("\n");
  const at = rng.int(ls.length);
  switch (rng.int(4)) {
    case 0:
      ls.splice(at, rng.between(1, 5));
      break;
    case 1:
      ls.splice(at, 0, ...ls.slice(at, at + rng.between(1, 8)));
      break;
    case 2: {
      const d = donor.split("\n");
      const from = rng.int(d.length);
      ls.splice(at, 0, ...d.slice(from, from + rng.between(1, 10)));
      break;
    }
    default: {
      const span = ls.slice(at, at + rng.between(1, 6)).join("\n");
      ls.splice(at, span.split("\n").length, ...mutateText(rng, span, donor, 1).split("\n"));
    }
  }
  return ls.join("\n");
}

export const headersFamily: FamilyMaker = {
  name: "headers",
  load() {
    seeds = headerSeeds();
    return seeds.length > 0;
  },
  make(rng, i): FuzzCase {
    const seed = rng.pick(seeds);
    const donor = rng.pick(seeds).text;
    let text = seed.text;
    for (let k = rng.between(1, 3); k > 0; k--) text = mutateLines(rng, text, donor);
    if (rng.chance(0.1)) text = text.replace(/(#endif[^\n]*\s*)$/, `${stressor(rng)}\n$1`);
    return { family: "headers", id: `headers-${i}`, files: { [seed.file]: text }, main: seed.file };
  },
  pieces: (c) => lines(c.files[c.main]!),
  rebuild: (c, pieces) => ({ ...c, files: { [c.main]: pieces.join("\n") } }),
  reproduce: (c) =>
    `uapi-gen lint ${c.main} --format json; uapi-gen import ${c.main} -o imported.ts`,
};
