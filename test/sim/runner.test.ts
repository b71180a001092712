import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "uapi-sim-"));
function file(name: string, content: unknown): string {
  writeFileSync(join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  return name;
}

const MOCK = [
  { name: "ioas", kind: "ioas" },
  { name: "dev", kind: "mock_device" },
  { name: "parent", kind: "hwpt_paging", ioas: "ioas", dev: "dev", nest_parent: true },
  {
    name: "nested",
    kind: "hwpt_nested",
    parent: "parent",
    dev: "dev",
    data_type: "IOMMU_HWPT_DATA_SELFTEST",
    data: { iotlb: 1 },
  },
];
const scenario = (steps: unknown[], extra: object = {}) => ({
  name: "s",
  objects: MOCK,
  steps,
  ...extra,
});
const inv = (o: object) => ({
  invalidate: { hwpt: "nested", data_type: "IOMMU_HWPT_INVALIDATE_DATA_SELFTEST", ...o },
  expect: { errno: "OK" },
});

async function message(content: unknown, name = "bad.json"): Promise<string> {
  const r = await cli(["sim", "run", file(name, content)], dir);
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err).not.toMatch(/\bat .*:\d+:\d+/); // no stack trace
  return r.err.trim();
}

describe("sim run: failed steps", () => {
  it("prints one line per failed step, the closing line, and exits 1", async () => {
    const f = file("fail.json", scenario([{ ...inv({ entries: [{ iotlb_id: 9 }] }) }, inv({})]));
    const r = await cli(["sim", "run", f], dir);
    expect(r.code).toBe(1);
    expect(r.out.trim().split("\n")).toEqual([
      'FAIL fail.json: scenario "s": step 0 (invalidate): errno: expected "OK", got "EINVAL"',
      "1 passed, 1 failed",
    ]);
  });
});

describe("sim run: malformed files name file, scenario, step and key", () => {
  const cases: [string, unknown, string][] = [
    [
      "unknown object",
      scenario([{ invalidate: { hwpt: "nope", data_type: 1 }, expect: {} }]),
      'bad.json: scenario "s": step 0: key "invalidate.hwpt": no object is named "nope"',
    ],
    [
      "two actions",
      scenario([{ destroy: "nested", fault: { kind: "nomem" }, expect: {} }]),
      'bad.json: scenario "s": step 0: key "fault": a step has exactly one action, this one has destroy and fault',
    ],
    [
      "no expect",
      scenario([{ destroy: "nested" }]),
      'bad.json: scenario "s": step 0: key "expect": required (use {} for a step that checks nothing)',
    ],
    [
      "unknown action",
      scenario([{ frobnicate: 1, expect: {} }]),
      'bad.json: scenario "s": step 0: key "frobnicate": unknown action (expected one of invalidate, ioctl, guest_cmdq, guest_ack, fault, destroy, cache_fill)',
    ],
    [
      "bad errno",
      scenario([{ destroy: "nested", expect: { errno: "EWHAT" } }]),
      'bad.json: scenario "s": step 0: key "expect.errno": expected "OK", 0 or an errno name, got "EWHAT"',
    ],
    [
      "typo key",
      scenario([{ invalidate: { hwpt: "nested", data_type: 1, entry_lne: 8 }, expect: {} }]),
      'bad.json: scenario "s": step 0: key "invalidate.entry_lne": unknown key (expected one of hwpt, data_type, entries, entry_len, entry_num, data_uptr, reserved, size, arg)',
    ],
    [
      "bad field",
      scenario([inv({ entries: [{ iotlb: 1 }] })]),
      'bad.json: scenario "s": step 0: key "invalidate.entries[0].iotlb": iommu_hwpt_invalidate_selftest has no scalar field iotlb (fields: flags, iotlb_id)',
    ],
    [
      "big number",
      scenario([inv({ entries: [{ iotlb_id: 2 ** 60 }] })]),
      `bad.json: scenario "s": step 0: key "invalidate.entries[0].iotlb_id": ${2 ** 60} is above 2^53: write 64-bit values as "0x..." strings`,
    ],
    [
      "field too wide",
      scenario([inv({ entries: [{ iotlb_id: "0x100000000" }] })]),
      'bad.json: scenario "s": step 0: key "invalidate.entries[0].iotlb_id": 4294967296 does not fit 32 bits',
    ],
    [
      "bad probe",
      scenario([{ destroy: "nested", expect: { state: { "dev.iotlb": [] } } }]),
      'bad.json: scenario "s": step 0: key "expect.state.dev.iotlb": unknown probe (expected smmu.issued, smmu.errors, smmu.tlb, smmu.atc, smmu.ste, smmu.cd, <hwpt_nested>.iotlb, <hwpt_nested>.flushes, <mock_device>.cache, <viommu>.forwarded or <viommu>.handled)',
    ],
    [
      "bytes length",
      scenario([inv({ entries: [{ bytes: "0011" }] })]),
      'bad.json: scenario "s": step 0: key "invalidate.entries[0].bytes": 2 bytes given, entry_len is 8',
    ],
    [
      "bad op",
      { ...scenario([]), steps: [{ guest_cmdq: { viommu: "v", commands: [] }, expect: {} }] },
      'bad.json: scenario "s": step 0: key "guest_cmdq.viommu": no object is named "v"',
    ],
    [
      "bad kernel",
      scenario([], { kernel: "v5.0" }),
      'bad.json: scenario "s": key "kernel": expected one of v6.8, v6.13, latest',
    ],
    [
      "bad smmu key",
      scenario([], { smmu: { rill: true } }),
      'bad.json: scenario "s": key "smmu.rill": unknown key (expected one of ril, ats, stage1, stage2, check_reserved, hyp, pri, stall, qemu_lenient, sidsize, ssidsize, batch, cmdq_log2size)',
    ],
    [
      "object kind",
      { name: "s", objects: [{ name: "x", kind: "gpu" }] },
      'bad.json: scenario "s": object 0: key "kind": unknown kind "gpu" (expected one of ioas, mock_device, smmu_device, vtd_device, hwpt_paging, hwpt_nested, viommu, vdevice)',
    ],
    [
      "object ref kind",
      {
        name: "s",
        objects: [
          { name: "i", kind: "ioas" },
          { name: "p", kind: "hwpt_paging", ioas: "i", dev: "i" },
        ],
      },
      'bad.json: scenario "s": object 1: key "dev": "i" is a ioas, expected mock_device or smmu_device or vtd_device',
    ],
    [
      "kernel refuses",
      {
        name: "s",
        objects: [
          ...MOCK.slice(0, 2),
          { name: "p", kind: "hwpt_paging", ioas: "ioas", dev: "dev" },
          { name: "v", kind: "viommu", type: "IOMMU_VIOMMU_TYPE_SELFTEST", hwpt: "p", dev: "dev" },
        ],
      },
      'bad.json: scenario "s": object 3: key "kind": the kernel refused to create viommu "v": EINVAL: hwpt is not a nest parent',
    ],
    ["no name", { objects: [] }, 'bad.json: scenario "#0": key "name": required'],
    [
      "unmodelled ioctl",
      scenario([{ ioctl: { cmd: "IOMMU_IOAS_MAP" }, expect: {} }]),
      'bad.json: scenario "s": step 0: key "ioctl.cmd": IOMMU_IOAS_MAP is not modelled by the simulator (modelled: IOMMU_DESTROY, IOMMU_HWPT_INVALIDATE)',
    ],
  ];
  for (const [what, content, msg] of cases) {
    it(what, async () => {
      expect(await message(content)).toBe(`uapi-gen sim run: ${msg}`);
    });
  }

  it("invalid JSON and YAML", async () => {
    expect(await message("{", "broken.json")).toMatch(
      /^uapi-gen sim run: broken\.json: not valid JSON: /,
    );
    expect(await message("- name: [", "broken.yaml")).toMatch(
      /^uapi-gen sim run: broken\.yaml: not valid YAML: /,
    );
  });

  it("a missing file and a wrong extension", async () => {
    expect((await cli(["sim", "run", "missing.json"], dir)).err.trim()).toBe(
      "uapi-gen sim run: missing.json: cannot read: ENOENT",
    );
    expect(await message("{}", "notes.txt")).toBe(
      "uapi-gen sim run: notes.txt: expected a .json, .yaml or .yml file",
    );
  });

  it("usage errors exit 2", async () => {
    expect((await cli(["sim"], dir)).code).toBe(2);
    expect((await cli(["sim", "run"], dir)).code).toBe(2);
    expect((await cli(["sim", "compare", "--format", "xml"], dir)).code).toBe(2);
    const help = await cli(["sim", "--help"], dir);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/usage: uapi-gen sim run FILE\.\.\./);
  });
});
