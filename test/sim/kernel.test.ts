import { describe, expect, it } from "vitest";
import { getAbi } from "../../src/abi/abis.js";
import {
  IOMMU_HWPT_INVALIDATE,
  iommu_hwpt_invalidate,
  iommu_viommu_arm_smmuv3_invalidate,
} from "../../out/ts/iommufd.js";
import {
  iommu_hwpt_invalidate_selftest,
  iommu_viommu_invalidate_selftest,
} from "../../out/ts/iommufd_test.js";
import {
  copyEntryFromUserArray,
  copyFullUserArray,
  copyStructFromUser,
} from "../../src/sim/kernel/copy-helpers.js";
import { iommufdIoctl } from "../../src/sim/kernel/dispatcher.js";
import { UserMemory } from "../../src/sim/user-memory.js";
import { everyTarget } from "./fixtures.js";

const abi = getAbi("x86_64");

describe("copy_struct_from_user", () => {
  const mem = new UserMemory();
  it("zero-extends a short struct and wants zeros past sizeof", () => {
    const at = mem.map(Uint8Array.from([1, 2, 0, 0, 0, 9]));
    expect(copyStructFromUser(mem, 4, at, 2n)).toEqual({
      errno: "OK",
      value: Uint8Array.from([1, 2, 0, 0]),
    });
    expect(copyStructFromUser(mem, 4, at, 5n)).toEqual({
      errno: "OK",
      value: Uint8Array.from([1, 2, 0, 0]),
    });
    expect(copyStructFromUser(mem, 4, at, 6n)).toEqual({ errno: "E2BIG" });
    expect(copyStructFromUser(mem, 4, at, 7n)).toEqual({ errno: "EFAULT" });
    expect(copyStructFromUser(mem, 4, 0n, 4n)).toEqual({ errno: "EFAULT" });
  });
});

describe("the two array helpers and their asymmetry (§3.2)", () => {
  const mem = new UserMemory();
  const entry = (len: number, tail = 0) => {
    const b = new Uint8Array(len);
    b.set(
      iommu_viommu_invalidate_selftest
        .encode({ flags: 0, vdev_id: 7, cache_id: 2 }, abi)
        .subarray(0, Math.min(12, len)),
    );
    if (len > 12) b[len - 1] = tail;
    return mem.map(b);
  };
  const full = (uptr: bigint, entryLen: number, type = 1) =>
    copyFullUserArray(
      mem,
      abi,
      iommu_viommu_invalidate_selftest,
      { type, uptr, entryLen, entryNum: 1 },
      1,
    );
  const one = (uptr: bigint, entryLen: number) =>
    copyEntryFromUserArray(
      mem,
      abi,
      iommu_viommu_invalidate_selftest,
      { type: 1, uptr, entryLen, entryNum: 1 },
      1,
      0,
      "cache_id",
    );
  it("full array: shorter zero-extended with no minimum, longer needs a zero tail", () => {
    expect(full(entry(1), 1)).toEqual({
      errno: "OK",
      value: [{ flags: 0, vdev_id: 0, cache_id: 0 }],
    });
    expect(full(entry(8), 8)).toEqual({
      errno: "OK",
      value: [{ flags: 0, vdev_id: 7, cache_id: 0 }],
    });
    expect(full(entry(16), 16)).toEqual({
      errno: "OK",
      value: [{ flags: 0, vdev_id: 7, cache_id: 2 }],
    });
    expect(full(entry(16, 1), 16)).toEqual({ errno: "E2BIG" });
    expect(full(entry(12), 12, 2)).toEqual({ errno: "EINVAL" });
  });
  it("per entry: below offsetofend(min_last) or above sizeof is EINVAL", () => {
    expect(one(entry(8), 8)).toEqual({ errno: "EINVAL" });
    expect(one(entry(16), 16)).toEqual({ errno: "EINVAL" });
    expect(one(entry(12), 12)).toEqual({
      errno: "OK",
      value: { flags: 0, vdev_id: 7, cache_id: 2 },
    });
    expect(one(0xdead_0000_0000_0000n, 12)).toEqual({ errno: "EFAULT" });
  });
});

describe("IOMMU_HWPT_INVALIDATE end to end", () => {
  function call(
    t: ReturnType<typeof everyTarget>,
    hwpt: number,
    dataType: number,
    entries: Uint8Array,
    entryLen: number,
    entryNum: number,
  ) {
    const uptr = t.k.mem.map(entries);
    const arg = t.k.mem.map(
      iommu_hwpt_invalidate.encode(
        {
          size: 32,
          hwpt_id: hwpt,
          data_uptr: uptr,
          data_type: dataType,
          entry_len: entryLen,
          entry_num: entryNum,
          __reserved: 0,
        },
        abi,
        { validate: false },
      ),
    );
    const errno = iommufdIoctl(t.k, IOMMU_HWPT_INVALIDATE.number(abi), arg);
    return {
      errno,
      entry_num: iommu_hwpt_invalidate.decode(t.k.mem.read(arg, 32)!, abi, 0, { validate: false })
        .entry_num,
    };
  }
  it("the mock nested HWPT clears the slots named, in order", () => {
    const t = everyTarget();
    const e = (id: number) =>
      iommu_hwpt_invalidate_selftest.encode({ flags: 0, iotlb_id: id }, abi);
    const bytes = new Uint8Array([...e(1), ...e(3), ...e(5)]);
    expect(call(t, t.mockNested.id, 0xdeadbeef, bytes, 8, 3)).toEqual({
      errno: "EINVAL",
      entry_num: 2,
    });
    expect(t.mockNested.iotlb).toEqual([0xbadbeef, 0, 0xbadbeef, 0]);
  });
  it("the SMMUv3 vIOMMU forces the VMID and rejects CMD_SYNC with EIO at its index", () => {
    const t = everyTarget();
    t.k.smmu.tracing = true;
    const cmd = (w0: bigint) => iommu_viommu_arm_smmuv3_invalidate.encode({ cmd: [w0, 0n] }, abi);
    const bytes = new Uint8Array([...cmd(0x7_0000_0010n), ...cmd(0x46n)]);
    const before = t.k.smmu.trace.length;
    expect(call(t, t.smmuViommu.id, 1, bytes, 16, 2)).toEqual({ errno: "EIO", entry_num: 1 });
    expect(t.k.smmu.trace.length).toBe(before); // converted, never issued
    expect(call(t, t.smmuViommu.id, 1, bytes.subarray(0, 16), 16, 1)).toEqual({
      errno: "OK",
      entry_num: 1,
    });
    const exec = t.k.smmu.trace.filter((x) => x.event === "cmdq_exec");
    expect(exec.map((x) => x.event === "cmdq_exec" && x.words[0])).toEqual([
      0x3_0000_0010n,
      0x0000_0000_0046n | (2n << 12n) | (3n << 22n) | (0xfn << 24n),
    ]);
  });
  it("works the same on a big-endian ABI (the command words stay little-endian)", () => {
    const t = everyTarget("s390x");
    const be = getAbi("s390x");
    const bytes = iommu_viommu_arm_smmuv3_invalidate.encode({ cmd: [0x10n, 0n] }, be);
    expect(bytes[0]).toBe(0x10);
    const uptr = t.k.mem.map(bytes);
    const arg = t.k.mem.map(
      iommu_hwpt_invalidate.encode(
        {
          size: 32,
          hwpt_id: t.smmuViommu.id,
          data_uptr: uptr,
          data_type: 1,
          entry_len: 16,
          entry_num: 1,
          __reserved: 0,
        },
        be,
        { validate: false },
      ),
    );
    expect(iommufdIoctl(t.k, IOMMU_HWPT_INVALIDATE.number(be), arg)).toBe("OK");
  });
});
