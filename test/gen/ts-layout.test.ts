// Big enums and structs are written in prettier's layout directly (generators/ts/fast-format.ts),
// without prettier: on random big items, prettier must leave the generated TypeScript exactly
// as it is, and the direct path must really have been taken.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import prettier from "prettier";
import { afterAll, expect, it } from "vitest";
import { fastText } from "../../generators/ts/fast-format.js";
import { PRETTIER_OPTIONS, renderTs } from "../../generators/ts/index.js";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";

const tmp = mkdtempSync(join(tmpdir(), "uapi-gen-ts-layout-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A small seeded generator (xorshift), so a failure names its seed. */
function random(seed: number) {
  let x = seed * 2654435761 + 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

const WORDS = ["the", "entry", "size", "*/", "a", "pointer", "flags", "reserved", "x".repeat(30)];

function definitions(seed: number): string {
  const r = random(seed);
  const name = (base: string) => `${base}_${"n".repeat(r.int(r.pick([8, 20, 50])))}`;
  const doc = () =>
    r.int(4) === 0
      ? ""
      : `doc: ${JSON.stringify(Array.from({ length: 1 + r.int(r.pick([3, 30, 80])) }, () => r.pick(WORDS)).join(" "))}, `;
  const scalar = () =>
    JSON.stringify(
      r.pick(["__u8", "__u16", "__u32", "__u64", "__aligned_u64", "__le32", "__be64", "__s64"]),
    );
  const type = (): string =>
    r.pick([
      scalar,
      scalar,
      () => `array(${scalar()}, ${1 + r.int(16)})`,
      () => `array(array(${scalar()}, ${1 + r.int(4)}), ${1 + r.int(4)})`,
      () => "small",
    ])();
  const field = (i: number): string =>
    r.int(12) === 0
      ? `${name("u")}${i}: anonymousUnion({ members: { a${i}: { type: ${scalar()} }, b${i}: { type: ${type()}, ${doc()}} } })`
      : `${name("f")}${i}: { type: ${type()}, ${doc()}}`;
  const count = () => 64 + r.int(100);
  const fields = Array.from({ length: count() }, (_, i) => field(i)).join(",\n");
  const members = Array.from(
    { length: count() },
    (_, i) => `${name("M").toUpperCase()}${i}: { value: ${r.pick([i, -i, 2 ** 31 + i])}, ${doc()}}`,
  ).join(",\n");
  return (
    `import { struct, union, enumeration, array, anonymousUnion } from "uapi-gen/dsl";\n` +
    `export const small = struct({ fields: { a: { type: "__u32" } } });\n` +
    `export const ${name("big")} = ${r.pick(["struct", "union"])}({ ${doc()}fields: {\n${fields}\n} });\n` +
    `export const ${name("many")} = enumeration({ ${doc()}members: {\n${members}\n} });\n`
  );
}

it("writes big enums and structs exactly as prettier would", async () => {
  let direct = 0;
  for (let seed = 1; seed <= 8; seed++) {
    const file = join(tmp, `fast_${seed}.ts`);
    writeFileSync(file, definitions(seed));
    const loaded = loadDefinitions([file]);
    expect(
      loaded.diagnostics.filter((d) => d.severity === "error"),
      `seed ${seed}`,
    ).toEqual([]);
    const module = loaded.primary[0]!;
    direct += module.items.filter((i) => fastText(i) !== undefined).length;
    const text = await renderTs(module, {
      model: loaded.model,
      layouts: new Layouts(loaded.model),
      root: tmp,
    });
    expect(await prettier.format(text, PRETTIER_OPTIONS), `seed ${seed}`).toBe(text);
  }
  // Long names make some lines too long for the direct path: most items still take it.
  expect(direct).toBeGreaterThan(4);
});
