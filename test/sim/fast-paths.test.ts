/**
 * The simulator's hot paths (numbers instead of bigints, buckets instead of lists, bytes
 * instead of decoded objects) against straightforward references of the same rules.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { getBits, setBits } from "../../src/runtime/command-set.js";
import {
  copyFullUserArrayBytes,
  copyStructFromUser,
  type Copied,
} from "../../src/sim/kernel/copy-helpers.js";
import { SmmuCaches } from "../../src/sim/smmu/caches.js";
import { CMD_U32, Field, halvesOf, loadWords, storeWords } from "../../src/sim/smmu/cmd-words.js";
import { atcSpan, overlaps, spanOf } from "../../src/sim/smmu/range.js";
import {
  REGIME,
  TlbCache,
  TlbMatch,
  type TlbEntry,
  type TlbRegime,
} from "../../src/sim/smmu/tlb.js";
import { UserMemory } from "../../src/sim/user-memory.js";
import { caseSystem } from "../../src/sim/variants/cases.js";
import { VirtualSmmu } from "../../src/sim/vmm/vmm.js";

const word = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const ALL_FIELDS = Object.values(smmuv3_cmd.desc.commands).flatMap((c) => Object.values(c.fields));
/** Fields a number holds exactly; a wider one (CMD_SYNC's MSIAddr) is no Field. */
const FIELDS = ALL_FIELDS.filter((b) => b.hi - b.lo < 53);

describe("command fields on 32-bit halves", () => {
  it("read and write every field as getBits and setBits do", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS), word, word, word, (b, w0, w1, v) => {
        const q = new Uint32Array(CMD_U32);
        storeWords(q, 0, [w0, w1]);
        const f = new Field(b);
        expect(f.read(q, 0)).toBe(Number(getBits([w0, w1], b)));
        const value = v & ((1n << BigInt(b.hi - b.lo + 1)) - 1n);
        const words = [w0, w1];
        setBits(words, b, value);
        f.write(q, 0, Number(value));
        expect(loadWords(q, 0)).toEqual(words);
      }),
    );
  });
  it("refuses a field wider than a number holds exactly", () => {
    const wide = ALL_FIELDS.filter((b) => b.hi - b.lo >= 53);
    expect(wide.length).toBeGreaterThan(0);
    for (const b of wide) expect(() => new Field(b)).toThrow(/wider than 53 bits/);
  });
  it("reads little-endian bytes as halves", () => {
    const bytes = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect([...halvesOf(bytes)]).toEqual([0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c]);
    expect([...halvesOf(new Uint8Array(20).subarray(1, 17))]).toEqual([0, 0, 0, 0]);
  });
});

const REGIMES: TlbRegime[] = ["s1", "s2", "el2"];
const tlbEntry = fc.record({
  regime: fc.constantFrom(...REGIMES),
  vmid: fc.nat(2),
  asid: fc.nat(2),
  sizeLog2: fc.constantFrom(12, 21),
  page: fc.nat(0x3ff),
  granuleLog2: fc.constantFrom(12, 14, 16),
  level: fc.nat(3),
  leaf: fc.boolean(),
});
const tlbMatch = fc.record({
  regimes: fc.integer({ min: 1, max: 7 }),
  vmid: fc.integer({ min: -1, max: 2 }),
  asid: fc.integer({ min: -1, max: 2 }),
  leafOnly: fc.boolean(),
  ranged: fc.boolean(),
  op: fc.record({
    addrPage: fc.nat(0x3ffff),
    num: fc.nat(31),
    scale: fc.nat(8),
    tg: fc.nat(3),
    ttl: fc.nat(3),
    ttl128: fc.constant(0),
  }),
});

describe("the TLB's buckets", () => {
  it("remove exactly what a scan of every entry with bigint spans removes", () => {
    fc.assert(
      fc.property(fc.array(tlbEntry, { maxLength: 30 }), tlbMatch, (raw, m) => {
        const entries: TlbEntry[] = raw.map(({ page, ...e }) => ({
          ...e,
          addr: BigInt(page) << BigInt(e.sizeLog2),
        }));
        const cache = new TlbCache();
        cache.fill(entries);
        const match = new TlbMatch().reset(m.regimes);
        Object.assign(match, {
          vmid: m.vmid,
          asid: m.asid,
          leafOnly: m.leafOnly,
          ranged: m.ranged,
        });
        Object.assign(match.op, m.op);
        const span = spanOf(m.op);
        const hit = (e: TlbEntry): boolean =>
          (m.regimes & REGIME[e.regime]) !== 0 &&
          (m.vmid < 0 || e.vmid === m.vmid) &&
          (m.asid < 0 || e.asid === m.asid) &&
          !(m.leafOnly && !e.leaf) &&
          (!m.ranged ||
            ((span.granuleLog2 === undefined || e.granuleLog2 === span.granuleLog2) &&
              (span.ttl === 0 || e.level === span.ttl) &&
              overlaps(e.addr, e.addr + (1n << BigInt(e.sizeLog2)), span.start, span.end)));
        expect(cache.invalidate(match)).toBe(entries.filter(hit).length);
        expect(cache.entries()).toEqual(entries.filter((e) => !hit(e)));
      }),
    );
  });
});

describe("the ATC in page numbers", () => {
  it("removes what byte-exact overlaps remove, for unaligned entries too", () => {
    const atcEntry = fc.record({
      ssid: fc.option(fc.nat(2), { nil: undefined }),
      addr: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      sizeLog2: fc.integer({ min: 12, max: 30 }),
    });
    fc.assert(
      fc.property(
        fc.array(atcEntry, { maxLength: 12 }),
        fc.option(fc.nat(2), { nil: undefined }),
        fc.boolean(),
        fc.bigInt({ min: 0n, max: (1n << 52n) - 1n }),
        fc.constantFrom(0, 1, 5, 20, 31, 52),
        (entries, ssid, global, addrPage, size) => {
          const caches = new SmmuCaches();
          for (const e of entries) caches.fillAtc(7, e);
          caches.invalidateAtc(7, ssid, global, Number(addrPage), size);
          const { start, end } = atcSpan(addrPage << 12n, size);
          const kept = entries.filter(
            (e) =>
              !(
                (e.ssid === ssid || (global && ssid !== undefined)) &&
                overlaps(e.addr, e.addr + (1n << BigInt(e.sizeLog2)), start, end)
              ),
          );
          const reference = new SmmuCaches();
          for (const e of kept) reference.fillAtc(7, e);
          expect(caches.describe().atc).toEqual(reference.describe().atc);
        },
      ),
    );
  });
});

/** The kernel's per-entry copies, the way iommu_copy_struct_from_full_user_array loops. */
function perEntry(mem: UserMemory, ksize: number, uptr: bigint, len: number, n: number) {
  const out = new Uint8Array(ksize * n);
  for (let i = 0; i < n; i++) {
    const c = copyStructFromUser(mem, ksize, uptr + BigInt(i * len), BigInt(len));
    if (!("value" in c)) return { errno: c.errno };
    out.set(c.value, i * ksize);
  }
  return { errno: "OK", value: out };
}

describe("the full-array copy as bytes", () => {
  it("gives the per-entry copies' errno and entries, whatever the lengths and mappings", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 96 }),
        fc.nat(40),
        fc.integer({ min: 1, max: 6 }),
        fc.nat(8),
        fc.boolean(),
        (bytes, len, n, skip, reuse) => {
          const mem = new UserMemory();
          const uptr = mem.map(bytes) + BigInt(skip);
          const array = { type: 1, uptr, entryLen: len, entryNum: n };
          const into = reuse ? new Uint8Array(256).fill(0xaa) : undefined;
          const got: Copied<Uint8Array> = copyFullUserArrayBytes(mem, 16, array, 1, into);
          const want = perEntry(mem, 16, uptr, len, n);
          expect(got.errno).toBe(want.errno);
          if ("value" in got && "value" in want)
            expect(got.value.subarray(0, 16 * n)).toEqual(want.value);
        },
      ),
    );
  });
});

describe("user memory", () => {
  it("reads u32s without copying, faults like read, and shares a mapped buffer", () => {
    const mem = new UserMemory();
    const buf = Uint8Array.from([1, 2, 3, 4, 5]);
    const at = mem.mapShared(buf);
    expect(mem.readU32(at, true)).toBe(0x04030201);
    expect(mem.readU32(at + 1n, false)).toBe(0x02030405);
    expect(mem.readU32(at + 2n, true)).toBeUndefined();
    buf[0] = 9;
    expect(mem.read(at, 1)).toEqual(Uint8Array.from([9]));
    const padded = mem.map(Uint8Array.from([7]), 7n);
    expect(mem.readU32(padded, true)).toBe(7);
    expect(mem.readU32(0n, true)).toBeUndefined();
    expect(mem.readU32(1n << 60n, true)).toBeUndefined();
  });
});

describe("the guest queue written as bytes", () => {
  it("behaves as the same commands written as words", () => {
    const command = fc
      .tuple(fc.constantFrom(0x05, 0x06, 0x11, 0x12, 0x30, 0x40, 0x46, 0x03, 0x99), word, word)
      .map(([op, w0, w1]) => [(w0 & ~0xffn) | BigInt(op), w1]);
    fc.assert(
      fc.property(fc.array(fc.array(command, { maxLength: 10 }), { maxLength: 4 }), (writes) => {
        const seen = (bytes: boolean) => {
          const { k, viommu } = caseSystem();
          const vmm = new VirtualSmmu(k, viommu, { log2size: 4 });
          const oks = writes.map((w) => {
            if (!bytes) return vmm.guestWrite(w);
            const b = new Uint8Array(16 * w.length);
            const dv = new DataView(b.buffer);
            w.forEach((c, i) => c.forEach((x, j) => dv.setBigUint64(16 * i + 8 * j, x, true)));
            return vmm.guestWriteBytes(b);
          });
          vmm.guestAcknowledge(true);
          return { oks, cons: vmm.consRegister, forwarded: vmm.forwarded, handled: vmm.handled };
        };
        expect(seen(true)).toEqual(seen(false));
      }),
    );
  });
});
