// Scenario files and designs that used to crash `sim run` or pass when they should not
// (issue 15): names of inherited properties, booleans as numbers, an 8-million-digit hex
// string, and design (e) with more entries than one user mapping holds.
import { describe, expect, it } from "vitest";
import { parseScenarios } from "../../src/sim/scenario/parse.js";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { caseSystem } from "../../src/sim/variants/cases.js";
import { DESIGNS } from "../../src/sim/variants/designs.js";

const objects = [
  { name: "ioas", kind: "ioas" },
  { name: "dev", kind: "mock_device" },
  { name: "s2", kind: "hwpt_paging", ioas: "ioas", dev: "dev", nest_parent: true },
  {
    name: "nested",
    kind: "hwpt_nested",
    parent: "s2",
    dev: "dev",
    data_type: "IOMMU_HWPT_DATA_SELFTEST",
  },
];
const invalidate = {
  hwpt: "nested",
  data_type: "IOMMU_HWPT_INVALIDATE_DATA_SELFTEST",
  entries: [{ iotlb_id: 1 }],
};

/** The message a scenario is refused with, or "accepted". */
function refusal(scenario: object, file = "s.json"): string {
  try {
    parseScenarios(file, JSON.stringify([{ name: "t", objects, ...scenario }]));
    return "accepted";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("hostile scenario files", () => {
  it("refuses inherited names where a table is looked up", () => {
    const step = (s: object) => ({ steps: [{ ...s }] });
    expect(refusal(step({ invalidate, expect: { state: { toString: [1] } } }))).toMatch(
      /key "expect.state.toString": unknown probe/,
    );
    // `__proto__` as a key of the JSON text (an object literal here would set a prototype).
    const proto = JSON.stringify([{ name: "t", objects, steps: [{ expect: {} }] }]).replace(
      '"expect"',
      '"__proto__":{},"expect"',
    );
    expect(() => parseScenarios("s.json", proto)).toThrow(/key "__proto__": unknown action/);
    expect(refusal({ objects: [{ name: "a", kind: "constructor" }] })).toMatch(
      /unknown kind "constructor"/,
    );
    expect(refusal(step({ ioctl: { cmd: "toString" }, expect: {} }))).toMatch(
      /unknown ioctl "toString"/,
    );
    expect(
      refusal(
        step({ ioctl: { cmd: "IOMMU_HWPT_INVALIDATE", fields: { constructor: 1 } }, expect: {} }),
      ),
    ).toMatch(/has no field constructor/);
    expect(
      refusal(step({ guest_cmdq: { viommu: "v", commands: [{ op: "toString" }] }, expect: {} })),
    ).toMatch(/no object is named "v"|unknown SMMUv3 command "toString"/);
  });

  it("takes no boolean for a number, except for a one-bit command field", () => {
    expect(
      refusal({
        steps: [{ invalidate: { ...invalidate, entries: [{ iotlb_id: true }] }, expect: {} }],
      }),
    ).toMatch(/iotlb_id": expected an integer .* got boolean true/);
    expect(
      refusal({ steps: [{ invalidate: { ...invalidate, entry_num: false }, expect: {} }] }),
    ).toMatch(/entry_num": expected an integer/);
  });

  it("refuses an 8-million-digit hex string without decoding it", () => {
    const trailing = "00".repeat(4_000_000);
    expect(
      refusal({ steps: [{ ioctl: { cmd: "IOMMU_HWPT_INVALIDATE", trailing }, expect: {} }] }),
    ).toMatch(/ioctl.trailing": expected at most 1048576 bytes of hex/);
  });

  it("names a huge YAML integer by its size instead of printing it", () => {
    const yaml = `- name: t\n  objects: [{ name: d, kind: smmu_device, sid: ${"9".repeat(5000)} }]\n`;
    expect(() => parseScenarios("s.yaml", yaml)).toThrow(/a \d+-bit value does not fit 32 bits/);
  });
});

describe("YAML scenario files", () => {
  it("are read in linear time: a mapping of 100,000 keys (duplicates were looked for pairwise)", () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join(", ");
    expect(() => parseScenarios("s.yaml", `- name: t\n  smmu: { ${keys} }\n`)).toThrow(
      /key "smmu.k0": unknown key/,
    );
  });

  it("are refused over 4 MiB before parsing (25 MB took 1.7 GB), pointing at JSON", () => {
    const big = `- name: t\n  steps:\n${"    - { destroy: 1, expect: {} }\n".repeat(150_000)}`;
    expect(() => parseScenarios("s.yaml", big)).toThrow(
      /over the limit of 4194304 for a YAML scenario file; write large scenarios as JSON/,
    );
  });

  it("refuse a key given twice in one mapping, at its line", () => {
    expect(() =>
      parseScenarios("s.yaml", "- name: t\n  kernel: latest\n  kernel: latest\n"),
    ).toThrow(/not valid YAML: the key kernel appears twice in one mapping at line 3, column 3/);
  });

  it("name an unexpected object with 64-bit integers without serialising it", () => {
    const yaml = "- name: t\n  steps:\n    - destroy: 1\n      expect: { errno: { asid: 3 } }\n";
    expect(() => parseScenarios("s.yaml", yaml)).toThrow(/got an object/);
  });
});

describe("design (e) of sim compare", () => {
  it("reports every entry of an array longer than one user mapping (43,691 entries)", () => {
    const e = DESIGNS.find((d) => d.id === "e")!;
    const { k, viommu } = caseSystem();
    const cmd = smmuv3_cmd.encode("TLBI_NH_ASID", { ASID: 1 });
    const report = e.submit(
      k,
      viommu,
      Array.from({ length: 43_691 }, () => cmd),
    );
    expect(report.errno).toBeDefined();
  });
});
