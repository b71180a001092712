/**
 * Hostile input never throws, keeps memory bounded and keeps the invariants: entry_num out ≤
 * in on every path, and the prefix property in every design that claims it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IOMMU_HWPT_INVALIDATE, iommu_hwpt_invalidate } from "../../out/ts/iommufd.js";
import { getAbi } from "../../src/abi/abis.js";
import { ERRNOS } from "../../src/sim/errno.js";
import { iommufdIoctl } from "../../src/sim/kernel/dispatcher.js";
import { FAULT_ADDRESS, USER_MAPPING_LIMIT } from "../../src/sim/user-memory.js";
import { caseSystem } from "../../src/sim/variants/cases.js";
import { checkContract } from "../../src/sim/variants/contract.js";
import { DESIGNS } from "../../src/sim/variants/designs.js";
import { SmmuV3 } from "../../src/sim/smmu/smmu.js";
import { VirtualSmmu } from "../../src/sim/vmm/vmm.js";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { createDevice, createVdevice, isRefusal } from "../../src/sim/kernel/create.js";
import { everyTarget } from "./fixtures.js";

const U32_MAX = 0xffff_ffff;
const u32 = fc.oneof(
  fc.constantFrom(0, 1, 8, 12, 16, 24, U32_MAX, U32_MAX - 1),
  fc.nat({ max: U32_MAX }),
);
const word = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
/** A random 16-byte command, biased towards the opcodes the kernel accepts. */
const command = fc
  .tuple(
    fc.constantFrom(0x05, 0x06, 0x10, 0x11, 0x12, 0x13, 0x30, 0x40, 0x46, 0x03, 0x99, 0),
    word,
    word,
    fc.boolean(),
  )
  .map(([op, w0, w1, keep]) => (keep ? [(w0 & ~0xffn) | BigInt(op), w1] : [w0, w1]));
const dataType = fc.constantFrom(0, 1, 0xdeadbeef, 0xdadbeef, 0x12345678);
const ptrKind = fc.constantFrom("valid", "null", "fault", "wild");

describe("IOMMU_HWPT_INVALIDATE under hostile input", () => {
  it("never throws, answers a known errno, entry_num out ≤ in, memory stays bounded", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "mockNested",
          "mockViommu",
          "vtdNested",
          "smmuViommu",
          "raw",
        ) as fc.Arbitrary<string>,
        dataType,
        u32,
        u32,
        fc.uint8Array({ maxLength: 256 }),
        ptrKind,
        fc.constantFrom(0, 0, 0, 1),
        fc.constantFrom(32, 32, 24, 40, 4096, U32_MAX),
        (target, type, entryLen, entryNum, bytes, ptr, reserved, size) => {
          const t = everyTarget();
          const abi = t.k.abi;
          const hwpt =
            target === "raw"
              ? 0x7fff_ffff
              : (t as unknown as Record<string, { id: number }>)[target]!.id;
          const uptr =
            ptr === "valid"
              ? t.k.mem.map(bytes)
              : ptr === "null"
                ? 0n
                : ptr === "fault"
                  ? FAULT_ADDRESS
                  : 0x4000_0000_0000n;
          const struct = iommu_hwpt_invalidate.encode(
            {
              size,
              hwpt_id: hwpt,
              data_uptr: uptr,
              data_type: type,
              entry_len: entryLen,
              entry_num: entryNum,
              __reserved: reserved,
            },
            abi,
            { validate: false },
          );
          const arg = t.k.mem.map(struct, BigInt(Math.max(0, size - 32)));
          const errno = iommufdIoctl(t.k, IOMMU_HWPT_INVALIDATE.number(abi), arg);
          expect(Object.keys(ERRNOS)).toContain(errno);
          const out = iommu_hwpt_invalidate.decode(t.k.mem.read(arg, 32)!, abi, 0, {
            validate: false,
          }).entry_num;
          expect(out).toBeLessThanOrEqual(entryNum);
          if (errno === "OK") expect(out).toBe(entryNum);
          expect(t.k.mem.storedBytes).toBeLessThan(Number(USER_MAPPING_LIMIT));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("huge virt_ids and vSIDs never match a 32-bit ID by truncation", () => {
    fc.assert(
      // The fixture's vDEVICE has vSID 0x10: a virt_id whose low 32 bits are 0x10 would match it for real.
      fc.property(
        fc
          .bigInt({ min: 1n << 32n, max: (1n << 64n) - 1n })
          .filter((v) => (v & 0xffff_ffffn) !== 0x10n),
        (virtId) => {
          const t = everyTarget();
          const dev = createDevice(t.k, "smmu", { sid: 0x200 });
          expect(isRefusal(createVdevice(t.k, t.smmuViommu, dev, virtId))).toBe(false);
          const abi = getAbi("x86_64");
          const cmd = smmuv3_cmd.encode("CFGI_CD_ALL", { SID: virtId & 0xffff_ffffn });
          const bytes = new Uint8Array(16);
          new DataView(bytes.buffer).setBigUint64(0, cmd[0]!, true);
          const arg = t.k.mem.map(
            iommu_hwpt_invalidate.encode(
              {
                size: 32,
                hwpt_id: t.smmuViommu.id,
                data_uptr: t.k.mem.map(bytes),
                data_type: 1,
                entry_len: 16,
                entry_num: 1,
                __reserved: 0,
              },
              abi,
              { validate: false },
            ),
          );
          expect(iommufdIoctl(t.k, IOMMU_HWPT_INVALIDATE.number(abi), arg)).toBe("EIO");
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("the physical SMMU and the VMM under random commands", () => {
  it("the SMMU consumes everything or stops on one error, CONS never passes PROD", () => {
    fc.assert(
      fc.property(
        fc.array(command, { maxLength: 40 }),
        fc.record({
          checkReserved: fc.boolean(),
          qemuLenient: fc.boolean(),
          stage1: fc.boolean(),
          ats: fc.boolean(),
        }),
        (cmds, cfg) => {
          const smmu = new SmmuV3({ ...cfg, log2size: 6 });
          smmu.atsDevices.add(0);
          cmds.forEach((c, i) => smmu.writeSlot(i, c));
          smmu.writeProd(cmds.length);
          const consumed = smmu.cmdqCons & 0xfffff;
          expect(consumed).toBeLessThanOrEqual(cmds.length);
          expect(consumed === cmds.length || smmu.cmdqErrActive || smmu.isStalled).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a hostile guest never makes the VMM throw; CONS stays within the written commands", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(command, { maxLength: 12 }), { maxLength: 4 }),
        fc.boolean(),
        (writes, batching) => {
          const { k, viommu } = caseSystem();
          const vmm = new VirtualSmmu(k, viommu, { log2size: 6, batching });
          let written = 0;
          for (const w of writes) {
            if (!vmm.guestWrite(w)) break;
            written += w.length;
            vmm.guestAcknowledge(true);
          }
          expect(vmm.consRd).toBeLessThanOrEqual(written);
          for (const f of vmm.forwarded) expect(f.entry_num).toBeLessThanOrEqual(f.entries);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("designs that claim the prefix property keep it on random runs", () => {
  const claims = DESIGNS.filter((d) => d.id !== "a");
  it.each(claims.map((d) => [d.id, d] as const))("design %s", (_id, design) => {
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 140 }),
        fc.constantFrom("none", "sync", "atc"),
        (cmds, fault) => {
          const { k, viommu } = caseSystem();
          const log = { converted: 0, executed: [] as boolean[], issued: [] as boolean[] };
          k.vsmmuLog = log;
          if (fault === "sync") k.smmu.armSyncTimeout();
          if (fault === "atc") k.smmu.armAtcTimeout(0x100);
          const report = design.submit(k, viommu, cmds);
          const executed = cmds.map((_, i) => log.executed[i] === true);
          const swallowed = k.host.swallowed.length > 0; // a host-side ILL no design can see
          const verdict = checkContract(report, cmds.length, executed, undefined);
          expect(verdict.bounded).toBe(true);
          if (!swallowed) expect(verdict.problems).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
