/**
 * The engine's record rules (bitfields, packed, aligned, #pragma pack, anonymous members)
 * against every ABI's own compiler: the records below are compiled for each ABI of the table
 * (clang's frontend, or the cross gcc for m68k, sh4, alpha and hppa), and the sizes,
 * alignments, offsets and bit positions the objects hold must be the engine's.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ABIS, type Abi } from "../../src/abi/abis.js";
import type { ScalarName } from "../../src/abi/kernel-types.js";
import { readWords } from "../../src/import/elf.js";
import { compileObjects } from "../../src/import/objects.js";
import { setBits } from "../../src/import/check/truth.js";
import {
  LayoutEngine,
  type FieldLayout,
  type ShapeField,
  type ShapeStruct,
} from "../../src/layout/layout.js";
import { Pool } from "../../src/util/exec.js";

type Member = [name: string, type: ScalarName, width?: number, extra?: Partial<ShapeField>];

/** C text and engine shape of each case; unnamed bitfields are named `(...)` in the shape. */
const CASES: { c: string; members: Member[]; attrs?: Partial<ShapeStruct> }[] = [
  {
    c: "char a:7; char b:4;",
    members: [
      ["a", "char", 7],
      ["b", "char", 4],
    ],
  },
  {
    c: "int a:30; int b:4;",
    members: [
      ["a", "int", 30],
      ["b", "int", 4],
    ],
  },
  { c: "int a:3;", members: [["a", "int", 3]] },
  {
    c: "char c; int a:31;",
    members: [
      ["c", "char"],
      ["a", "int", 31],
    ],
  },
  {
    c: "char c; long long a:60;",
    members: [
      ["c", "char"],
      ["a", "long long", 60],
    ],
  },
  {
    c: "char c; int :0; char d;",
    members: [
      ["c", "char"],
      ["(z)", "int", 0],
      ["d", "char"],
    ],
  },
  {
    c: "char c; int :3; char d;",
    members: [
      ["c", "char"],
      ["(u)", "int", 3],
      ["d", "char"],
    ],
  },
  {
    c: "int :32; char d;",
    members: [
      ["(u)", "int", 32],
      ["d", "char"],
    ],
  },
  {
    c: "char c; short a:9;",
    members: [
      ["c", "char"],
      ["a", "short", 9],
    ],
  },
  {
    c: "int a:16; char d;",
    members: [
      ["a", "int", 16],
      ["d", "char"],
    ],
  },
  {
    c: "char x; char y; int a:16;",
    members: [
      ["x", "char"],
      ["y", "char"],
      ["a", "int", 16],
    ],
  },
  {
    c: "short x; long long a:32;",
    members: [
      ["x", "short"],
      ["a", "long long", 32],
    ],
  },
  {
    c: "__u8 a:4, b:4; __u16 c:12, d:4; __u32 e;",
    members: [
      ["a", "__u8", 4],
      ["b", "__u8", 4],
      ["c", "__u16", 12],
      ["d", "__u16", 4],
      ["e", "__u32"],
    ],
  },
  {
    c: "unsigned int m:16, u:16; unsigned int s:24, g:8; unsigned int n:6, o:26;",
    members: [
      ["m", "unsigned int", 16],
      ["u", "unsigned int", 16],
      ["s", "unsigned int", 24],
      ["g", "unsigned int", 8],
      ["n", "unsigned int", 6],
      ["o", "unsigned int", 26],
    ],
  },
  {
    c: "__u8 a; __u32 b; __u8 c:3; __u64 d;",
    members: [
      ["a", "__u8"],
      ["b", "__u32"],
      ["c", "__u8", 3],
      ["d", "__u64"],
    ],
    attrs: { packed: true },
  },
  {
    c: "__u8 a; __u16 b;",
    members: [
      ["a", "__u8"],
      ["b", "__u16"],
    ],
    attrs: { align: 16 },
  },
  {
    c: "__u8 a; __u64 b __attribute__((aligned(8))); __u8 c;",
    members: [
      ["a", "__u8"],
      ["b", "__u64", undefined, { align: 8 }],
      ["c", "__u8"],
    ],
  },
  {
    c: "__u8 a; __u32 b __attribute__((packed)); __u8 c;",
    members: [
      ["a", "__u8"],
      ["b", "__u32", undefined, { packed: true }],
      ["c", "__u8"],
    ],
  },
  {
    c: "__u8 a; __u64 b; long l; void *p;",
    members: [
      ["a", "__u8"],
      ["b", "__u64"],
      ["l", "long"],
      ["p", "void *"],
    ],
  },
];

/** Struct `sK` of case K, as C declares it (packed/aligned attributes after the body). */
function cStruct(k: number): string {
  const c = CASES[k]!;
  const attrs = [
    ...(c.attrs?.packed ? ["packed"] : []),
    ...(c.attrs?.align ? [`aligned(${c.attrs.align})`] : []),
  ];
  return `struct s${k} { ${c.c} }${attrs.length ? ` __attribute__((${attrs.join(", ")}))` : ""};`;
}

function shape(k: number): ShapeStruct {
  const c = CASES[k]!;
  return {
    name: `s${k}`,
    kind: "struct",
    ...c.attrs,
    fields: c.members.map(([name, type, width, extra]) => ({
      name,
      type: { kind: "scalar", name: type },
      ...(width !== undefined ? { bitWidth: width } : {}),
      ...extra,
    })),
  };
}

const PRELUDE =
  "typedef unsigned char __u8; typedef unsigned short __u16; typedef unsigned int __u32; __extension__ typedef unsigned long long __u64;";

function unit(): string {
  const lines = [PRELUDE];
  CASES.forEach((c, k) => {
    if (!c.members.length) return;
    lines.push(cStruct(k));
    lines.push(
      `const unsigned long long z${k}[2] = { sizeof(struct s${k}), _Alignof(struct s${k}) };`,
    );
    for (const [name, , width] of c.members) {
      if (name.startsWith("(")) continue;
      if (width !== undefined)
        lines.push(
          `const union { struct s${k} s; unsigned char b[sizeof(struct s${k})]; } b${k}_${name} = { .s = { .${name} = -1 } };`,
        );
      else
        lines.push(
          `const unsigned long long o${k}_${name}[1] = { __builtin_offsetof(struct s${k}, ${name}) };`,
        );
    }
  });
  return `${lines.join("\n")}\n`;
}

async function compilerSays(abi: Abi, dir: string) {
  const path = join(dir, `${abi.name}.c`);
  const r = await compileObjects(abi, [{ path, text: unit() }], []);
  if (!r.ok) throw new Error(r.message);
  const o = r.units.get(path)!;
  if (!o.symbols) throw new Error(`${abi.name}: ${o.otherErrors.join("; ")} ${[...o.errorLines]}`);
  return { symbols: o.symbols, le: o.littleEndian! };
}

describe("record rules against every ABI's compiler", () => {
  it("bitfields, packed, aligned and native members lay out as each compiler does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-records-"));
    const answers = await new Pool().all(ABIS.map((abi) => () => compilerSays(abi, dir)));
    const wrong: string[] = [];
    ABIS.forEach((abi, i) => {
      const { symbols, le } = answers[i]!;
      const engine = new LayoutEngine(abi, (n) =>
        /^s\d+$/.test(n) ? shape(Number(n.slice(1))) : undefined,
      );
      CASES.forEach((c, k) => {
        if (!c.members.length) return;
        const l = engine.structLayout(`s${k}`);
        const [size, align] = readWords(symbols.get(`z${k}`)!, 8, le).map(Number);
        if (l.size !== size || l.align !== align)
          wrong.push(
            `${abi.name} ${cStruct(k)} size/align ${l.size}/${l.align} vs ${size}/${align}`,
          );
        l.fields.forEach((f: FieldLayout) => {
          if (f.name.startsWith("(")) return;
          if (f.bitWidth !== undefined) {
            const b = setBits(symbols.get(`b${k}_${f.name}`)!, le);
            if (b?.bitOffset !== f.bitOffset || b?.bitWidth !== f.bitWidth)
              wrong.push(
                `${abi.name} s${k}.${f.name} bits ${f.bitOffset}+${f.bitWidth} vs ${b?.bitOffset}+${b?.bitWidth}`,
              );
          } else {
            const o = Number(readWords(symbols.get(`o${k}_${f.name}`)!, 8, le)[0]);
            if (o !== f.offset)
              wrong.push(`${abi.name} s${k}.${f.name} offset ${f.offset} vs ${o}`);
          }
        });
      });
    });
    expect(wrong).toEqual([]);
  }, 120_000);
});
