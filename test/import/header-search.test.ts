// Which includes that entered no file found none (src/import/preprocessed/missing.ts): the
// preprocessor runs with -MG, and an include its guard skipped must not read as missing.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HeaderSearch } from "../../src/import/preprocessed/missing.js";
import type { IncludeDirective } from "../../src/import/preprocessed/tokens.js";

const root = mkdtempSync(join(tmpdir(), "uapi-gen-search-"));
const [user, arch, sys, quote] = ["user", "arch", "sys", "quote"].map((d) => join(root, d));
for (const [dir, file] of [
  [user, "linux/a.h"],
  [arch, "asm/types.h"],
  [sys, "linux/types.h"],
  [sys, "asm/types.h"],
  [quote, "q.h"],
  [user, "local.h"],
] as const) {
  mkdirSync(join(dir!, file, ".."), { recursive: true });
  writeFileSync(join(dir!, file), "\n");
}
const search = new HeaderSearch(["-iquote", quote!, "-I", user!, "-I", arch!, "-isystem", sys!]);
const inc = (name: string, more: Partial<IncludeDirective> = {}): IncludeDirective => ({
  file: 0,
  line: 1,
  name,
  quoted: false,
  next: false,
  entered: false,
  ...more,
});
const from = join(user!, "linux", "a.h");

describe("HeaderSearch", () => {
  it("finds a header in any folder of the search, so a guarded include is not missing", () => {
    expect(search.missing(inc("linux/types.h"), from)).toBe(false);
    expect(search.missing(inc("asm/types.h"), from)).toBe(false);
    expect(search.missing(inc("linux/nosuch.h"), from)).toBe(true);
  });

  it("searches next to the includer and the -iquote folders for quoted names only", () => {
    expect(search.missing(inc("a.h", { quoted: true }), from)).toBe(false);
    expect(search.missing(inc("a.h"), from)).toBe(true);
    expect(search.missing(inc("q.h", { quoted: true }), from)).toBe(false);
    expect(search.missing(inc("q.h"), from)).toBe(true);
  });

  it("searches after the includer's folder for #include_next, and takes absolute names as they are", () => {
    const inArch = join(arch!, "asm", "types.h");
    expect(search.missing(inc("asm/types.h", { next: true }), inArch)).toBe(false);
    expect(search.missing(inc("local.h", { next: true }), inArch)).toBe(true);
    expect(search.missing(inc(join(user!, "local.h"), { quoted: true }), from)).toBe(false);
    expect(search.missing(inc(join(user!, "gone.h"), { quoted: true }), from)).toBe(true);
  });
});
