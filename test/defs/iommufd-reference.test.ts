// The shipped definitions against the reference tables: every struct, enum value, constant
// and ioctl number of include/uapi/linux/iommufd.h (test/defs/reference.ts), on every ABI.
import { describe, expect, it } from "vitest";
import { ABIS, getAbi } from "../../src/abi/abis.js";
import { encodeIoctl, IOCTL_FAMILIES } from "../../src/abi/ioctl-families.js";
import { hasErrors } from "../../src/diagnostics/diagnostic.js";
import { Layouts } from "../../src/layout/layouts.js";
import { loadDefinitions } from "../../src/load/load.js";
import type { FieldLayout } from "../../src/layout/layout.js";
import * as iommufd from "../../out/ts/iommufd.js";
import * as iommufdTest from "../../out/ts/iommufd_test.js";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { IOCTLS, MIN_SIZES, SMMU_OPCODES, STRUCTS, VALUES } from "./reference.js";

const loaded = loadDefinitions([
  "uapi-defs/iommufd.ts",
  "uapi-defs/iommufd_test.ts",
  "uapi-defs/arm_smmuv3_cmdq.ts",
]);
const layouts = new Layouts(loaded.model);
const flat = (fs: readonly FieldLayout[]): FieldLayout[] =>
  fs.flatMap((f) => (f.members ? flat(f.members) : [f]));

describe("shipped IOMMUFD definitions", () => {
  it("load without diagnostics", () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(hasErrors(loaded.diagnostics)).toBe(false);
  });

  // The tables cover the invalidation family; the whole header is compared with the kernel's
  // by test/conform/reference.test.ts.
  it("declare every struct of the reference", () => {
    const shipped = new Set(
      [...loaded.model.items.values()].filter((i) => i.kind === "struct").map((i) => i.name),
    );
    expect(Object.keys(STRUCTS).filter((s) => !shipped.has(s))).toEqual([]);
  });

  for (const [name, ref] of Object.entries(STRUCTS)) {
    it(`struct ${name} matches the reference on every ABI`, () => {
      for (const abi of ABIS) {
        const l = layouts.of(name, abi);
        // Only m68k lowers 4-byte alignment to 2; everything here is free of holes anyway.
        expect([abi.name, l.size]).toEqual([abi.name, ref.size]);
        expect(flat(l.fields).map((f) => [f.name, f.offset, f.size])).toEqual(ref.fields);
        expect(l.holes).toEqual([]);
        expect(l.tailPadding).toBe(0);
        if (abi.name !== "m68k") expect(l.align).toBe(ref.align);
      }
    });
  }

  it("gives every enum member, flag and constant its reference value", () => {
    const generated: Record<string, number> = {};
    for (const mod of [iommufd, iommufdTest]) {
      for (const value of Object.values(mod)) {
        if (typeof value === "number") continue;
        if (value && typeof value === "object" && !("desc" in value))
          Object.assign(generated, value);
      }
    }
    generated.IOMMUFD_TYPE = iommufd.IOMMUFD_TYPE;
    for (const [name, v] of Object.entries(VALUES)) {
      if (name in generated) expect([name, generated[name]]).toEqual([name, v]);
      else expect([name, (iommufdTest as Record<string, unknown>)[name]]).toEqual([name, v]);
    }
    expect(iommufd.iommufd_cmd.IOMMUFD_CMD_HWPT_INVALIDATE).toBe(0x8d);
    expect(iommufd.iommufd_cmd.IOMMUFD_CMD_HW_QUEUE_ALLOC).toBe(0x94);
  });

  it("encodes every ioctl number as the reference says, on asm-generic and powerpc", () => {
    const all = { ...iommufd, ...iommufdTest } as Record<string, unknown>;
    for (const [name, number] of Object.entries(IOCTLS)) {
      const ioctl = all[name] as import("../../src/runtime/ioctl.js").Ioctl;
      expect([name, ioctl.number("x86_64")]).toEqual([name, number]);
      expect([name, ioctl.declared("aarch64")]).toEqual([name, number]);
      // powerpc, mips, sparc and alpha: _IOC_NONE is 1 at bit 29.
      expect([name, ioctl.number("powerpc64le")]).toEqual([name, (number | 0x20000000) >>> 0]);
      for (const abi of ABIS) expect(ioctl.declared(abi)).toBe(ioctl.number(abi));
    }
    expect(encodeIoctl(IOCTL_FAMILIES.powerpc, "none", 0x3b, 0x8d, 0)).toBe(0x20003b8d);
  });

  it("declares the minimum sizes (offsetofend of the last mandatory member)", () => {
    for (const [name, min] of Object.entries(MIN_SIZES)) {
      const item = loaded.model.items.get(name);
      if (item?.kind !== "struct" || !item.extensible) throw new Error(`${name} is not extensible`);
      const f = flat(layouts.of(name, getAbi("x86_64")).fields).find(
        (x) => x.name === item.extensible!.lastMandatory,
      )!;
      expect([name, f.offset + f.size]).toEqual([name, min]);
    }
  });

  it("declares the SMMUv3 opcodes and fields of arm-smmu-v3.h", () => {
    for (const [name, opcode] of Object.entries(SMMU_OPCODES)) {
      expect([name, smmuv3_cmd.desc.commands[name]?.opcode]).toEqual([name, opcode]);
    }
    const nhVa = smmuv3_cmd.desc.commands.TLBI_NH_VA!.fields;
    expect(nhVa.VMID).toEqual({ word: 0, hi: 47, lo: 32 });
    expect(nhVa.ASID).toEqual({ word: 0, hi: 63, lo: 48 });
    expect(smmuv3_cmd.desc.commands.CFGI_CD!.fields.SID).toEqual({ word: 0, hi: 63, lo: 32 });
    expect(smmuv3_cmd.desc.commands.CFGI_CD!.fields.SSID).toEqual({ word: 0, hi: 31, lo: 12 });
    expect(smmuv3_cmd.desc.opcode).toEqual({ word: 0, hi: 7, lo: 0 });
  });
});
