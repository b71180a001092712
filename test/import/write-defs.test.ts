/**
 * `uapi-gen import` writes definitions that load: members C leaves unnamed are numbered across
 * the whole record, since the members of an anonymous union are members of the struct
 * (bpf.h's `union bpf_attr` nests anonymous unions in anonymous structs).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import { importHeader } from "../../src/import/import.js";
import { writeDefinitions } from "../../src/import/write-defs.js";
import { loadDefinitions } from "../../src/load/load.js";

describe("import → definitions", () => {
  it("numbers unnamed members across nested anonymous records", async () => {
    const dir = mkdtempSync(join(tmpdir(), "uapi-write-defs-"));
    const header = join(dir, "nested.h");
    writeFileSync(
      header,
      [
        "#include <linux/types.h>",
        "struct nested {",
        "\t__u32 kind;",
        "\tunion {",
        "\t\tstruct {",
        "\t\t\t__u32 a;",
        "\t\t\tunion {",
        "\t\t\t\t__u32 b;",
        "\t\t\t\t__u32 c;",
        "\t\t\t};",
        "\t\t};",
        "\t\t__u64 d;",
        "\t};",
        "};",
        "",
      ].join("\n"),
    );
    const imported = await importHeader(header, { abis: [getAbi("x86_64")] });
    expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const text = await writeDefinitions(imported.primary[0]!, imported.model);
    const defs = join(dir, "nested.ts");
    const loaded = loadDefinitions([defs], { readFile: (f) => (f === defs ? text : undefined) });
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(text).toContain("__anon1:");
    expect(text).toContain("__anon2:");
    expect(text).toContain("__anon3:");
  });
});
