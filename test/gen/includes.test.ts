// A module that names another module's items gets `#include <linux/OTHER.h>`, so its header
// compiles on its own for its users (macros expanded); headers that would include each other
// are refused at load, at the use that closes the cycle.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { headerPath, renderHeader } from "../../generators/c-header/index.js";
import { cPreludeGenerator } from "../../generators/c-prelude/index.js";
import { Layouts } from "../../src/layout/layouts.js";
import { DSL, loadText, where } from "../load/helpers.js";

const BASE = `${DSL}
export const base = header({ name: "base", doc: "Base." });
export const BASE_TYPE = constant({ value: char("b"), doc: "Type." });
export const base_cmd = enumeration({ anonymous: true, doc: "Numbers.", members: { BASE_CMD_GET: { value: 1, doc: "Get." } } });
export const base_range = struct({ doc: "Range.", fields: { start: { type: "__aligned_u64", doc: "Start." } } });
`;

const USER = `${DSL}
import { BASE_TYPE, base_range } from "./base.js";
export const user = header({ name: "user", doc: "User." });
export const user_arg = struct({ doc: "Argument.", fields: {
  size: { type: "__u32", doc: "Size." },
  __reserved: { type: "__u32", reserved: true, doc: "Zero." },
  ranges: { type: array(base_range, 2), doc: "Ranges." },
} });
export const USER_GET = ioctl({ type: BASE_TYPE, nr: "BASE_CMD_GET", dir: "readwrite", arg: user_arg, doc: "Get." });
`;

describe("#include between modules", () => {
  it("a module using another's struct, type constant and command number compiles for its users", async () => {
    const loaded = loadText({ "base.ts": BASE, "user.ts": USER });
    expect(loaded.diagnostics).toEqual([]);
    const ctx = { model: loaded.model, layouts: new Layouts(loaded.model), root: "/virtual" };
    const dir = mkdtempSync(join(tmpdir(), "uapi-gen-includes-"));
    const files = [
      ...loaded.model.modules.map((m) => ({ path: headerPath(m), content: renderHeader(m, ctx) })),
      ...(await cPreludeGenerator.shared!(ctx)),
    ];
    for (const f of files) {
      mkdirSync(join(dir, f.path, ".."), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    const user = loaded.model.modules.find((m) => m.name === "user")!;
    expect(renderHeader(user, ctx)).toContain("#include <linux/base.h>\n");
    // Only the user's header, as a user would include it, with the ioctl macro expanded.
    const src = join(dir, "use.c");
    writeFileSync(
      src,
      "#include <linux/user.h>\nunsigned long n = USER_GET;\nstruct user_arg a;\n",
    );
    const r = spawnSync(
      "clang-19",
      ["-fsyntax-only", "-Wall", "-Werror", "-nostdinc", "-ffreestanding"].concat([
        "-I",
        join(dir, "c/prelude"),
        "-I",
        join(dir, "c"),
        src,
      ]),
      { encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it("headers that would include each other are an error at the use closing the cycle", () => {
    const a = `${DSL}import { b1 } from "./b.js";
export const a1 = struct({ doc: "A1.", fields: { x: { type: "__u32", doc: "x" } } });
export const a2 = struct({ doc: "A2.", fields: { y: { type: b1, doc: "y" } } });
`;
    const b = `${DSL}import { a1 } from "./a.js";
export const b1 = struct({ doc: "B1.", fields: { x: { type: "__u32", doc: "x" } } });
export const b2 = struct({ doc: "B2.", fields: { y: { type: a1, doc: "y" } } });
`;
    expect(where(loadText({ "a.ts": a, "b.ts": b }))).toEqual([
      "defs/include-cycle@4:50: `a1` of a.ts makes linux/b.h include linux/a.h, which closes an include cycle: linux/a.h -> linux/b.h -> linux/a.h",
    ]);
  });
});
