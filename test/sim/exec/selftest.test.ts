/**
 * The kernel's own IOMMUFD selftest (linux-source-7.2, from the corpus), built natively and
 * run unmodified under `sim exec`: every variant of the tests the simulator covers passes.
 * (The table of every test is docs/sim.md, from `npm run sim:selftest-table`.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildSelftest } from "../../../src/sim/exec/selftest/build.js";
import { listSelftests, runSelftests } from "../../../src/sim/exec/selftest/run.js";

/** The tests the simulator must pass, in every variant. */
export const IN_SCOPE = [
  "iommufd.cmd_length",
  "iommufd_ioas.*.alloc_hwpt_nested",
  "iommufd_viommu.*.viommu_auto_destroy",
  "iommufd_viommu.*.viommu_negative_tests",
  "iommufd_viommu.*.vdevice_alloc",
  "iommufd_viommu.*.vdevice_cache",
];

function matches(test: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replaceAll(".", "\\.").replaceAll("*", "[^.]+")}$`);
  return re.test(test);
}

describe("the kernel's IOMMUFD selftest under sim exec", () => {
  let bin: string;
  let tests: string[];
  beforeAll(() => {
    bin = buildSelftest();
    tests = listSelftests(bin).filter((t) => IN_SCOPE.some((p) => matches(t, p)));
  }, 120_000);

  it("lists every variant of the tests in scope", () => {
    // 1 + 4 variants + 4 tests × 2 variants of iommufd_viommu
    expect(tests).toHaveLength(13);
  });

  it("passes every one of them (no_viommu's vdevice_cache is skipped by the test itself)", async () => {
    const r = await runSelftests(bin, tests);
    const failed = tests.filter((t) => r.verdicts.get(t) === "fail" || !r.verdicts.has(t));
    expect(failed, r.output).toEqual([]);
    expect(r.verdicts.get("iommufd_viommu.no_viommu.vdevice_cache")).toBe("skip");
    expect([...r.verdicts.values()].filter((v) => v === "pass")).toHaveLength(12);
    expect(r.status).toBe(0);
  });
});
