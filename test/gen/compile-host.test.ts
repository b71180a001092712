// The generated headers compile with the host compilers against the real <linux/types.h> and
// <linux/ioctl.h>: as C90 included twice (the include guard), as C++98 with g++ and clang++,
// and their layout self-checks hold natively. Ioctl numbers from the real <linux/ioctl.h>
// equal the generated TypeScript ones.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { Ioctl } from "../../src/runtime/ioctl.js";
import * as iommufd from "../../out/ts/iommufd.js";
import * as iommufdTest from "../../out/ts/iommufd_test.js";

const HEADERS = readdirSync("out/c/linux").map((f) => f.replace(/\.h$/, ""));
const GOLDEN_INCLUDE = "test/golden/everything/c";
const tmp = mkdtempSync(join(tmpdir(), "uapi-gen-host-"));

function compile(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error) throw new Error(`${cmd} is not installed (scripts/install.sh installs it)`);
  expect(r.stderr + r.stdout, `${cmd} ${args.join(" ")}`).toBe("");
  expect(r.status).toBe(0);
}

function twice(header: string): string {
  const file = join(tmp, `${header}.twice.c`);
  writeFileSync(
    file,
    `#include <linux/${header}.h>\n#include <linux/${header}.h>\nint uapi_gen_anchor;\n`,
  );
  return file;
}

describe("generated headers with the host compilers", () => {
  const cases = [
    ...HEADERS.map((h) => ({ header: h, include: "out/c" })),
    { header: "everything", include: GOLDEN_INCLUDE },
  ];
  for (const { header, include } of cases) {
    const src = twice(header);
    it(`${header}.h: gcc -std=c90 -Wall -Werror, included twice`, () => {
      compile("gcc", ["-std=c90", "-Wall", "-Werror", "-fsyntax-only", "-I", include, src]);
    });
    it(`${header}.h: g++ and clang++ -std=c++98`, () => {
      compile("g++", [
        "-x",
        "c++",
        "-std=c++98",
        "-Wall",
        "-Werror",
        "-fsyntax-only",
        "-I",
        include,
        src,
      ]);
      compile("clang++-19", [
        "-x",
        "c++",
        "-std=c++98",
        "-Wall",
        "-Werror",
        "-fsyntax-only",
        "-I",
        include,
        src,
      ]);
    });
    const check = `${include}/checks/${header}.layout.c`;
    // A header without structs (only command-word macros) has no layout self-check.
    if (!existsSync(check)) continue;
    it(`${header}.h: layout self-check holds on x86_64 and i386 in C90, C11 and C++11`, () => {
      const base = ["-fsyntax-only", "-Wall", "-Werror", "-I", include];
      compile("gcc", [...base, "-std=c90", "-DUAPI_GEN_ABI_x86_64", check]);
      compile("clang-19", [...base, "-std=c11", "-DUAPI_GEN_ABI_x86_64", check]);
      compile("g++", [...base, "-x", "c++", "-std=c++11", "-DUAPI_GEN_ABI_x86_64", check]);
      compile("i686-linux-gnu-gcc", [...base, "-std=c11", "-DUAPI_GEN_ABI_i386", check]);
    });
  }

  it("a wrong expectation fails the self-check (the checks can fail)", () => {
    const r = spawnSync(
      "gcc",
      [
        "-fsyntax-only",
        "-std=c11",
        "-I",
        "out/c",
        "-DUAPI_GEN_ABI_m68k",
        "out/c/checks/iommufd.layout.c",
      ],
      { encoding: "utf8" },
    );
    // The host compiler is x86_64: m68k's 2-byte struct alignments are wrong here.
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("alignof(struct iommu_destroy) == 2");
  });

  it("ioctl numbers from the real <linux/ioctl.h> equal the generated ones (x86_64 and i386)", () => {
    const ioctls = ([...Object.values(iommufd), ...Object.values(iommufdTest)] as unknown[]).filter(
      (v): v is Ioctl => v instanceof Ioctl,
    );
    const src = join(tmp, "numbers.c");
    writeFileSync(
      src,
      `#include <stdio.h>\n#include <linux/iommufd.h>\n#include <linux/iommufd_test.h>\nint main(void) {\n` +
        ioctls
          .map((i) => `\tprintf("%s %lu\\n", "${i.name}", (unsigned long)${i.name});`)
          .join("\n") +
        `\n\treturn 0;\n}\n`,
    );
    // The i386 binary runs under qemu-user, as `uapi-gen conform` runs it: these machines may
    // have no IA32 emulation in the kernel (nor binfmt_misc), so it cannot run directly.
    for (const [cc, abi, runner] of [
      ["gcc", "x86_64", []],
      ["i686-linux-gnu-gcc", "i386", [getAbi("i386").qemu!]],
    ] as const) {
      const bin = join(tmp, `numbers.${abi}`);
      // Static, so no i386 dynamic loader is needed.
      execFileSync(cc, ["-std=c90", "-Wall", "-Werror", "-static", "-I", "out/c", "-o", bin, src], {
        timeout: 60_000,
      });
      const [command, ...args] = [...runner, bin];
      const printed = execFileSync(command!, args, { encoding: "utf8", timeout: 60_000 })
        .trim()
        .split("\n");
      expect(printed).toEqual(ioctls.map((i) => `${i.name} ${i.number(abi)}`));
    }
  });
});
