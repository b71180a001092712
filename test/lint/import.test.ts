/** C headers as input: clang-19's JSON AST to the IR, linted by the same rules; `uapi-gen import`. */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importHeader } from "../../src/import/import.js";
import { lint } from "../../src/lint/lint.js";
import { loadDefinitions } from "../../src/load/load.js";
import { run } from "./cli-helpers.js";

const SAMPLE = join(__dirname, "fixtures/sample.h");
// Not ioctl-unique-number: ioctls with a non-struct argument cannot be declared in the DSL.
const LAYOUT_RULES =
  /^(no-implicit-hole|no-implicit-tail-padding|consistent-layout|aligned-u64|size-multiple-of-8|ioctl-size-limit)$/;

describe("importing a C header", () => {
  it("keeps exact positions and what the rules must flag", async () => {
    const input = await importHeader(SAMPLE);
    expect(input.diagnostics).toEqual([]);
    const found = lint(input, { sourceText: () => input.text }).diagnostics.filter(
      (d) => d.code !== "require-docs",
    );
    const show = found.map(
      (d) =>
        `${d.loc!.range.start.line + 1}:${d.loc!.range.start.character + 1} ${d.code}: ${d.message}`,
    );
    expect(show).toEqual([
      // m68k aligns `long`, pointers and enums to 2: 38 bytes (m68k-linux-gnu-gcc agrees).
      "9:8 consistent-layout: sizeof(`sample_args`) differs between ABIs: 56 on every ABI but i386, x32, arm, riscv32, powerpc, mips, m68k, sh4, hppa; 48 on x32, arm, riscv32, powerpc, mips, hppa; 40 on i386, sh4; 38 on m68k",
      "9:8 no-implicit-tail-padding: `sample_args` ends in implicit padding: 4 bytes on every ABI but i386, m68k, sh4",
      "9:8 size-multiple-of-8: `sample_args` holds a 64-bit value but its size is not a multiple of 8: 38 on m68k",
      "11:8 aligned-u64: 64-bit field `addr` is not 8-aligned on every ABI: offset 8 on every ABI but i386, m68k, sh4; 4 on i386, m68k, sh4",
      "11:8 consistent-layout: `addr` is at a different offset per ABI: 8 on every ABI but i386, m68k, sh4; 4 on i386, m68k, sh4",
      "11:8 no-implicit-hole: implicit padding before `addr`: 4 bytes at offset 4 on every ABI but i386, m68k, sh4",
      "12:11 aligned-u64: 64-bit field `len` is not 8-aligned on every ABI: offset 16 on every ABI but i386, m68k, sh4; 12 on i386, m68k, sh4",
      "12:11 fixed-width-types: `len` uses the libc type `uint64_t` instead of a <linux/types.h> type",
      "13:7 fixed-width-types: `cookie` is `long`, whose width depends on the ABI",
      "14:8 fixed-width-types: `buf` is a pointer (void *): its size depends on the ABI",
      "15:15 fixed-width-types: `mode` is a C bitfield (`unsigned int : 4`): bit order and packing are implementation-defined",
      "15:23 fixed-width-types: `kind` is a C bitfield (`unsigned int : 4`): bit order and packing are implementation-defined",
      "16:21 enum-explicit-values: `SAMPLE_A` has no explicit value (it is 0 by position)",
      "16:46 fixed-width-types: `k` has the enum type `enum sample_kind`: its size and signedness are implementation-defined",
      // The two 4-bit fields use one byte of their unsigned int; `k` starts at the next int.
      "16:46 no-implicit-hole: implicit padding before `k`: 3 bytes at offset 41 on every ABI but i386, x32, arm, riscv32, powerpc, mips, m68k, sh4, hppa; 3 bytes at offset 33 on x32, arm, riscv32, powerpc, mips, hppa; 3 bytes at offset 29 on i386, sh4; 1 byte at offset 29 on m68k",
      "34:9 ioctl-unique-number: `SAMPLE_SET` has the same type and number (0x53, 0x1) as `SAMPLE_GET`",
    ]);
    // The packed struct has no hole to report (it is modelled: packed); the suppressed hole is gone.
    expect(found.some((d) => d.path?.startsWith("sample_packed"))).toBe(false);
    expect(found.some((d) => d.path?.startsWith("sample_suppressed"))).toBe(false);
    const ioctls = input.primary[0]!.items.filter((i) => i.kind === "ioctl");
    expect(
      ioctls.map((i) =>
        i.kind === "ioctl" ? [i.name, i.type.value, i.nr.value, i.dir, i.arg] : [],
      ),
    ).toEqual([
      ["SAMPLE_GET", 0x53, 1, "read", "sample_args"],
      ["SAMPLE_SET", 0x53, 1, "write", "sample_args"],
    ]);
  });

  it("reports a header that does not compile with its position, exit 2, no stack trace", async () => {
    const r = await run(["lint", join(__dirname, "fixtures/broken.h")], __dirname);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      "fixtures/broken.h:4:2: error: unknown type name 'no_such_type' [import/clang]",
    );
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
  });

  // One here (it reads every ABI); the corpus sample and `npm run corpus:check` compile the
  // round trip of the whole tree.
  for (const header of ["vfio.h"]) {
    it(`uapi-gen import ${header} writes definitions that load and lint like the header`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "uapi-import-"));
      const out = join(dir, header.replace(/\.h$/, ".ts"));
      const r = await run(["import", `/usr/include/linux/${header}`, "-o", out], dir);
      expect(r.code).toBe(0);
      const loaded = loadDefinitions([out]);
      expect(loaded.diagnostics.map((d) => d.message)).toEqual([]);
      // Anonymous members and records get a name in the DSL; compare findings without those names.
      const norm = (m: string) =>
        m
          .replace(/`(\(anonymous [^`]*\)|__anon\d+)`/g, "`<anonymous member>`")
          .replace(/`(\w+)(::|__)(\w+)`/g, "`$1::$3`");
      const fromHeader = await importHeader(`/usr/include/linux/${header}`);
      // Structs of included headers that fields use are copied into the module: not compared.
      const copied = new Set(
        fromHeader.model.modules
          .filter((m) => m.file !== fromHeader.primary[0]!.file)
          .flatMap((m) => m.items.map((i) => i.name)),
      );
      const layoutFindings = (ds: readonly { code: string; message: string; path?: string }[]) =>
        ds
          .filter((d) => LAYOUT_RULES.test(d.code) && !copied.has(d.path?.split(".")[0] ?? ""))
          .map((d) => norm(d.message))
          .sort();
      expect(layoutFindings(lint(loaded).diagnostics)).toEqual(
        layoutFindings(lint(fromHeader).diagnostics),
      );
    });
  }

  it("compares a header against its git history", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-hdr-git-"));
    const git = (...a: string[]) => execFileSync("git", a, { cwd: dir, stdio: "pipe" });
    git("init", "-q");
    git("config", "user.email", "t@example.invalid");
    git("config", "user.name", "t");
    copyFileSync(SAMPLE, join(dir, "sample.h"));
    git("add", ".");
    git("commit", "-q", "-m", "v1");
    const text = readFileSync(SAMPLE, "utf8").replace(
      "void *buf;\t/* a pointer */",
      "__u32 buf;\t/* shrunk */",
    );
    writeFileSync(join(dir, "sample.h"), text);
    const r = await run(["lint", "--against", "HEAD", "--category", "abi", "sample.h"], dir);
    expect(r.out).toContain(
      "sample.h:14:8: error: `buf` changed size: 8 → 4 bytes on every ABI but i386, x32, arm, riscv32, powerpc, mips, m68k, sh4, hppa (void * → __u32) [field-same-type]",
    );
    expect(r.out).not.toContain("unused-suppression");
    expect(git("status", "--porcelain").toString()).toBe(" M sample.h\n");
  });
});
