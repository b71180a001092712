// Figure 5: guest commands per second through the simulator's VMM → kernel → SMMU path, and
// that path's cost relative to decoding the same commands alone.
//
// A guest driver writes batches of SMMUv3 invalidations (TLBI_NH_VA ranges, TLBI_NH_ASID,
// CFGI_CD, ATC_INV, each batch closed by a CMD_SYNC) into its virtual command queue and writes
// PROD; the VMM (src/sim/vmm) vets them and forwards each batch as IOMMU_HWPT_INVALIDATE
// through user memory and the iommufd dispatcher; the ARM vSMMU driver copies the entry
// array, converts every entry and issues it to the physical SMMU model, which executes it
// against caches the run filled first. The system is built from a scenario, as `uapi-gen sim`
// builds it. "Decoding alone" is the runtime's full decode into objects of the same command
// bytes (`smmuv3_cmd.decodeArray`). Run: npx tsx bench/sim.bench.ts (SIM_BENCH_COMMANDS,
// SIM_BENCH_RUNS change the size).
import { availableParallelism, loadavg } from "node:os";
import { smmuv3_cmd } from "../out/ts/arm_smmuv3_cmdq.js";
import { ms, rate, record } from "./lib/report.js";
import { sampleSideBySide, summarize } from "./lib/stats.js";
import { executeStep } from "../src/sim/scenario/execute.js";
import { parseScenarios } from "../src/sim/scenario/parse.js";
import { ScenarioSystem } from "../src/sim/scenario/system.js";

const COMMANDS = Number(process.env.SIM_BENCH_COMMANDS ?? 1_100_000);
const RUNS = Number(process.env.SIM_BENCH_RUNS ?? 11);
const GOAL_PER_SECOND = 5e6;
const GOAL_SLOWDOWN = 4;

// Four ATS devices behind one vSMMU (vSIDs 0x10–0x13), and caches holding this guest's TLB
// entries, ATC entries and CDs, plus TLB entries of 15 other VMs that must survive.
const DEVICES = 4;
const GUEST_TLB = 48;
const OTHER_TLB = 240;
const SCENARIO = `
- name: figure 5 bench
  objects:
    - { name: ioas, kind: ioas }
${Array.from(
  { length: DEVICES },
  (_, i) => `    - { name: dev${i}, kind: smmu_device, sid: ${0x100 + i} }`,
).join("\n")}
    - { name: s2, kind: hwpt_paging, ioas: ioas, dev: dev0, nest_parent: true }
    - { name: vsmmu, kind: viommu, type: IOMMU_VIOMMU_TYPE_ARM_SMMUV3, hwpt: s2, dev: dev0, vmid: 1 }
${Array.from(
  { length: DEVICES },
  (_, i) =>
    `    - { name: vdev${i}, kind: vdevice, viommu: vsmmu, dev: dev${i}, virt_id: ${0x10 + i} }`,
).join("\n")}
  steps:
    - cache_fill:
        tlb:
${Array.from({ length: GUEST_TLB + OTHER_TLB }, (_, i) => {
  // This guest's 16 ASIDs × 3 mappings, then 15 other VMs (VMIDs 2–16) × 16 ASIDs.
  const vmid = i < GUEST_TLB ? 1 : 2 + ((i - GUEST_TLB) >> 4);
  const addr = 0x10000000 + ((i >> 4) % 3) * 0x200000;
  return `          - { vmid: ${vmid}, asid: ${i % 16}, addr: ${addr}, size: 2M, granule: 4K }`;
}).join("\n")}
        atc:
${Array.from(
  { length: 16 },
  (_, i) =>
    `          - { sid: ${0x100 + (i % DEVICES)}, ssid: ${i % 8}, addr: ${0x10000000 + i * 0x200000} }`,
).join("\n")}
        cd:
${Array.from(
  { length: 16 },
  (_, i) => `          - { sid: ${0x100 + (i % DEVICES)}, ssid: ${i % 8} }`,
).join("\n")}
      expect: {}
`;
const scenario = parseScenarios("sim-bench.yaml", SCENARIO)[0]!;

/** A deterministic generator, so every run and both contenders see the same commands. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * One guest batch as Linux builds it for an unmap: mostly range TLBIs of one ASID, ATC
 * invalidations of the devices, now and then an ASID or CD invalidation, then CMD_SYNC
 * (CS = SIG_SEV, as without MSIs). Lengths are uniform in 1..63 plus the SYNC.
 */
function guestBatch(rnd: () => number): bigint[][] {
  const n = 1 + Math.floor(rnd() * 63);
  const asid = Math.floor(rnd() * 16);
  const out: bigint[][] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const vsid = 0x10 + Math.floor(rnd() * DEVICES);
    const ssid = Math.floor(rnd() * 8);
    // A page inside one of 16 2 MiB buffers, where the caches hold entries.
    const page = 0x10000 + Math.floor(rnd() * 16) * 0x200 + Math.floor(rnd() * 32);
    if (r < 0.6)
      out.push(
        smmuv3_cmd.encode("TLBI_NH_VA", {
          VMID: 7, // the guest's own; the kernel forces the vSMMU's
          ASID: asid,
          ADDR: page,
          TG: 1,
          NUM: 1 + Math.floor(rnd() * 31),
          SCALE: Math.floor(rnd() * 4),
          TTL: [0, 2, 3][Math.floor(rnd() * 3)]!,
          LEAF: 1,
        }),
      );
    else if (r < 0.7) out.push(smmuv3_cmd.encode("TLBI_NH_ASID", { VMID: 7, ASID: asid }));
    else if (r < 0.8) out.push(smmuv3_cmd.encode("CFGI_CD", { SID: vsid, SSID: ssid, LEAF: 1 }));
    else
      out.push(
        smmuv3_cmd.encode("ATC_INV", {
          SID: vsid,
          SSID: ssid,
          SSV: 1,
          ADDR: page,
          SIZE: Math.floor(rnd() * 6),
        }),
      );
  }
  out.push(smmuv3_cmd.encode("CMD_SYNC", { CS: 2, MSH: 3, MSIATTR: 0xf }));
  return out;
}

/** A batch as the guest driver writes it into its queue: 16 little-endian bytes per command. */
function bytesOf(batch: readonly bigint[][]): Uint8Array {
  const out = new Uint8Array(batch.length * 16);
  const dv = new DataView(out.buffer);
  batch.forEach((w, i) => {
    dv.setBigUint64(i * 16, w[0]!, true);
    dv.setBigUint64(i * 16 + 8, w[1]!, true);
  });
  return out;
}

const rnd = lcg(5);
const pattern = Array.from({ length: 256 }, () => guestBatch(rnd));
const patternBytes = pattern.map(bytesOf);
const perPattern = pattern.reduce((n, b) => n + b.length, 0);
const repeats = Math.ceil(COMMANDS / perPattern);
const total = repeats * perPattern;

/** The whole path: a fresh system per run (objects, cache fill), then every guest batch. */
function simulate(): void {
  const sys = new ScenarioSystem(scenario);
  executeStep(sys, scenario.steps[0]!.spec, "bench");
  const vmm = sys.vmm("vsmmu");
  for (let r = 0; r < repeats; r++)
    for (const batch of patternBytes)
      if (!vmm.guestWriteBytes(batch)) throw new Error("bench: the guest queue is full");
  // Every command executed cleanly and the fill was invalidated: the path ran for real.
  const failed = vmm.forwarded.find((f) => f.errno !== "OK");
  if (vmm.cmdqErrActive || failed || sys.k.smmu.cmdqErrActive)
    throw new Error(`bench: the path reported an error: ${JSON.stringify(failed)}`);
  const left = sys.k.smmu.caches.describe();
  if (left.atc.length >= 16 || left.cd.length !== 0 || left.tlb.length !== OTHER_TLB)
    throw new Error(`bench: unexpected cache contents ${JSON.stringify(left)}`);
}

// The same command bytes in one run of entries, for the runtime's decode of a command queue.
const allBytes = new Uint8Array(perPattern * 16);
patternBytes.reduce((at, b) => (allBytes.set(b, at), at + b.length), 0);
const guestOpcodes = pattern.flat().map((w) => Number(w[0]! & 0xffn));
if (smmuv3_cmd.decodeArray(allBytes).some((c, i) => c.opcode !== guestOpcodes[i]))
  throw new Error("bench: the decode does not see the guest's commands");
let sink = 0;
function decodeAlone(): void {
  for (let r = 0; r < repeats; r++) sink += smmuv3_cmd.decodeArray(allBytes).length;
}

const samples = sampleSideBySide({ sim: simulate, decode: decodeAlone }, RUNS);
const sim = summarize(samples.sim!);
const dec = summarize(samples.decode!);
const perSecond = (total / sim.median) * 1000;
const [load] = loadavg();
const note =
  `${total} guest commands per run (${pattern.length} batches of 1–63 + CMD_SYNC, ` +
  `repeated ${repeats}×, a fresh system each run; the SMMU trace off, as no probe reads it), ` +
  `median of ${sim.runs} runs side by side; sim ${ms(sim.median)} (p95 ${ms(sim.p95)}), ` +
  `decode ${ms(dec.median)} (p95 ${ms(dec.p95)}); load average ${load!.toFixed(1)} on ` +
  `${availableParallelism()} cores at the end`;
record({
  figure: "5 sim",
  what: "guest commands through VMM → kernel → SMMU",
  ours: rate(total, sim.median, "commands"),
  versus: "goal 5.0 M commands/s",
  ratio: perSecond / GOAL_PER_SECOND,
  goal: { min: 1 },
  note,
});
record({
  figure: "5 sim",
  what: "sim time / decode-alone time, same commands",
  ours: ms(sim.median),
  versus: `decode into objects ${ms(dec.median)} (${rate(total, dec.median, "commands")})`,
  ratio: sim.median / dec.median,
  goal: { max: GOAL_SLOWDOWN },
  note,
});
if (sink === -1) console.log(sink);
