// Every shipped struct's codec round-trips on every ABI, bytes land where the layout says,
// in the byte order the type and the ABI say, and bad values are refused with a path.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABIS } from "../../src/abi/abis.js";
import {
  CodecError,
  defineStruct,
  field,
  scalar,
  array,
  anonUnion,
  named,
  StructCodec,
} from "../../src/runtime/index.js";
import * as iommufd from "../../out/ts/iommufd.js";
import * as iommufdTest from "../../out/ts/iommufd_test.js";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { structArb } from "./arbitrary.js";

const codecs = ([...Object.values(iommufd), ...Object.values(iommufdTest)] as unknown[]).filter(
  (v): v is StructCodec<Record<string, unknown>> => v instanceof StructCodec,
);

describe("codecs of the shipped structs", () => {
  it("exist for every struct", () => {
    // 37 structs of <linux/iommufd.h> 7.2 and 29 of the selftest module (iommu_test_cmd and
    // the 22 payload structs of its union among them).
    expect(codecs.length).toBe(66);
  });

  for (const codec of codecs) {
    it(`${codec.name} round-trips on every ABI`, () => {
      fc.assert(
        fc.property(structArb(codec.desc), fc.constantFrom(...ABIS), (value, abi) => {
          const bytes = codec.encode(value, abi);
          expect(bytes.length).toBe(codec.size(abi));
          const back = codec.decode(bytes, abi);
          expect(codec.encode(back, abi)).toEqual(bytes);
          for (const [k, v] of Object.entries(value)) expect(back[k]).toEqual(v);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe("byte order", () => {
  const value: iommufd.iommu_hwpt_invalidate = {
    size: 32,
    hwpt_id: 0x11223344,
    data_uptr: 0x0102030405060708n,
    data_type: 1,
    entry_len: 16,
    entry_num: 3,
    __reserved: 0,
  };

  it("native fields follow the ABI", () => {
    const le = iommufd.iommu_hwpt_invalidate.encode(value, "x86_64");
    const be = iommufd.iommu_hwpt_invalidate.encode(value, "s390x");
    expect([...le.slice(0, 16)]).toEqual([
      32, 0, 0, 0, 0x44, 0x33, 0x22, 0x11, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
    expect([...be.slice(0, 16)]).toEqual([
      0, 0, 0, 32, 0x11, 0x22, 0x33, 0x44, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });

  it("__le64 command words stay little-endian on big-endian ABIs", () => {
    const cmd = { cmd: [0x0000000100000012n, 0xabcdn] };
    for (const abi of ["x86_64", "s390x", "m68k", "powerpc64"]) {
      const bytes = iommufd.iommu_viommu_arm_smmuv3_invalidate.encode(cmd, abi);
      expect([abi, bytes[0], bytes[4], bytes[8], bytes[9]]).toEqual([abi, 0x12, 1, 0xcd, 0xab]);
    }
  });
});

describe("refusing bad values", () => {
  const codec = iommufd.iommu_destroy;
  it("names the field and the range", () => {
    expect(() => codec.encode({ size: 8, id: 2 ** 32 }, "x86_64")).toThrow(
      new CodecError("iommu_destroy.id", "4294967296 does not fit __u32 (0..4294967295) on x86_64"),
    );
    expect(() => codec.encode({ size: 8.5, id: 0 }, "x86_64")).toThrow(
      /iommu_destroy.size: expected an integer for __u32, got the non-integer 8.5/,
    );
    expect(() => codec.encode({ size: 8 } as never, "x86_64")).toThrow(
      /iommu_destroy.id: expected an integer for __u32, got nothing/,
    );
    expect(() =>
      iommufd.iommu_vdevice_alloc.encode(
        { size: 24, viommu_id: 1, dev_id: 2, out_vdevice_id: 0, virt_id: 5 } as never,
        "x86_64",
      ),
    ).toThrow(/virt_id: expected a bigint/);
    expect(() =>
      iommufd.iommu_hw_info_arm_smmuv3.encode(
        { ...iommufd.iommu_hw_info_arm_smmuv3.zero(), idr: [1, 2] },
        "x86_64",
      ),
    ).toThrow(/idr: expected an array of 6 elements/);
    expect(() => codec.decode(new Uint8Array(7), "x86_64")).toThrow(
      /needs 8 bytes at offset 0, got 7/,
    );
    expect(() => codec.encode({ size: 8, id: 1 }, "vax")).toThrow(/vax: unknown ABI/);
  });

  it("refuses union members that disagree, and accepts ones that agree", () => {
    const info = { ...iommufd.iommu_hw_info.zero(), in_data_type: 1, out_data_type: 2 };
    expect(() => iommufd.iommu_hw_info.encode(info, "x86_64")).toThrow(/union members .* disagree/);
    const agree = iommufd.iommu_hw_info.encode({ ...info, out_data_type: 1 }, "x86_64");
    expect(agree[24]).toBe(1);
    const onlyOne = { ...info } as Record<string, unknown>;
    delete onlyOne.out_data_type;
    expect(iommufd.iommu_hw_info.encode(onlyOne as never, "x86_64")[24]).toBe(1);
  });
});

describe("runtime descriptors", () => {
  const inner = defineStruct<{ a: number; b: bigint }>({
    name: "inner",
    kind: "struct",
    fields: [field("a", scalar("__u8")), field("b", scalar("__u64"))],
  });
  const u = defineStruct<{ x: number; y: number[] }>({
    name: "u",
    kind: "union",
    fields: [field("x", scalar("__u32")), field("y", array(scalar("__u8"), 4))],
  });
  const outer = defineStruct<Record<string, unknown>>({
    name: "outer",
    kind: "struct",
    fields: [
      field("i", named(inner)),
      field("u", named(u)),
      field("au", anonUnion([field("p", scalar("__be16")), field("q", scalar("__u16"))])),
    ],
  });

  it("nests structs with per-ABI layouts", () => {
    expect(outer.layout("x86_64").fields.map((f) => f.offset)).toEqual([0, 16, 20]);
    expect(outer.layout("i386").fields.map((f) => f.offset)).toEqual([0, 12, 16]);
    expect(outer.size("m68k")).toBe(16);
  });

  it("decodes named unions with every member aliased", () => {
    const bytes = u.encode({ x: 0x01020304 } as never, "x86_64");
    expect(u.decode(bytes, "x86_64")).toEqual({ x: 0x01020304, y: [4, 3, 2, 1] });
    expect(u.decode(bytes, "s390x").y).toEqual([4, 3, 2, 1]);
  });

  it("keeps __be16 big-endian on a little-endian ABI", () => {
    const bytes = outer.encode({ i: { a: 1, b: 2n }, u: { x: 0 }, p: 0x1234 }, "x86_64");
    expect([bytes[20], bytes[21]]).toEqual([0x12, 0x34]);
    expect(outer.decode(bytes, "x86_64").q).toBe(0x3412);
  });
});

describe("plain char", () => {
  const c = defineStruct<{ c: number }>({
    name: "c",
    kind: "struct",
    fields: [field("c", scalar("char"))],
  });
  it("is signed where the ABI says so and unsigned on Arm, PowerPC, s390x and RISC-V", () => {
    const byte = new Uint8Array([0xf8]);
    expect(c.decode(byte, "x86_64").c).toBe(-8);
    expect(c.decode(byte, "m68k").c).toBe(-8);
    for (const abi of ["aarch64", "arm", "powerpc64le", "powerpc", "s390x", "riscv64"])
      expect([abi, c.decode(byte, abi).c]).toEqual([abi, 248]);
    expect(() => c.encode({ c: -8 }, "aarch64")).toThrow(/does not fit char \(0..255\)/);
  });
});

describe("SMMUv3 command words", () => {
  it("encodes and decodes fields at the positions of the definitions", () => {
    const words = smmuv3_cmd.encode("TLBI_NH_VA", {
      VMID: 5,
      ASID: 0x1234,
      NUM: 3,
      SCALE: 2,
      TG: 1,
      ADDR: 0xfffff_fffffn,
      LEAF: 1,
    });
    expect(words[0]).toBe((0x1234n << 48n) | (5n << 32n) | (2n << 20n) | (3n << 12n) | 0x12n);
    expect(words[1]).toBe((0xfffff_fffffn << 12n) | (1n << 10n) | 1n);
    const d = smmuv3_cmd.decode(words);
    expect([d.name, d.opcode, d.fields.ASID, d.fields.ADDR]).toEqual([
      "TLBI_NH_VA",
      0x12,
      0x1234n,
      0xfffff_fffffn,
    ]);
    expect(smmuv3_cmd.decode([0xffn, 0n])).toEqual({ name: undefined, opcode: 0xff, fields: {} });
  });

  it("refuses values wider than a field and unknown fields", () => {
    expect(() => smmuv3_cmd.encode("TLBI_NH_ALL", { VMID: 0x10000 })).toThrow(
      /does not fit 16 bits/,
    );
    expect(() => smmuv3_cmd.encode("CMD_SYNC", { ASID: 1 })).toThrow(/CMD_SYNC has no field ASID/);
  });

  it("goes through the invalidation entry codec as little-endian bytes", () => {
    const words = smmuv3_cmd.encode("ATC_INV", { SID: 0x42, SIZE: 52 });
    const bytes = iommufd.iommu_viommu_arm_smmuv3_invalidate.encode({ cmd: words }, "s390x");
    expect(bytes[0]).toBe(0x40);
    expect(bytes[4]).toBe(0x42);
    const back = iommufd.iommu_viommu_arm_smmuv3_invalidate.decode(bytes, "s390x").cmd;
    expect(smmuv3_cmd.field(back, "ATC_INV", "SIZE")).toBe(52n);
  });
});
