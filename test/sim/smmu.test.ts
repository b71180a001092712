import { describe, expect, it } from "vitest";
import { smmuv3_cmd } from "../../out/ts/arm_smmuv3_cmdq.js";
import { CERROR } from "../../src/sim/smmu/errors.js";
import {
  consErr,
  consRd,
  ptrInc,
  queueEmpty,
  queueFull,
  queueUsed,
} from "../../src/sim/smmu/queue.js";
import { atcSpan, decodeSpan } from "../../src/sim/smmu/range.js";
import { DEFAULT_SMMU_CONFIG, type SmmuConfig } from "../../src/sim/smmu/config.js";
import { SmmuV3 } from "../../src/sim/smmu/smmu.js";

const enc = (name: string, f: Record<string, number | bigint> = {}) => smmuv3_cmd.encode(name, f);

/** Writes commands at PROD and rings the doorbell, with no GERROR handler (errors stay active). */
function submit(smmu: SmmuV3, cmds: bigint[][]): void {
  let prod = smmu.cmdqProd;
  for (const c of cmds) {
    smmu.writeSlot(prod & ((1 << smmu.log2size) - 1), c);
    prod = ptrInc(prod, smmu.log2size);
  }
  smmu.writeProd(prod);
}

function errorsOf(smmu: SmmuV3): string[] {
  return smmu.trace.flatMap((e) => (e.event === "cmdq_error" ? [`${e.op}: ${e.reason}`] : []));
}

/** A traced SMMU: these tests read what it executed. */
function traced(cfg: Partial<SmmuConfig> = {}): SmmuV3 {
  const smmu = new SmmuV3(cfg);
  smmu.tracing = true;
  return smmu;
}

function illegal(cmd: bigint[], cfg: Partial<SmmuConfig> = {}): string | undefined {
  const smmu = traced(cfg);
  submit(smmu, [cmd]);
  return errorsOf(smmu)[0];
}

describe("queue pointers (SPEC 6.3.27)", () => {
  it("wraps the index and toggles the wrap bit", () => {
    expect(ptrInc(3, 2)).toBe(4); // index 0, wrap 1
    expect(ptrInc(7, 2)).toBe(0);
    expect(queueEmpty(4, 4, 2)).toBe(true);
    expect(queueFull(4, 0, 2)).toBe(true);
    expect(queueUsed(5, 3, 2)).toBe(2);
    expect(queueUsed(1, 6, 2)).toBe(3);
  });
});

describe("range operands (SPEC 4.4.1.1)", () => {
  const cfg = DEFAULT_SMMU_CONFIG;
  const op = { addr: 0x10000n, num: 0, scale: 0, tg: 1, ttl: 0, ttl128: 0 };
  it("(NUM+1) × 2^SCALE granules from the address", () => {
    expect(decodeSpan({ ...op, num: 30, scale: 5 }, cfg)).toEqual({
      span: { start: 0x10000n, end: 0x10000n + 31n * 32n * 4096n, granuleLog2: 12, ttl: 0 },
    });
    expect(decodeSpan({ ...op, tg: 3, num: 1, ttl: 3 }, cfg)).toEqual({
      span: { start: 0x10000n, end: 0x30000n, granuleLog2: 16, ttl: 3 },
    });
  });
  it("TG≠0 with NUM=SCALE=TTL=0 is reserved; the 16K/TTL=1 collapse too", () => {
    expect(decodeSpan(op, cfg)).toEqual({ illegal: "TG≠0 with NUM=SCALE=TTL=0 is reserved" });
    expect("illegal" in decodeSpan({ ...op, tg: 2, ttl: 1 }, cfg)).toBe(true);
  });
  it("TG=0 is one address; without RIL the range fields are ignored or ILL when checked", () => {
    expect(decodeSpan({ ...op, tg: 0 }, cfg)).toEqual({
      span: { start: 0x10000n, end: 0x10001n, granuleLog2: undefined, ttl: 0 },
    });
    expect(decodeSpan({ ...op, num: 3 }, { ...cfg, ril: false })).toEqual({
      span: { start: 0x10000n, end: 0x10001n, granuleLog2: undefined, ttl: 0 },
    });
    expect(
      "illegal" in decodeSpan({ ...op, num: 3 }, { ...cfg, ril: false, checkReserved: true }),
    ).toBe(true);
  });
  it("does not wrap past 2^64", () => {
    const r = decodeSpan({ ...op, addr: 0xffff_ffff_ffff_f000n, num: 31, scale: 31 }, cfg);
    expect("span" in r && r.span.end).toBe(1n << 64n);
  });
  it("ATC_INV spans: 4096 × 2^Size, aligned down; 52 is everything", () => {
    expect(atcSpan(0x13000n, 2)).toEqual({ start: 0x10000n, end: 0x14000n });
    expect(atcSpan(0x13000n, 52)).toEqual({ start: 0n, end: 1n << 64n });
  });
});

describe("CERROR_ILL rules", () => {
  it("reserved opcodes, SSec, CS=3, PRI Resp=3", () => {
    expect(illegal([0x99n, 0n])).toBe("opcode 0x99: reserved opcode 0x99");
    expect(illegal(enc("CFGI_STE", { SSEC: 1 }))).toBe("CFGI_STE: SSec=1 on the Non-secure queue");
    expect(illegal(enc("CMD_SYNC", { CS: 3 }))).toBe("CMD_SYNC: CMD_SYNC CS=0b11 is reserved");
    expect(illegal(enc("PRI_RESP", { RESP: 3 }), { pri: true })).toBe(
      "PRI_RESP: PRI_RESP Resp 0b11 is reserved",
    );
    expect(illegal(enc("TLBI_SNH_ALL"))).toBe(
      "TLBI_SNH_ALL: TLBI_SNH_ALL is illegal on the Non-secure queue",
    );
  });
  it("missing features and stages", () => {
    expect(illegal(enc("TLBI_NH_ALL"), { stage1: false })).toBe(
      "TLBI_NH_ALL: stage 1 not implemented",
    );
    expect(illegal(enc("CFGI_CD"), { stage1: false })).toBe("CFGI_CD: CFGI_CD without stage 1");
    expect(illegal(enc("TLBI_S12_VMALL"), { stage2: false })).toBe(
      "TLBI_S12_VMALL: stage 2 not implemented",
    );
    expect(illegal(enc("ATC_INV"), { ats: false })).toBe("ATC_INV: ATC_INV without IDR0.ATS");
    expect(illegal(enc("TLBI_EL2_ALL"), { hyp: false })).toBe(
      "TLBI_EL2_ALL: EL2 (IDR0.HYP) not implemented",
    );
    expect(illegal(enc("RESUME"))).toBe("RESUME: RESUME without stall support");
    expect(illegal(enc("TLBI_NH_ALL"))).toBeUndefined();
  });
  it("RES0 fields only when checked", () => {
    const junk = [enc("TLBI_NH_ALL")[0]! | (1n << 20n), 5n];
    expect(illegal(junk)).toBeUndefined();
    expect(illegal(junk, { checkReserved: true })).toBe("TLBI_NH_ALL: non-zero RES0 field");
  });
  it("QEMU leniency consumes what QEMU ignores, not what it flags", () => {
    expect(illegal(enc("CMD_SYNC", { CS: 3 }), { qemuLenient: true })).toBeUndefined();
    expect(illegal(enc("TLBI_EL2_ALL"), { hyp: false, qemuLenient: true })).toBeUndefined();
    expect(illegal(enc("CFGI_CD"), { stage1: false, qemuLenient: true })).toBe(
      "CFGI_CD: CFGI_CD without stage 1",
    );
  });
});

describe("stop on error, GERROR toggle, resume on acknowledge (SPEC 7.1)", () => {
  it("CONS stays on the bad command, nothing advances until GERRORN is written", () => {
    const smmu = new SmmuV3({ log2size: 3 });
    submit(smmu, [enc("TLBI_NH_ALL"), [0x99n, 0n], enc("TLBI_NH_ALL")]);
    expect(consRd(smmu.cmdqCons)).toBe(1);
    expect(consErr(smmu.cmdqCons)).toBe(CERROR.CERROR_ILL);
    expect(smmu.cmdqErrActive).toBe(true);
    submit(smmu, [enc("TLBI_NH_ALL")]);
    expect(consRd(smmu.cmdqCons)).toBe(1);
    smmu.writeSlot(1, enc("CMD_SYNC"));
    smmu.writeGerrorn(smmu.gerrorReg);
    expect(smmu.cmdqErrActive).toBe(false);
    expect(consRd(smmu.cmdqCons)).toBe(4);
    expect(consErr(smmu.cmdqCons)).toBe(CERROR.CERROR_ILL); // ERR keeps its last value
  });
  it("a new error while one is active does not toggle GERROR again", () => {
    const smmu = new SmmuV3();
    submit(smmu, [[0x99n, 0n]]);
    const g = smmu.gerrorReg;
    smmu.elapse();
    expect(smmu.gerrorReg).toBe(g);
  });
});

describe("caches", () => {
  it("CFGI_STE_RANGE invalidates 2^(Range+1) aligned StreamIDs; CFGI_CD_ALL a stream's CDs", () => {
    const smmu = new SmmuV3();
    for (const sid of [0, 1, 2, 3, 4, 9]) smmu.caches.ste.add(sid);
    for (const [sid, ssid] of [
      [3, 1],
      [3, 2],
      [4, 1],
    ] as const)
      smmu.caches.fillCd(sid, ssid);
    submit(smmu, [enc("CFGI_STE_RANGE", { SID: 3, RANGE: 1 }), enc("CFGI_CD_ALL", { SID: 3 })]);
    expect([...smmu.caches.ste]).toEqual([4, 9]);
    expect(smmu.caches.describe().cd).toEqual(["4:1"]);
  });
  it("a CMD_SYNC after an unanswered ATC invalidation waits, then fails with CERROR_ATC_INV_SYNC", () => {
    const smmu = new SmmuV3();
    smmu.atsDevices.add(7);
    smmu.armAtcTimeout(7);
    submit(smmu, [enc("ATC_INV", { SID: 7, SIZE: 52 }), enc("CMD_SYNC")]);
    expect(smmu.isStalled).toBe(true);
    smmu.elapse();
    expect(consErr(smmu.cmdqCons)).toBe(CERROR.CERROR_ATC_INV_SYNC);
    expect(consRd(smmu.cmdqCons)).toBe(1); // on the CMD_SYNC
  });
});

describe("out-of-range IDs (SPEC 4.1.7)", () => {
  it("a StreamID at or above 2^SIDSIZE is not ILL and has no effect", () => {
    const smmu = new SmmuV3({ sidsize: 4 });
    smmu.caches.ste.add(3);
    smmu.caches.fillCd(3, 0);
    submit(smmu, [enc("CFGI_STE", { SID: 0x13 }), enc("CFGI_CD_ALL", { SID: 0x13 })]);
    expect(smmu.cmdqErrActive).toBe(false);
    expect([...smmu.caches.ste]).toEqual([3]);
    expect(smmu.caches.describe().cd).toEqual(["3:0"]);
    submit(smmu, [enc("CFGI_STE", { SID: 3 })]);
    expect([...smmu.caches.ste]).toEqual([]);
  });
});

describe("the trace", () => {
  it("is recorded only while tracing is on, and cannot be read if it never was", () => {
    const smmu = new SmmuV3();
    submit(smmu, [enc("TLBI_NH_ALL")]);
    expect(() => smmu.trace).toThrow(/tracing was never on/);
    smmu.tracing = true;
    submit(smmu, [enc("CMD_SYNC")]);
    smmu.tracing = false;
    submit(smmu, [enc("TLBI_NH_ALL")]);
    expect(smmu.trace.map((e) => e.event === "cmdq_exec" && e.op)).toEqual(["CMD_SYNC"]);
  });
});

describe("the handler table", () => {
  it("has one handler for every command of the shared command set, and nothing else", async () => {
    const { HANDLERS } = await import("../../src/sim/smmu/handlers.js");
    expect(Object.keys(HANDLERS).sort()).toEqual(Object.keys(smmuv3_cmd.desc.commands).sort());
  });
  it("every trace event is named, one per command looked at", () => {
    const smmu = traced();
    submit(smmu, [enc("TLBI_NH_ALL"), enc("CMD_SYNC"), [0x99n, 0n]]);
    expect(smmu.trace.map((e) => e.event)).toEqual(["cmdq_exec", "cmdq_exec", "cmdq_error"]);
  });
});
