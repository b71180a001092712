// The runtime's checks (reserved zero, flags within their set, known enum values) on encode and
// decode, zero() with the size filled, and request builders over array descriptors.
import { describe, expect, it } from "vitest";
import * as iommufd from "../../out/ts/iommufd.js";
import { anonUnion, array, defineStruct, field, named, scalar } from "../../src/runtime/index.js";

const {
  iommu_hwpt_invalidate: inv,
  iommu_hwpt_vtd_s1_invalidate: vtd,
  iommu_viommu_arm_smmuv3_invalidate: smmu,
  iommu_hwpt_vtd_s1: s1,
} = iommufd;
const ENTRY = { addr: 0x1000n, npages: 1n, flags: 1, __reserved: 0 };

describe("validation", () => {
  it("refuses a non-zero reserved field on encode and on decode, naming it", () => {
    const bad = { ...ENTRY, __reserved: 5 };
    expect(() => vtd.encode(bad, "x86_64")).toThrow(
      "iommu_hwpt_vtd_s1_invalidate.__reserved: must be 0 (reserved), got 0x5",
    );
    const bytes = vtd.encode(bad, "x86_64", { validate: false });
    expect(() => vtd.decode(bytes, "x86_64")).toThrow(/__reserved: must be 0/);
    expect(vtd.decode(bytes, "x86_64", 0, { validate: false }).__reserved).toBe(5);
  });

  it("refuses bits outside the flag set, as numbers and as bigints", () => {
    expect(() => vtd.encode({ ...ENTRY, flags: 3 }, "s390x")).toThrow(
      "iommu_hwpt_vtd_s1_invalidate.flags: bits 0x2 are not flags of iommu_hwpt_vtd_s1_invalidate_flags (valid: 0x1)",
    );
    const ok = { flags: 0n, pgtbl_addr: 0n, addr_width: 48, __reserved: 0 };
    expect(s1.decode(s1.encode(ok, "i386"), "i386")).toEqual(ok);
    const valid = Object.values(iommufd.iommu_hwpt_vtd_s1_flags).reduce(
      (m, b) => m | BigInt(b),
      0n,
    );
    const outside = (valid + 1n) & ~valid;
    expect(() => s1.encode({ ...ok, flags: valid | outside }, "i386")).toThrow(
      `iommu_hwpt_vtd_s1.flags: bits 0x${outside.toString(16)} are not flags`,
    );
  });

  it("refuses values outside the enum", () => {
    const value = { ...inv.zero("x86_64"), data_type: 9 };
    expect(() => inv.encode(value, "x86_64")).toThrow(
      /^iommu_hwpt_invalidate\.data_type: 9 is not a value of iommu_hwpt_invalidate_data_type \(IOMMU_HWPT_INVALIDATE_DATA_VTD_S1 = 0, /,
    );
  });

  it("names the entry of a run, and the path into nested structs and arrays", () => {
    expect(() => vtd.encodeArray([ENTRY, { ...ENTRY, __reserved: 1 }], "x86_64")).toThrow(
      /^iommu_hwpt_vtd_s1_invalidate\[1\]\.__reserved: /,
    );
    const run = vtd.encodeArray([ENTRY, { ...ENTRY, flags: 8 }], "x86_64", { validate: false });
    expect(() => vtd.decodeArray(run, "x86_64")).toThrow(
      /^iommu_hwpt_vtd_s1_invalidate\[1\]\.flags/,
    );
    const inner = defineStruct<{ pad: number[] }>({
      name: "inner",
      kind: "struct",
      fields: [field("pad", array(scalar("__u8"), 3), { reserved: true })],
    });
    const outer = defineStruct<{ items: { pad: number[] }[] }>({
      name: "outer",
      kind: "struct",
      fields: [field("items", array(named(inner), 2))],
    });
    const zero = { pad: [0, 0, 0] };
    expect(() => outer.encode({ items: [zero, { pad: [0, 0, 4] }] }, "x86_64")).toThrow(
      "outer.items[1].pad[2]: must be 0 (reserved), got 0x4",
    );
    expect(() => outer.validate({ items: [zero, zero] })).not.toThrow();
  });

  it("leaves the members of unions alone: decode fills every alternative over the same bytes", () => {
    const flagged = defineStruct<{ f: number }>({
      name: "flagged",
      kind: "struct",
      fields: [field("f", scalar("__u32"), { flags: { name: "one_bit", values: { A: 1 } } })],
    });
    const alternatives = [field("word", scalar("__u32")), field("as_flags", named(flagged))];
    const holder = defineStruct<{ op: number; word: number; as_flags: { f: number } }>({
      name: "holder",
      kind: "struct",
      fields: [field("op", scalar("__u32")), field("u", anonUnion(alternatives))],
    });
    // `word` is the live member; its bytes read through `as_flags` break that member's rule.
    const bytes = holder.encode({ op: 0, word: 6, as_flags: { f: 6 } }, "x86_64");
    expect(holder.decode(bytes, "x86_64").word).toBe(6);
    const union = defineStruct<{ word: number; as_flags: { f: number } }>({
      name: "named_union",
      kind: "union",
      fields: alternatives,
    });
    expect(union.decode(union.encode({ word: 6, as_flags: { f: 6 } }, "i386"), "i386").word).toBe(
      6,
    );
    // The struct alone still has its rule.
    expect(() => flagged.decode(bytes.subarray(4), "x86_64")).toThrow(/flagged\.f: bits 0x6/);
  });

  it("leaves values of the wrong type to the encoder's own message", () => {
    expect(() => vtd.encode({ ...ENTRY, __reserved: 0.5 }, "x86_64")).toThrow(
      /__reserved: expected an integer for __u32/,
    );
  });
});

describe("zero()", () => {
  it("fills the size field of an extensible struct with its size on the ABI", () => {
    for (const abi of ["x86_64", "i386", "m68k", "s390x"])
      expect(inv.zero(abi).size).toBe(inv.size(abi));
    expect(vtd.zero("x86_64")).toEqual({ addr: 0n, npages: 0n, flags: 0, __reserved: 0 });
  });
});

describe("requests over an array descriptor", () => {
  it("ties pointer, entry length, count and selector to the entry codec, on every ABI", () => {
    for (const abi of ["x86_64", "i386", "s390x", "m68k"]) {
      const r = inv.request(abi, {
        entryType: vtd,
        entries: [ENTRY, { ...ENTRY, addr: 0x2000n, npages: 4n }],
        fields: { hwpt_id: 3 },
        address: 0x1000_0000n,
      });
      expect(r.value).toEqual({
        size: inv.size(abi),
        hwpt_id: 3,
        data_uptr: 0x1000_0000n,
        data_type: iommufd.iommu_hwpt_invalidate_data_type.IOMMU_HWPT_INVALIDATE_DATA_VTD_S1,
        entry_len: vtd.size(abi),
        entry_num: 2,
        __reserved: 0,
      });
      expect(r.bytes).toEqual(inv.encode(r.value, abi));
      expect(r.entries).toEqual(
        vtd.encodeArray([ENTRY, { ...ENTRY, addr: 0x2000n, npages: 4n }], abi),
      );
      const back = inv.decodeRequest(r.bytes, r.entries, abi);
      expect([back.entryType, back.value, back.entries]).toEqual([
        vtd,
        r.value,
        [ENTRY, { ...ENTRY, addr: 0x2000n, npages: 4n }],
      ]);
    }
    const arm = inv.request("x86_64", { entryType: smmu, entries: [{ cmd: [1n, 2n] }] });
    expect(arm.value.data_type).toBe(
      iommufd.iommu_hwpt_invalidate_data_type.IOMMU_VIOMMU_INVALIDATE_DATA_ARM_SMMUV3,
    );
    expect(inv.decodeRequest(arm.bytes, arm.entries, "x86_64").entries).toEqual([
      { cmd: [1n, 2n] },
    ]);
  });

  it("refuses an entry type the descriptor does not name", () => {
    expect(() => inv.request("x86_64", { entryType: s1 as never, entries: [] })).toThrow(
      "iommu_hwpt_invalidate.data_uptr: iommu_hwpt_vtd_s1 is not one of its entry types (iommu_hwpt_vtd_s1_invalidate, iommu_viommu_arm_smmuv3_invalidate)",
    );
    expect(() => vtd.request("x86_64", { entryType: vtd, entries: [] })).toThrow(
      "iommu_hwpt_vtd_s1_invalidate: has no array descriptor",
    );
  });

  it("reads entries shorter or longer than the known struct as the kernel does", () => {
    const r = inv.request("x86_64", { entryType: vtd, entries: [ENTRY, ENTRY] });
    const wide = new Uint8Array(64);
    wide.set(r.entries.subarray(0, 24), 0);
    wide.set(r.entries.subarray(24, 48), 32);
    const header = inv.encode({ ...r.value, entry_len: 32 }, "x86_64");
    expect(inv.decodeRequest(header, wide, "x86_64").entries).toEqual([ENTRY, ENTRY]);
    wide[60] = 1;
    expect(() => inv.decodeRequest(header, wide, "x86_64")).toThrow(
      "iommu_hwpt_vtd_s1_invalidate[1]: bytes past the 24 known are not zero",
    );
    const narrow = inv.encode({ ...r.value, entry_len: 16, entry_num: 1 }, "x86_64");
    expect(inv.decodeRequest(narrow, r.entries, "x86_64").entries).toEqual([
      { ...ENTRY, flags: 0 },
    ]);
    const short = inv.encode({ ...r.value, entry_num: 3 }, "x86_64");
    expect(() => inv.decodeRequest(short, r.entries, "x86_64")).toThrow(
      "iommu_hwpt_invalidate.data_uptr: 3 entries of 24 bytes need 72 bytes, got 48",
    );
  });
});
