/**
 * pahole as the reference for holes and padding: compile a one-line translation unit that
 * includes a header with debug info for every type (-g -fno-eliminate-unused-debug-types, as
 * check-uapi.sh does), run pahole over the object, and read each struct's footer.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PaholeStruct {
  readonly size: number;
  readonly holes: number;
  readonly sumHoles: number;
  readonly padding: number;
  readonly bitHoles: boolean;
}

/** The compilers per ABI: the host gcc for x86_64, the Debian cross gcc for i386. */
export const PAHOLE_COMPILERS = { x86_64: "gcc", i386: "i686-linux-gnu-gcc" } as const;

export function paholeStructs(
  header: string,
  abi: keyof typeof PAHOLE_COMPILERS,
): Map<string, PaholeStruct> | undefined {
  const dir = mkdtempSync(join(tmpdir(), "uapi-pahole-"));
  try {
    const src = join(dir, "tu.c");
    writeFileSync(src, `#include "${header}"\n`);
    const obj = join(dir, "tu.o");
    try {
      execFileSync(
        PAHOLE_COMPILERS[abi],
        ["-g", "-fno-eliminate-unused-debug-types", "-c", src, "-o", obj],
        { stdio: "pipe" },
      );
    } catch {
      return undefined;
    }
    let text: string;
    try {
      text = execFileSync("pahole", [obj], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch {
      // A header without a single type: pahole finds no type information.
      return new Map();
    }
    return parsePahole(text);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function parsePahole(text: string): Map<string, PaholeStruct> {
  const out = new Map<string, PaholeStruct>();
  let name: string | undefined;
  let depth = 0;
  let cur = { size: 0, holes: 0, sumHoles: 0, padding: 0, bitHoles: false };
  for (const line of text.split("\n")) {
    const open = /^(struct|union) (\w+) \{/.exec(line);
    if (depth === 0 && open) {
      name = open[2];
      cur = { size: 0, holes: 0, sumHoles: 0, padding: 0, bitHoles: false };
    }
    depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
    // Footers of the outermost struct are indented by one tab.
    const size = /^\t\/\* size: (\d+),/.exec(line);
    if (size) cur.size = Number(size[1]);
    const holes = /^\t\/\* sum members: \d+, holes: (\d+), sum holes: (\d+) \*\//.exec(line);
    if (holes) [cur.holes, cur.sumHoles] = [Number(holes[1]), Number(holes[2])];
    const padding = /^\t\/\* padding: (\d+) \*\//.exec(line);
    if (padding) cur.padding = Number(padding[1]);
    if (/bit hole|bit_padding|bit padding/.test(line)) cur.bitHoles = true;
    if (depth === 0 && name) {
      if (!out.has(name)) out.set(name, cur);
      name = undefined;
    }
  }
  return out;
}
