/** `lint -I DIR` and uapi-lint.json's includePath: a header that includes another project's. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { importHeaders } from "../../src/import/import.js";
import { parseConfig } from "../../src/lint/config.js";
import { run } from "../lint/cli-helpers.js";

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "uapi-gen-include-"));
  mkdirSync(join(dir, "other", "acme"), { recursive: true });
  writeFileSync(
    join(dir, "other", "acme", "ids.h"),
    "#include <linux/types.h>\nstruct acme_id { __u32 vendor; __u32 device; };\n",
  );
  writeFileSync(
    join(dir, "dev.h"),
    "#include <acme/ids.h>\nstruct dev_info { struct acme_id id; __u64 flags; };\n",
  );
  return dir;
}

describe("include folders for C headers", () => {
  it("reads a header through include folders, not without them", async () => {
    const dir = project();
    const abis = [getAbi("x86_64")];
    const [without, withDir] = await Promise.all([
      importHeaders([join(dir, "dev.h")], { abis }),
      importHeaders([join(dir, "dev.h")], { abis, includeDirs: [join(dir, "other")] }),
    ]);
    expect(without[0]!.diagnostics.map((d) => d.message)).toEqual(["'acme/ids.h' file not found"]);
    expect(withDir[0]!.diagnostics).toEqual([]);
    expect(withDir[0]!.model.items.get("dev_info")).toBeDefined();
  });

  it("takes includePath from the configuration, relative to it", () => {
    const { config, diagnostics } = parseConfig(
      "/project/uapi-lint.json",
      JSON.stringify({ includePath: ["other", "/abs"] }),
      new Set(),
    );
    expect(diagnostics).toEqual([]);
    expect(config.includePath).toEqual(["/project/other", "/abs"]);
    const bad = parseConfig("/p/uapi-lint.json", '{ "includePath": "x" }', new Set());
    expect(bad.diagnostics.map((d) => d.message)).toEqual(['"includePath" is a list of folders']);
  });

  it("uapi-gen lint -I DIR", async () => {
    const r = await run(["lint", "--format", "json", "-I", "other", "dev.h"], project());
    expect(r.code).toBe(0);
  }, 60_000);
});
