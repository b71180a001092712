/** `uapi-gen lint` end to end: formats, exit codes, configuration, suppressions, --fix. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, tempProject } from "./cli-helpers.js";
import { lint } from "../../src/lint/lint.js";
import { loadDefinitions } from "../../src/load/load.js";

const HOLE = `import { struct } from "uapi-gen/dsl";

export const s = struct({
  doc: "A struct with a hole.",
  fields: {
    a: { type: "__u32", doc: "A." },
    b: { type: "__aligned_u64", doc: "B." },
  },
});
`;

const CLEAN = HOLE.replace(
  `    b: {`,
  `    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },\n    b: {`,
);

describe("the shipped definitions", () => {
  it("lint clean", () => {
    const files = ["iommufd.ts", "iommufd_test.ts", "arm_smmuv3_cmdq.ts"].map((f) =>
      join(__dirname, "../../uapi-defs", f),
    );
    const result = lint(loadDefinitions(files));
    expect(
      result.diagnostics.map(
        (d) => `${d.loc?.file}:${d.loc?.range.start.line}: ${d.message} [${d.code}]`,
      ),
    ).toEqual([]);
  });
});

describe("uapi-gen lint", () => {
  it("prints gcc-style findings with a fix-it and exits 1", async () => {
    const dir = tempProject({ "defs.ts": HOLE });
    const r = await run(["lint", "defs.ts"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      "defs.ts:7:5: error: implicit padding before `b`: 4 bytes at offset 4 on every ABI [no-implicit-hole]\n",
    );
    expect(r.out).toContain(
      'fix-it:"defs.ts":{6:36-6:36}:",\\n__reserved: { type: \\"__u32\\", reserved: true, doc: \\"Must be 0.\\" }"',
    );
    expect(r.err).toContain("1 error(s), 0 warning(s), 0 note(s); 1 fixable with --fix");
  });

  it("exits 0 on clean definitions", async () => {
    const dir = tempProject({ "defs.ts": CLEAN });
    expect((await run(["lint", "defs.ts"], dir)).code).toBe(0);
  });

  it("exits 2 with file:line:col on invalid definitions, without a stack trace", async () => {
    const dir = tempProject({ "defs.ts": HOLE.replace(`doc: "A."`, `doc: "A.",, x`) });
    const r = await run(["lint", "defs.ts"], dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^defs\.ts:6:\d+: error: .* \[defs\/syntax\]/m);
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
  });

  it("exits 2 on usage errors", async () => {
    const dir = tempProject({ "defs.ts": CLEAN });
    expect((await run(["lint", "--format", "xml", "defs.ts"], dir)).code).toBe(2);
    expect((await run(["lint", "missing.ts"], dir)).code).toBe(2);
  });

  it("writes JSON with LSP ranges, docs URL and fixes", async () => {
    const dir = tempProject({ "defs.ts": HOLE });
    const r = await run(["lint", "--format", "json", "defs.ts"], dir);
    const json = JSON.parse(r.out) as {
      diagnostics: {
        code: string;
        line: number;
        column: number;
        docsUrl: string;
        fixes: unknown[];
        loc: { range: unknown };
      }[];
    };
    expect(json.diagnostics).toHaveLength(1);
    const d = json.diagnostics[0]!;
    expect([d.code, d.line, d.column]).toEqual(["no-implicit-hole", 7, 5]);
    expect(d.loc.range).toEqual({
      start: { line: 6, character: 4 },
      end: { line: 6, character: 5 },
    });
    expect(d.docsUrl).toMatch(/^file:\/\/.*\/docs\/rules\/no-implicit-hole\.md$/);
    expect(d.fixes).toHaveLength(1);
  });

  it("writes GitHub workflow annotations", async () => {
    const dir = tempProject({ "defs.ts": HOLE });
    const r = await run(["lint", "--format", "github", "defs.ts"], dir);
    expect(r.out.trim()).toBe(
      "::error file=defs.ts,line=7,col=5,endLine=7,endColumn=6,title=uapi-gen no-implicit-hole::implicit padding before `b`%3A 4 bytes at offset 4 on every ABI%0Ainsert an explicit 4-byte reserved field before `b` and check it is zero".replace(
        "`%3A",
        "`:",
      ),
    );
  });

  it("honours a suppression comment with a reason, and rejects one without", async () => {
    const suppressed = HOLE.replace(
      `    b: {`,
      `    // uapi-lint-disable-next-line no-implicit-hole -- frozen since v6.8\n    b: {`,
    );
    const ok = await run(["lint", "defs.ts"], tempProject({ "defs.ts": suppressed }));
    expect([ok.code, ok.out.trim()]).toEqual([0, ""]);
    const noReason = await run(
      ["lint", "defs.ts"],
      tempProject({ "defs.ts": suppressed.replace(" -- frozen since v6.8", "") }),
    );
    expect(noReason.code).toBe(1);
    expect(noReason.out).toContain(
      "defs.ts:7:8: error: a suppression needs a reason after `--` [lint/suppression]",
    );
    expect(noReason.out).toContain("[no-implicit-hole]");
    const unused = await run(
      ["lint", "defs.ts"],
      tempProject({
        "defs.ts": CLEAN.replace(
          `    b: {`,
          `    // uapi-lint-disable-next-line no-implicit-hole -- stale\n    b: {`,
        ),
      }),
    );
    expect(unused.out).toContain(
      "warning: this suppression of no-implicit-hole matches no finding [lint/unused-suppression]",
    );
  });

  it("reads uapi-lint.json: levels and ignores with a reason", async () => {
    const config = {
      rules: { "require-docs": "off" },
      ignore: [{ rule: "no-implicit-hole", path: "s.b", reason: "released in v1 with the hole" }],
    };
    const dir = tempProject({
      "defs.ts": HOLE.replace(`doc: "A struct with a hole.",`, ""),
      "uapi-lint.json": JSON.stringify(config, null, 2),
    });
    const r = await run(["lint", "defs.ts"], dir);
    expect([r.code, r.out.trim()]).toEqual([0, ""]);
    const strict = await run(
      ["lint", "--preset", "strict", "defs.ts"],
      tempProject({ "defs.ts": HOLE.replace(`, doc: "A."`, "") }),
    );
    expect(strict.out).toContain("error: field `a` has no documentation [require-docs]");
  });

  it("reports configuration errors with their position and exits 2", async () => {
    const config = `{\n  "rules": { "no-such-rule": "off" },\n  "ignore": [{ "rule": "no-implicit-hole", "path": "s.b" }]\n}\n`;
    const r = await run(
      ["lint", "defs.ts"],
      tempProject({ "defs.ts": HOLE, "uapi-lint.json": config }),
    );
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      'uapi-lint.json:2:14: error: unknown rule "no-such-rule" [lint/config]',
    );
    expect(r.out).toContain(
      'uapi-lint.json:3:14: error: the ignore of no-implicit-hole at s.b has no "reason" [lint/config]',
    );
  });

  it("--fix inserts the padding, formatted, and the result lints clean", async () => {
    const dir = tempProject({
      "defs.ts": HOLE.replace(
        `    b: { type: "__aligned_u64", doc: "B." },`,
        `    b: { type: "__u64", doc: "B." },\n    c: { type: "__u32", doc: "C." },`,
      ),
    });
    const r = await run(["lint", "--fix", "defs.ts"], dir);
    expect([r.code, r.out.trim()]).toEqual([0, ""]);
    expect(readFileSync(join(dir, "defs.ts"), "utf8")).toBe(`import { struct } from "uapi-gen/dsl";

export const s = struct({
  doc: "A struct with a hole.",
  fields: {
    a: { type: "__u32", doc: "A." },
    __reserved2: { type: "__u32", reserved: true, doc: "Must be 0." },
    b: { type: "__aligned_u64", doc: "B." },
    c: { type: "__u32", doc: "C." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});
`);
  });
});
