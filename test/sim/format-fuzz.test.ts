/** Any scenario-shaped input is either run or rejected with a ScenarioFormatError: never another exception. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScenarios } from "../../src/sim/scenario/parse.js";
import { runScenarios, ScenarioFormatError } from "../../src/sim/scenario/runner.js";

const value = fc.oneof(
  fc.constantFrom(
    "nested",
    "vsmmu",
    "dev",
    "fault",
    "0x10",
    "0xffffffffffffffff",
    "OK",
    "EINVAL",
    "CMD_SYNC",
    "CMD_TLBI_NH_VA",
    "IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3",
    "IOMMU_HWPT_INVALIDATE_DATA_SELFTEST",
  ),
  fc.constantFrom(0, 1, 8, 16, 24, 0xffffffff, -1, 1.5, 2 ** 60),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);
const entry = fc.oneof(
  fc.record(
    {
      op: fc.constantFrom("CMD_TLBI_NH_VA", "CMD_SYNC", "CMD_ATC_INV", "CMD_CFGI_CD", "0x99"),
      asid: value,
      sid: value,
      addr: value,
    },
    { requiredKeys: ["op"] },
  ),
  fc.record({ iotlb_id: value, flags: value }, { requiredKeys: [] }),
  fc.record({ bytes: value }),
  value,
);
const step = fc.oneof(
  fc.record({
    invalidate: fc.record(
      {
        hwpt: value,
        data_type: value,
        entries: fc.array(entry, { maxLength: 4 }),
        entry_len: value,
        entry_num: value,
        data_uptr: value,
      },
      { requiredKeys: ["hwpt", "data_type"] },
    ),
    expect: fc.record({ errno: value, entry_num: value }, { requiredKeys: [] }),
  }),
  fc.record({
    guest_cmdq: fc.record({ viommu: value, commands: fc.array(entry, { maxLength: 4 }) }),
    expect: fc.constant({}),
  }),
  fc.record({
    ioctl: fc.record({ cmd: value, size: value, trailing: value }, { requiredKeys: ["cmd"] }),
    expect: fc.constant({}),
  }),
  fc.record({
    fault: fc.record(
      { kind: fc.constantFrom("nomem", "sync_timeout", "atc_timeout", "x"), sid: value },
      { requiredKeys: ["kind"] },
    ),
    expect: fc.constant({}),
  }),
  fc.record({ destroy: value, expect: fc.constant({}) }),
  fc.jsonValue({ maxDepth: 2 }),
);
const OBJECTS = [
  { name: "ioas", kind: "ioas" },
  { name: "dev", kind: "smmu_device", sid: 256 },
  { name: "s2", kind: "hwpt_paging", ioas: "ioas", dev: "dev", nest_parent: true },
  { name: "vsmmu", kind: "viommu", type: "IOMMU_VIOMMU_TYPE_ARM_SMMUV3", hwpt: "s2", dev: "dev" },
  { name: "vdev", kind: "vdevice", viommu: "vsmmu", dev: "dev", virt_id: 16 },
];

describe("scenario files under random input", () => {
  it("run or give a format error, nothing else", () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 5 }),
        fc.constantFrom("a", "b", "e"),
        fc.boolean(),
        (steps, variant, withObjects) => {
          const text = JSON.stringify({
            name: "fuzz",
            variant,
            objects: withObjects ? OBJECTS : [],
            steps,
          });
          try {
            runScenarios(parseScenarios("fuzz.json", text));
          } catch (e) {
            expect(e).toBeInstanceOf(ScenarioFormatError);
            expect((e as Error).message).toMatch(
              /^fuzz\.json: scenario "fuzz": (step \d+: )?key ".*": /s,
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
