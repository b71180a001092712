// The compiled codecs agree with the interpretive reference codec, byte for byte and value for
// value, on every shipped struct and every ABI, including their errors; runs of entries decode
// and encode the same wherever they sit in a buffer.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABIS } from "../../src/abi/abis.js";
import { LayoutEngine } from "../../src/layout/layout.js";
import { CodecError, StructCodec } from "../../src/runtime/index.js";
import { reachable, readStruct, writeStruct } from "../../src/runtime/reference.js";
import * as iommufd from "../../out/ts/iommufd.js";
import * as iommufdTest from "../../out/ts/iommufd_test.js";
import { structArb } from "./arbitrary.js";
import { NESTED } from "./nested.js";

type Codec = StructCodec<Record<string, unknown>>;
const shipped = ([...Object.values(iommufd), ...Object.values(iommufdTest)] as unknown[]).filter(
  (v): v is Codec => v instanceof StructCodec,
);
const codecs = [...shipped, NESTED as unknown as Codec];

/** The reference codec's decode and encode, on the codec's own descriptor. */
function reference(codec: Codec, abi: (typeof ABIS)[number]) {
  const structs = reachable(codec.desc);
  const engine = new LayoutEngine(abi, (n) => structs.get(n));
  const layout = engine.structLayout(codec.desc.name);
  const io = (bytes: Uint8Array) => ({
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    abi,
    engine,
  });
  return {
    decode: (bytes: Uint8Array) => readStruct(io(bytes), codec.desc, layout, 0),
    encode: (value: Record<string, unknown>) => {
      const bytes = new Uint8Array(layout.size);
      writeStruct(io(bytes), codec.desc, layout, 0, value, codec.name);
      return bytes;
    },
  };
}

const thrown = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
  return undefined;
};

const UNCHECKED = { validate: false } as const;

describe("compiled codecs against the reference codec", () => {
  for (const codec of codecs) {
    it(`${codec.name}: same values from the same bytes, same bytes from the same values`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ABIS),
          fc.uint8Array({ minLength: 512, maxLength: 512 }),
          (abi, noise) => {
            const ref = reference(codec, abi);
            const bytes = noise.slice(0, codec.size(abi));
            // Noise breaks the rules of reserved, flag and enum fields: this compares the
            // codecs alone (validation is tested in validate.test.ts).
            expect(codec.decode(bytes, abi, 0, UNCHECKED)).toEqual(ref.decode(bytes));
            const value = ref.decode(bytes) as Record<string, unknown>;
            expect(codec.encode(value, abi, UNCHECKED)).toEqual(ref.encode(value));
          },
        ),
        { numRuns: 40 },
      );
    });

    it(`${codec.name}: the same error for a bad value`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ABIS),
          structArb(codec.desc),
          fc.anything(),
          fc.nat(),
          (abi, value, bad, pick) => {
            const keys = Object.keys(value);
            const broken = { ...value, [keys[pick % keys.length]!]: bad };
            const ref = reference(codec, abi);
            expect(thrown(() => codec.encode(broken, abi, UNCHECKED))).toBe(
              thrown(() => ref.encode(broken)),
            );
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe("runs of entries", () => {
  const vtd = iommufd.iommu_hwpt_vtd_s1_invalidate;
  const entries = fc.array(structArb(vtd.desc), { minLength: 1, maxLength: 20 });

  it("decode and encode the same at any offset, aligned or not, on every ABI", () => {
    fc.assert(
      fc.property(entries, fc.constantFrom(...ABIS), fc.nat(17), (values, abi, shift) => {
        const run = vtd.encodeArray(values as never, abi);
        const size = vtd.size(abi);
        expect(run.length).toBe(values.length * size);
        values.forEach((v, i) =>
          expect(run.subarray(i * size, (i + 1) * size)).toEqual(vtd.encode(v as never, abi)),
        );
        // The same run inside a bigger buffer, at a byte offset and behind a subarray start.
        const outer = new Uint8Array(run.length + 40).fill(0xa5);
        outer.set(run, 8 + shift);
        const inner = outer.subarray(shift);
        expect(vtd.decodeArray(inner, abi, { offset: 8, count: values.length })).toEqual(
          values.map((v) => vtd.decode(vtd.encode(v as never, abi), abi)),
        );
        expect(vtd.decodeArray(run, abi)).toEqual(
          vtd.decodeArray(inner, abi, { offset: 8, count: values.length }),
        );
      }),
      { numRuns: 80 },
    );
  });

  it("refuses runs that do not fit and values that are not objects", () => {
    const bytes = new Uint8Array(48);
    expect(() => vtd.decodeArray(bytes, "x86_64", { offset: 8, count: 2 })).toThrow(
      new CodecError("iommu_hwpt_vtd_s1_invalidate", "needs 48 bytes at offset 8, got 40"),
    );
    expect(() => vtd.decodeArray(bytes, "x86_64", { count: -1 })).toThrow(/bad entry count -1/);
    expect(vtd.decodeArray(bytes, "x86_64", { offset: 8 })).toHaveLength(1);
    expect(() => vtd.encodeArray([null as never], "x86_64")).toThrow(
      /iommu_hwpt_vtd_s1_invalidate\[0\]: expected an object/,
    );
  });

  it("keeps no stale DataView when the bytes change identity or length", () => {
    const a = vtd.encode({ addr: 1n, npages: 2n, flags: 0, __reserved: 0 }, "x86_64");
    const b = vtd.encode({ addr: 4n, npages: 5n, flags: 1, __reserved: 0 }, "x86_64");
    expect(vtd.decode(a, "x86_64").addr).toBe(1n);
    expect(vtd.decode(b, "x86_64").addr).toBe(4n);
    const both = new Uint8Array([...a, ...b]);
    expect(vtd.decode(both.subarray(24), "x86_64").flags).toBe(1);
    expect(vtd.decode(both, "x86_64", 24).npages).toBe(5n);
  });
});
