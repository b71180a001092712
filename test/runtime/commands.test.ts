// Command entries in memory: the compiled decoder, encoder and views agree with the word-level
// `decode` and `encode` for every command of the SMMUv3 set, and entries stay little-endian
// whichever ABI carried them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABIS } from "../../src/abi/abis.js";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { iommu_viommu_arm_smmuv3_invalidate } from "../../out/ts/iommufd.js";

const COMMANDS = Object.entries(smmuv3_cmd.desc.commands);
const FIELD_NAMES = [...new Set(COMMANDS.flatMap(([, c]) => Object.keys(c.fields)))];
const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });

/** Two words, mostly with the opcode of a defined command, sometimes with any opcode. */
const words = fc
  .tuple(u64, u64, fc.option(fc.constantFrom(...COMMANDS.map(([, c]) => c.opcode)), { freq: 5 }))
  .map(([w0, w1, op]) => [op === null ? w0 : (w0 & ~0xffn) | BigInt(op), w1]);

/** A command and values for some of its fields, as numbers or bigints. */
const command = fc.constantFrom(...COMMANDS).chain(([name, c]) =>
  fc
    .record(
      Object.fromEntries(
        Object.entries(c.fields).map(([f, b]) => {
          const max = 2n ** BigInt(b.hi - b.lo + 1) - 1n;
          const n = fc.bigInt({ min: 0n, max });
          return [f, fc.oneof(n, n.filter((v) => v <= 2n ** 53n).map(Number))];
        }),
      ),
      { requiredKeys: [] },
    )
    .map((fields) => ({ name, fields: fields as Record<string, bigint | number> })),
);

function entry(ws: readonly bigint[]): Uint8Array {
  const bytes = new Uint8Array(16);
  const dv = new DataView(bytes.buffer);
  ws.forEach((w, i) => dv.setBigUint64(i * 8, w, true));
  return bytes;
}

describe("command entries", () => {
  it("decode from bytes as from words, one by one and as a run", () => {
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 8 }), (entries) => {
        const bytes = new Uint8Array(entries.flatMap((ws) => [...entry(ws)]));
        const expected = entries.map((ws) => smmuv3_cmd.decode(ws));
        expect(smmuv3_cmd.decodeArray(bytes)).toEqual(expected);
        entries.forEach((_, i) =>
          expect(smmuv3_cmd.decodeBytes(bytes, i * 16)).toEqual(expected[i]),
        );
      }),
    );
  });

  it("encode into bytes as into words, from numbers or bigints", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 8 }), (cmds) => {
        const expected = cmds.flatMap((c) => [...entry(smmuv3_cmd.encode(c.name, c.fields))]);
        expect([...smmuv3_cmd.encodeArray(cmds as never)]).toEqual(expected);
        const one = new Uint8Array(16);
        smmuv3_cmd.encodeInto(one, 0, cmds[0]!.name as never, cmds[0]!.fields);
        expect([...one]).toEqual(expected.slice(0, 16));
      }),
    );
  });

  it("read through views as decoded, by field name and through $command", () => {
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 8 }), fc.nat(7), (entries, shift) => {
        const raw = new Uint8Array(entries.flatMap((ws) => [...entry(ws)]));
        const bytes = new Uint8Array(raw.length + shift);
        bytes.set(raw, shift);
        const views = smmuv3_cmd.viewArray(bytes, { offset: shift });
        expect(views.length).toBe(entries.length);
        entries.forEach((ws, i) => {
          const d = smmuv3_cmd.decode(ws);
          const v = views.at(i);
          expect([v.$opcode, v.$name, v.$offset]).toEqual([d.opcode, d.name, shift + i * 16]);
          expect(v.$decode()).toEqual(d);
          const byName = Object.fromEntries(FIELD_NAMES.map((f) => [f, v.$field(f)]));
          expect(byName).toEqual(Object.fromEntries(FIELD_NAMES.map((f) => [f, d.fields[f]])));
          for (const f of FIELD_NAMES)
            expect((v as unknown as Record<string, unknown>)[f]).toBe(d.fields[f]);
          const k = v.$command as unknown as Record<string, unknown>;
          expect([k.$name, k.$opcode]).toEqual([d.name, d.opcode]);
          for (const [f, value] of Object.entries(d.fields)) expect(k[f]).toBe(value);
        });
      }),
    );
  });

  it("stay little-endian through the uAPI entry struct on every ABI", () => {
    fc.assert(
      fc.property(words, fc.constantFrom(...ABIS), (ws, abi) => {
        const bytes = iommu_viommu_arm_smmuv3_invalidate.encode({ cmd: ws }, abi);
        expect(smmuv3_cmd.decodeBytes(bytes)).toEqual(smmuv3_cmd.decode(ws));
        expect(smmuv3_cmd.view(bytes).$decode()).toEqual(smmuv3_cmd.decode(ws));
      }),
    );
  });

  it("narrow $command by $name to the fields of that command", () => {
    const bytes = entry(smmuv3_cmd.encode("CMD_SYNC", { CS: 2, MSIADDR: (1n << 54n) - 1n }));
    const k = smmuv3_cmd.view(bytes).$command;
    if (k.$name !== "CMD_SYNC") throw new Error("expected CMD_SYNC");
    expect([k.CS, k.MSIADDR, k.MSIDATA]).toEqual([2n, (1n << 54n) - 1n, 0n]);
    // @ts-expect-error CMD_SYNC has no ASID: $name narrows the fields
    expect(k.ASID).toBeUndefined();
    const unknown = smmuv3_cmd.view(entry([0xffn, 0n]));
    expect([unknown.$name, unknown.$command.$name, unknown.$command.$opcode]).toEqual([
      undefined,
      undefined,
      0xff,
    ]);
    expect(unknown.ASID).toBeUndefined();
  });

  it("refuse what encode refuses, and entries that do not fit", () => {
    const bytes = new Uint8Array(16);
    expect(() => smmuv3_cmd.encodeInto(bytes, 0, "TLBI_NH_ALL", { VMID: 0x10000 })).toThrow(
      new RangeError("65536 does not fit 16 bits"),
    );
    expect(() => smmuv3_cmd.encodeInto(bytes, 0, "TLBI_NH_ALL", { VMID: -1n })).toThrow(
      /-1 does not fit/,
    );
    expect(() => smmuv3_cmd.encodeInto(bytes, 0, "TLBI_NH_ALL", { VMID: 1.5 })).toThrow(RangeError);
    expect(() => smmuv3_cmd.encodeInto(bytes, 0, "CMD_SYNC", { ASID: 1 } as never)).toThrow(
      /CMD_SYNC has no field ASID/,
    );
    expect(() => smmuv3_cmd.encodeInto(bytes, 0, "NOPE" as never)).toThrow(
      /smmuv3_cmd has no command NOPE/,
    );
    expect(() => smmuv3_cmd.encodeInto(bytes, 8, "CMD_SYNC")).toThrow(/no entry fits at offset 8/);
    expect(() => smmuv3_cmd.decodeBytes(bytes, 1)).toThrow(RangeError);
    expect(() => smmuv3_cmd.viewArray(bytes, { count: 2 })).toThrow(/2 entries do not fit/);
    expect(() => smmuv3_cmd.viewArray(bytes).at(1)).toThrow(/index 1 is outside 0..0/);
    // A field given as undefined is not given, as for a missing one.
    smmuv3_cmd.encodeInto(bytes, 0, "TLBI_NH_ALL", { VMID: undefined });
    expect(smmuv3_cmd.decodeBytes(bytes)).toEqual(
      smmuv3_cmd.decode(smmuv3_cmd.encode("TLBI_NH_ALL")),
    );
  });
});
