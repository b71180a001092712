/**
 * `--format sarif` validates against the SARIF 2.1.0 schema (fixtures/README.md says where the
 * copy comes from) and carries what GitHub code scanning requires beyond the schema.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import AjvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { run, tempProject } from "./cli-helpers.js";

// ajv-draft-04 is CommonJS: its class is the `default` export of module.exports.
const Ajv = AjvDraft04.default;

const schema = JSON.parse(
  readFileSync(join(__dirname, "fixtures/sarif-2.1.0-rtm.5.json"), "utf8"),
) as object;

const DEFS = `import { struct } from "uapi-gen/dsl";
export const s = struct({ fields: { a: { type: "__u32" }, b: { type: "__u64" }, p: { type: "void *" } } });
`;

describe("--format sarif", () => {
  it("is valid SARIF 2.1.0 with what GitHub code scanning requires", async () => {
    const r = await run(["lint", "--format", "sarif", "defs.ts"], tempProject({ "defs.ts": DEFS }));
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out) as {
      version: string;
      runs: {
        tool: {
          driver: {
            name: string;
            rules: {
              id: string;
              shortDescription: { text: string };
              fullDescription: { text: string };
              help: { text: string };
            }[];
          };
        };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
          partialFingerprints: Record<string, string>;
        }[];
      }[];
    };
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    const run0 = log.runs[0]!;
    expect(run0.results.length).toBeGreaterThan(3);
    for (const rule of run0.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help.text.length).toBeGreaterThan(0);
    }
    for (const res of run0.results) {
      expect(run0.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.locations).toHaveLength(1);
      expect(res.locations[0]!.physicalLocation.artifactLocation.uri).toBe("defs.ts");
      expect(res.locations[0]!.physicalLocation.region.startLine).toBe(2);
      expect(Object.keys(res.partialFingerprints)).toHaveLength(1);
    }
  });

  it("the schema check can fail: a log without `runs` is rejected", () => {
    const validate = new Ajv({ strict: false, unicodeRegExp: false }).compile(schema);
    expect(validate({ version: "2.1.0" })).toBe(false);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: {} }, results: [] }] })).toBe(
      false,
    );
  });
});
