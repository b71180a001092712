/**
 * Part 3: the generated harness under qemu-user (and natively with ASan/UBSan) against the
 * TypeScript codecs, both directions, every shipped struct; and that a wrong side is caught.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAbi, type Abi } from "../../src/abi/abis.js";
import { Pool } from "../../src/conform/exec.js";
import { compareOutput, roundtripStep, sanitizeStep } from "../../src/conform/roundtrip/run.js";
import { codecOf, structDesc } from "../../src/conform/roundtrip/codecs.js";
import {
  canonicalLines,
  fillStruct,
  scalarFromDraw,
  SplitMix64,
} from "../../src/conform/roundtrip/values.js";
import { RUNTIME_ABIS } from "../../src/conform/toolchain.js";
import { describeFinding } from "../../src/conform/types.js";
import { structsOf, type Workspace } from "../../src/conform/workspace.js";
import * as iommufdTs from "../../out/ts/iommufd.js";
import { HOLES, SHIPPED, workspaceOf } from "./helpers.js";

const pool = new Pool();
const opts = { seed: 0x1234n };
let shipped: Workspace;
let holes: Workspace;

beforeAll(async () => {
  [shipped, holes] = await Promise.all([workspaceOf(SHIPPED), workspaceOf(HOLES)]);
});
afterAll(() => {
  shipped?.dispose();
  holes?.dispose();
});

describe("splitmix64 mirror", () => {
  it("gives the reference sequence for seed 0", () => {
    // First outputs of splitmix64 seeded with 0, as published with the algorithm.
    const r = new SplitMix64(0n);
    expect([r.next(), r.next()]).toEqual([0xe220a8397b1dcdafn, 0x6e789e6aa1b965f4n]);
  });

  it("keeps what C keeps of a draw", () => {
    expect(scalarFromDraw(0xffffn, "__s16", getAbi("x86_64"))).toBe(-1);
    expect(scalarFromDraw(0x1_0000_0002n, "_Bool", getAbi("x86_64"))).toBe(0);
    expect(scalarFromDraw(0xffff_ffff_ffffn, "long", getAbi("i386"))).toBe(-1n);
  });
});

// A sample of the 18 runtime ABIs (`uapi-gen conform` and its benchmark run them all): every
// way of building and running a harness (native; static glibc under qemu, big-endian;
// dynamic glibc with a sysroot; freestanding with gcc; freestanding with clang and lld), then
// the odd alignments (i386, m68k) and the other clang freestanding target on the test module.
const SHIPPED_ABIS = ["x86_64", "s390x", "alpha", "sh4", "riscv32"];
const HOLES_ABIS = ["i386", "m68k", "loongarch64"];

describe("round trips on every shipped struct", () => {
  it("run on 18 ABIs, all but x32", () => {
    expect(RUNTIME_ABIS).toHaveLength(18);
    expect(RUNTIME_ABIS).not.toContain("x32");
    for (const a of [...SHIPPED_ABIS, ...HOLES_ABIS]) expect(RUNTIME_ABIS).toContain(a);
  });

  it.each(SHIPPED_ABIS)("%s: TypeScript → C and C → TypeScript", async (name) => {
    const r = await roundtripStep(shipped, getAbi(name as never), pool, opts);
    expect(r.findings?.map(describeFinding) ?? [], r.detail).toEqual([]);
    expect(r.status).toBe("pass");
    expect(r.detail).toContain(`${structsOf(shipped.primary).length} structs both ways`);
  });

  it("native build with -fsanitize=address,undefined", async () => {
    const r = await sanitizeStep(shipped, getAbi("x86_64"), pool, opts);
    expect(r.findings?.map(describeFinding) ?? []).toEqual([]);
    expect(r.status).toBe("pass");
  });

  it.each(HOLES_ABIS)("%s: nested structs, named unions, endian arrays", async (name) => {
    const r = await roundtripStep(holes, getAbi(name as never), pool, opts);
    expect(r.findings?.map(describeFinding) ?? []).toEqual([]);
    expect(r.status).toBe("pass");
  });
});

describe("a wrong side is caught", () => {
  it("a codec with the wrong byte order fails on s390x, naming struct and field", async () => {
    const liar: Abi = { ...getAbi("s390x"), endian: "little" };
    const r = await roundtripStep(shipped, liar, pool, opts);
    expect(r.status).toBe("fail");
    const f = r.findings!.find(
      (x) => x.struct === "iommu_destroy" && x.field === "iommu_destroy.size",
    );
    expect(f).toBeDefined();
    expect(f!.expected).not.toBe(f!.actual);
  });

  it("tampered harness output is named by path", () => {
    const abi = getAbi("x86_64");
    const [item] = structsOf(holes.primary).filter((i) => i.name === "ch_inner");
    const codec = codecOf(item!, holes.model);
    const input = codec.encode(
      fillStruct(item!, new SplitMix64(opts.seed), { model: holes.model, abi }),
      abi,
    );
    const lines = canonicalLines(item!, codec.decode(input, abi), holes.model);
    const filled = codec.encode(
      fillStruct(item!, new SplitMix64(opts.seed ^ 0x5eedn), { model: holes.model, abi }),
      abi,
    );
    const good = [
      "struct ch_inner 16 8",
      ...lines,
      `bytes ch_inner ${Buffer.from(filled).toString("hex")}`,
    ].join("\n");
    expect(compareOutput([item!], holes.model, abi, [input], good, opts, "roundtrip")).toEqual([]);
    const bad = good.replace(/ch_inner\.b=[-0-9a-fx]+/, "ch_inner.b=0x7");
    expect(compareOutput([item!], holes.model, abi, [input], bad, opts, "roundtrip")).toEqual([
      expect.objectContaining({ struct: "ch_inner", field: "ch_inner.b", actual: "0x7" }),
    ]);
  });
});

/**
 * What of a descriptor decides the bytes: names, kinds and types. The generated ones also carry
 * the runtime's checks (reserved, flags, values, extensible, arrays), which the round trip,
 * encoding any value, turns off.
 */
function layoutOf(desc: unknown): unknown {
  return JSON.parse(
    JSON.stringify(desc, (key, value) =>
      ["reserved", "flags", "values", "extensible", "arrays"].includes(key) ? undefined : value,
    ),
  );
}

describe("the generated TypeScript", () => {
  it("declares the descriptors the round trip builds from the IR", () => {
    const module = shipped.primary.find((m) => m.name === "iommufd")!;
    for (const item of structsOf([module])) {
      const generated = (iommufdTs as Record<string, unknown>)[item.name] as
        { desc: unknown } | undefined;
      expect(layoutOf(generated?.desc), item.name).toEqual(
        layoutOf(structDesc(item, shipped.model)),
      );
    }
  });
});
