// Figure 4, codecs: 1M SMMUv3 command entries and 1M iommu_hwpt_vtd_s1_invalidate entries,
// decoded into objects, read through zero-copy views and encoded, against binary-parser and
// restructure doing the same work in the same run, and against a plain copy of the same bytes
// as the physical limit. Goals: decode ≥ 3× binary-parser, view reading every field ≥ 10×
// binary-parser, encode ≥ 3× the faster other encoder (binary-parser 2.3 has no encoder).
// Run: npx tsx bench/codec.bench.ts; CODEC_BENCH_DATA=random draws every field (and every vtd
// byte) uniformly instead of the realistic values a guest queues; CODEC_BENCH_ONLY=vtd|smmu.
// Each sample is PASSES passes over the 1M entries for every contender: the full collections
// between samples drop the on-stack-replacement code of a loop that runs once per call, and a
// single pass would charge that warm-up mostly to the fast contenders (a view pass is ~25 ms).
// The CommonJS build of binary-parser: its ESM build ships no type declarations (same code).
import v8 from "node:v8";
import vm from "node:vm";
import { Parser } from "binary-parser/dist/binary_parser.js";
import { smmuv3_cmd } from "../out/ts/arm_smmuv3_cmdq.js";
import { iommu_hwpt_vtd_s1_invalidate as vtd } from "../out/ts/iommufd.js";
import type { CommandInput, DecodedCommand } from "../src/runtime/index.js";
import { rate, record } from "./lib/report.js";
import { sampleSideBySide, summarize } from "./lib/stats.js";

const N = Number(process.env.CODEC_BENCH_ENTRIES ?? 1_000_000);
const RUNS = Number(process.env.CODEC_BENCH_RUNS ?? 9);
// Passes over the entries in one sample, the same for every contender: a VMM decodes without
// pause, so the figure is the steady rate, not one pass of which a fast contender spends half
// re-optimising the loop that the collections between samples threw away.
const PASSES = Number(process.env.CODEC_BENCH_PASSES ?? 3);
const RANDOM = process.env.CODEC_BENCH_DATA === "random";
const ABI = "x86_64";

// restructure ships no type declarations: the few calls used here, typed at the import.
type RStream = { view: DataView; pos: number };
type RType<T> = { fromBuffer(b: Uint8Array): T; toBuffer(v: T): Uint8Array };
const r = (await import("restructure" as string)) as {
  Struct: new (fields: Record<string, unknown>) => RType<unknown[]>;
  Array: new <T>(type: unknown, length: number) => RType<T[]>;
  uint32le: unknown;
};

let seed = 0x2545f491;
const pick = (n: number): number =>
  (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 1) >>> 0) % n;
const pickBig = (bound: bigint): bigint =>
  ((BigInt(pick(2 ** 32)) << 32n) | BigInt(pick(2 ** 32))) % bound;

// ---- the entries: what a guest driver queues, or uniformly random ----
function vtdEntries(): Buffer {
  const bytes = Buffer.alloc(N * 24);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < N; i++) {
    const all = pick(1000) === 0; // now and then "everything": addr 0, npages U64_MAX
    dv.setBigUint64(i * 24, all ? 0n : pickBig(1n << 36n) << 12n, true);
    dv.setBigUint64(i * 24 + 8, all ? 2n ** 64n - 1n : BigInt(1 + pick(512)), true);
    dv.setUint32(i * 24 + 16, pick(2), true); // IOMMU_VTD_INV_FLAGS_LEAF or not
  }
  return RANDOM ? Buffer.from(bytes.map(() => pick(256))) : bytes;
}

// [command, share in %, exclusive upper bounds of realistic field values]
const MIX: [string, number, Record<string, bigint>][] = [
  [
    "TLBI_NH_VA",
    50,
    { VMID: 8n, ASID: 1024n, NUM: 32n, SCALE: 21n, LEAF: 2n, TTL: 4n, TG: 2n, ADDR: 1n << 36n },
  ],
  ["TLBI_NH_ASID", 15, { VMID: 8n, ASID: 1024n }],
  ["CFGI_CD", 10, { SID: 65536n, SSID: 16n, LEAF: 2n }],
  ["ATC_INV", 10, { SID: 65536n, SSV: 2n, SSID: 16n, SIZE: 10n, ADDR: 1n << 36n }],
  ["CMD_SYNC", 15, { CS: 4n, MSH: 4n, MSIATTR: 16n, MSIDATA: 1n << 32n }],
];

function smmuEntries(): Buffer {
  const bytes = Buffer.alloc(N * 16);
  for (let i = 0; i < N; i++) {
    let share = pick(100);
    const [name, , bounds] = MIX.find(([, s]) => (share -= s) < 0)!;
    const defined = smmuv3_cmd.desc.commands[name]!.fields;
    const fields = Object.fromEntries(
      Object.entries(RANDOM ? defined : bounds).map(([f, b]) => [
        f,
        pickBig(typeof b === "bigint" ? b : 1n << BigInt(b.hi - b.lo + 1)),
      ]),
    );
    smmuv3_cmd.encodeInto(bytes, i * 16, name as never, fields);
  }
  return bytes;
}

// ---- what the other libraries are given to do the same work ----
// Neither has bit fields of 64-bit words that depend on an opcode (binary-parser's bit1..bit32
// stop at 32 bits; ADDR is 52), so each parses an entry as two little-endian u64 words and
// this hand-written extraction, with shifts and masks precomputed per opcode, makes the same
// { name, opcode, fields } objects; their encoders validate and place fields the same way.
const BITS = new Map(
  Object.entries(smmuv3_cmd.desc.commands).map(([name, c]) => [
    c.opcode,
    {
      name,
      fields: Object.entries(c.fields).map(([f, b]) => ({
        ...{ f, word: b.word, shift: BigInt(b.lo), width: BigInt(b.hi - b.lo + 1) },
        mask: (1n << BigInt(b.hi - b.lo + 1)) - 1n,
      })),
    },
  ]),
);
const BY_NAME = new Map(
  [...BITS].map(([op, c]) => [
    c.name,
    { op: BigInt(op), bits: new Map(c.fields.map((b) => [b.f, b])) },
  ]),
);

function toCommand(w0: bigint, w1: bigint): DecodedCommand {
  const opcode = Number(w0 & 0xffn);
  const c = BITS.get(opcode);
  const fields: Record<string, bigint> = {};
  if (c) for (const b of c.fields) fields[b.f] = ((b.word ? w1 : w0) >> b.shift) & b.mask;
  return { name: c?.name, opcode, fields };
}

function toWords(cmd: CommandInput): [bigint, bigint] {
  const c = BY_NAME.get(cmd.name);
  if (!c) throw new RangeError(`no command ${cmd.name}`);
  const words: [bigint, bigint] = [c.op, 0n];
  for (const [f, value] of Object.entries(cmd.fields ?? {})) {
    const b = c.bits.get(f);
    const v = BigInt(value!);
    if (!b || v < 0n || v >> b.width) throw new RangeError(`bad field ${f}`);
    words[b.word] = words[b.word]! | (v << b.shift);
  }
  return words;
}

// restructure: a u64 type over its stream's DataView (it has no 64-bit integers), and an
// SMMU entry type that runs the same extraction inside restructure's decode and encode.
const u64le = {
  size: () => 8,
  decode: (s: RStream) => ((s.pos += 8), s.view.getBigUint64(s.pos - 8, true)),
  encode: (s: RStream, v: bigint) => void (s.view.setBigUint64(s.pos, v, true), (s.pos += 8)),
};
const rCommand = {
  size: () => 16,
  decode: (s: RStream) => toCommand(u64le.decode(s), u64le.decode(s)),
  encode: (s: RStream, c: CommandInput) => toWords(c).forEach((w) => u64le.encode(s, w)),
};
const rVtdEntry = new r.Struct({
  addr: u64le,
  npages: u64le,
  flags: r.uint32le,
  __reserved: r.uint32le,
});
const rVtd = new r.Array<unknown>(rVtdEntry, N);
const rSmmu = new r.Array<DecodedCommand>(rCommand, N);
// binary-parser: its compiled parser for the same fields, as an array of N entries and alone.
const bpVtdEntry = new Parser()
  .uint64le("addr")
  .uint64le("npages")
  .uint32le("flags")
  .uint32le("__reserved");
const bpVtd = new Parser().array("e", { length: N, type: bpVtdEntry });
const bpSmmuEntry = new Parser().uint64le("w0").uint64le("w1");
const bpSmmu = new Parser().array("e", { length: N, type: bpSmmuEntry });
const bpCommands = (b: Buffer): DecodedCommand[] =>
  (bpSmmu.parse(b).e as { w0: bigint; w1: bigint }[]).map((e) => toCommand(e.w0, e.w1));

// ---- contenders: each drops its result, so the collector's work stays where it is made ----
let sink = 0;
const keep = (n: number) => void (sink = (sink + n) | 0);
const nz = (v: bigint | undefined): number => (v === 0n || v === undefined ? 0 : 1);
// Every field of the command at hand, through the cursor of its own command (no dispatch).
function readEveryField(k: ReturnType<typeof smmuv3_cmd.view>["$command"]): number {
  switch (k.$name) {
    case "TLBI_NH_VA":
      return (
        nz(k.NUM) +
        nz(k.SCALE) +
        nz(k.VMID) +
        nz(k.ASID) +
        nz(k.LEAF) +
        nz(k.TTL128) +
        nz(k.TTL) +
        nz(k.TG) +
        nz(k.ADDR)
      );
    case "TLBI_NH_ASID":
      return nz(k.VMID) + nz(k.ASID);
    case "CFGI_CD":
      return nz(k.SSEC) + nz(k.SSID) + nz(k.SID) + nz(k.LEAF);
    case "ATC_INV":
      return nz(k.GLOBAL) + nz(k.SSV) + nz(k.SSID) + nz(k.SID) + nz(k.SIZE) + nz(k.ADDR);
    case "CMD_SYNC":
      return nz(k.CS) + nz(k.MSH) + nz(k.MSIATTR) + nz(k.MSIDATA) + nz(k.MSIADDR);
    default:
      return 0;
  }
}
const copies = (bytes: Buffer) => {
  const reused = Buffer.alloc(bytes.length);
  return {
    "Buffer copy": () => keep(Buffer.from(bytes).length),
    reused: () => keep(bytes.copy(reused)),
  };
};

// Each contender leaves a million objects of garbage (or a million bigints). Interleaved in a
// fixed order, each would pay for the collection of what the one before it left, so each round
// runs in a new shuffled order, and a full collection (twice, so that the first one's
// concurrent sweeping is done too) runs between contenders, outside their timing: each pays
// for the collector work its own allocations cause while it runs, and for no one else's.
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const collect = () => (gc(), gc());
function measure(contenders: Record<string, () => void>): Record<string, number> {
  const names = Object.keys(contenders);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = -1; round < RUNS; round++) {
    const order = names.map((n) => [pick(1 << 30), n] as const).sort((a, b) => a[0] - b[0]);
    const one = sampleSideBySide(
      Object.fromEntries(
        order.map(([, n]) => [
          n,
          () => {
            for (let p = 0; p < PASSES; p++) contenders[n]!();
          },
        ]),
      ),
      1,
      0,
      collect,
    );
    if (round >= 0) for (const n of names) samples[n]!.push(...one[n]!); // round -1 warms up
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n]!).median]));
}

type RowSpec = [what: string, ours: string, versus: string, min?: number];
function rows(label: string, med: Record<string, number>, specs: RowSpec[]): void {
  for (const [what, ours, versus, min] of specs)
    record({
      figure: "4 codecs",
      what: `${label}: ${what}`,
      ours: `${ours} ${rate(N * PASSES, med[ours]!)}`,
      versus: `${versus} ${rate(N * PASSES, med[versus]!)}`,
      ratio: med[versus]! / med[ours]!,
      goal: min === undefined ? {} : { min },
      note:
        `${N} entries (${RANDOM ? "uniformly random" : "realistic"} values), ${PASSES} passes ` +
        `a sample, medians of ${RUNS} ` +
        `shuffled rounds side by side: ${ours} ${med[ours]!.toFixed(1)} ms, ${versus} ` +
        `${med[versus]!.toFixed(1)} ms; copy into a reused buffer ${rate(N * PASSES, med.reused!)}`,
    });
}

// Same work: on a sample, every contender's objects agree with ours, and every encoder gives
// back the original bytes.
function agree(what: string, ...results: unknown[]): void {
  const text = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? `${x}n` : x));
  if (new Set(results.map(text)).size !== 1) throw new Error(`${what}: the contenders disagree`);
}
const sample = (a: readonly unknown[]) => a.slice(0, 4096);
const DECODE_ROWS = (one: string): RowSpec[] => [
  ["decode into objects vs binary-parser", "decode", "binary-parser", 3],
  ["decode into objects vs restructure", "decode", "restructure"],
  [`decode ${one} at a time vs binary-parser`, "decode one by one", "binary-parser one by one", 3],
  ["view reading every field vs binary-parser decode", "view", "binary-parser", 10],
  ["decode vs copying the bytes", "decode", "Buffer copy"],
  ["view vs copying the bytes", "view", "Buffer copy"],
];
const ENCODE_ROWS: RowSpec[] = [
  ["encode vs restructure (binary-parser has no encoder)", "encode", "restructure encode", 3],
  ["encode vs copying the bytes", "encode", "Buffer copy"],
];
// The runtime checks (reserved zero, flags in their set) cost little when on and nothing when
// off. Uniformly random entries break them, so that data set measures the codecs unchecked.
const CHECKED = { validate: !RANDOM } as const;
const UNCHECKED = { validate: false } as const;
const CHECK_ROWS = (op: string): RowSpec[] =>
  RANDOM ? [] : [[`${op} checked vs unchecked (cost of the checks)`, op, `${op} unchecked`, 0.8]];

function vtdFigure(): void {
  const vtdBytes = vtdEntries();
  let vtdValues = vtd.decodeArray(vtdBytes, ABI, CHECKED);
  agree(
    "vtd decode",
    sample(vtdValues),
    sample(bpVtd.parse(vtdBytes).e),
    sample(rVtd.fromBuffer(vtdBytes)),
  );
  agree(
    "vtd encode",
    vtdBytes,
    Buffer.from(vtd.encodeArray(vtdValues, ABI, CHECKED)),
    Buffer.from(rVtd.toBuffer(vtdValues)),
  );
  rows(
    "vtd",
    measure({
      encode: () => keep(vtd.encodeArray(vtdValues, ABI, CHECKED).length),
      "encode unchecked": () => keep(vtd.encodeArray(vtdValues, ABI, UNCHECKED).length),
      "restructure encode": () => keep(rVtd.toBuffer(vtdValues).length),
      ...copies(vtdBytes),
    }),
    [...ENCODE_ROWS, ...CHECK_ROWS("encode")],
  );
  vtdValues = []; // the encoders' input stays out of the decoders' heap
  rows(
    "vtd",
    measure({
      decode: () => keep(vtd.decodeArray(vtdBytes, ABI, CHECKED).length),
      "decode unchecked": () => keep(vtd.decodeArray(vtdBytes, ABI, UNCHECKED).length),
      view: () => {
        const entries = vtd.viewArray(vtdBytes, ABI);
        let n = 0;
        for (let i = 0; i < entries.length; i++) {
          const e = entries.at(i);
          n += (e.addr === 0n ? 0 : 1) + (e.npages === 1n ? 0 : 1) + e.flags + e.__reserved;
        }
        keep(n);
      },
      "binary-parser": () => keep(bpVtd.parse(vtdBytes).e.length),
      restructure: () => keep(rVtd.fromBuffer(vtdBytes).length),
      // One entry at a time, nothing kept; binary-parser parses from offset 0 only: a subarray.
      "decode one by one": () => {
        let n = 0;
        for (let i = 0; i < N; i++) n += vtd.decode(vtdBytes, ABI, i * 24, CHECKED).flags;
        keep(n);
      },
      "binary-parser one by one": () => {
        let n = 0;
        for (let i = 0; i < N; i++)
          n += bpVtdEntry.parse(vtdBytes.subarray(i * 24, i * 24 + 24)).flags;
        keep(n);
      },
      ...copies(vtdBytes),
    }),
    [...DECODE_ROWS("an entry"), ...CHECK_ROWS("decode")],
  );
}

function smmuFigure(): void {
  const smmuBytes = smmuEntries();
  let smmuValues = smmuv3_cmd.decodeArray(smmuBytes) as Parameters<
    typeof smmuv3_cmd.encodeArray
  >[0];
  agree(
    "SMMU decode",
    sample(smmuValues),
    sample(bpCommands(smmuBytes)),
    sample(rSmmu.fromBuffer(smmuBytes)),
  );
  agree(
    "SMMU encode",
    smmuBytes,
    Buffer.from(smmuv3_cmd.encodeArray(smmuValues)),
    Buffer.from(rSmmu.toBuffer(smmuValues as DecodedCommand[])),
  );
  rows(
    "SMMUv3 commands",
    measure({
      encode: () => keep(smmuv3_cmd.encodeArray(smmuValues).length),
      "restructure encode": () => keep(rSmmu.toBuffer(smmuValues as DecodedCommand[]).length),
      ...copies(smmuBytes),
    }),
    ENCODE_ROWS,
  );
  smmuValues = [];
  rows(
    "SMMUv3 commands",
    measure({
      decode: () => keep(smmuv3_cmd.decodeArray(smmuBytes).length),
      view: () => {
        const entries = smmuv3_cmd.viewArray(smmuBytes);
        let n = 0;
        for (let i = 0; i < entries.length; i++) n += readEveryField(entries.at(i).$command);
        keep(n);
      },
      "binary-parser": () => keep(bpCommands(smmuBytes).length),
      restructure: () => keep(rSmmu.fromBuffer(smmuBytes).length),
      "decode one by one": () => {
        let n = 0;
        for (let i = 0; i < N; i++) n += smmuv3_cmd.decodeBytes(smmuBytes, i * 16).opcode;
        keep(n);
      },
      "binary-parser one by one": () => {
        let n = 0;
        for (let i = 0; i < N; i++) {
          const e = bpSmmuEntry.parse(smmuBytes.subarray(i * 16, i * 16 + 16));
          n += toCommand(e.w0, e.w1).opcode;
        }
        keep(n);
      },
      ...copies(smmuBytes),
    }),
    DECODE_ROWS("a command"),
  );
}

// CODEC_BENCH_ONLY=vtd or =smmu runs one of the two figures.
const only = process.env.CODEC_BENCH_ONLY;
if (only !== "smmu") vtdFigure();
if (only !== "vtd") smmuFigure();
console.log(`(checksum ${sink})`);
