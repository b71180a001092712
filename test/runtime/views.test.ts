// Zero-copy views read what a full decode gives, field by field, on every ABI (little- and
// big-endian), at aligned and unaligned positions; one cursor is repositioned, never copied.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ABIS } from "../../src/abi/abis.js";
import { StructCodec, type ArrayView } from "../../src/runtime/index.js";
import * as iommufd from "../../out/ts/iommufd.js";
import * as iommufdTest from "../../out/ts/iommufd_test.js";
import { INNER, NESTED } from "./nested.js";

type Codec = StructCodec<Record<string, unknown>>;
const codecs = [
  ...([...Object.values(iommufd), ...Object.values(iommufdTest)] as unknown[]).filter(
    (v): v is Codec => v instanceof StructCodec,
  ),
  NESTED as unknown as Codec,
];

/** Everything a view shows, read through its getters and `at`, shaped like the decoded value. */
function readAll(view: unknown, like: unknown): unknown {
  if (Array.isArray(like)) {
    const a = view as ArrayView<unknown>;
    expect(a.length).toBe(like.length);
    return like.map((el, i) => readAll(a.at(i), el));
  }
  if (like !== null && typeof like === "object")
    return Object.fromEntries(
      Object.entries(like).map(([k, v]) => [k, readAll((view as Record<string, unknown>)[k], v)]),
    );
  return view;
}

describe("struct views", () => {
  for (const codec of codecs) {
    it(`${codec.name}: every field reads as decoded, on every ABI, aligned or not`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ABIS),
          fc.uint8Array({ minLength: 1024, maxLength: 1024 }),
          fc.integer({ min: 0, max: 15 }),
          fc.integer({ min: 1, max: 3 }),
          (abi, noise, shift, count) => {
            const size = codec.size(abi);
            const bytes = noise.subarray(shift, shift + 8 + size * count);
            // One decode at a time reads through the DataView (checked against the reference
            // codec in compiled.test.ts); runs and views may read typed arrays instead.
            const decoded = Array.from({ length: count }, (_, i) =>
              codec.decode(bytes, abi, 8 + i * size, { validate: false }),
            );
            expect(codec.decodeArray(bytes, abi, { offset: 8, count, validate: false })).toEqual(
              decoded,
            );
            const views = codec.viewArray(bytes, abi, { offset: 8, count });
            expect(views.length).toBe(count);
            decoded.forEach((value, i) => {
              const v = views.at(i);
              expect(readAll(v, value)).toEqual(value);
              expect(v.$decode()).toEqual(value);
              expect(v.$offset).toBe(8 + i * size);
            });
            const one = codec.view(bytes, abi, 8 + size * (count - 1));
            expect(readAll(one, decoded.at(-1))).toEqual(decoded.at(-1));
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  it("reads the buffer as it is now: zero copy", () => {
    const vtd = iommufd.iommu_hwpt_vtd_s1_invalidate;
    const bytes = vtd.encode({ addr: 0x1000n, npages: 1n, flags: 1, __reserved: 0 }, "x86_64");
    const v = vtd.view(bytes, "x86_64");
    expect(v.addr).toBe(0x1000n);
    const unchecked = { validate: false }; // views read what is there, valid or not
    bytes.set(
      vtd.encode(
        { addr: 2n ** 64n - 1n, npages: 7n, flags: 0, __reserved: 9 },
        "x86_64",
        unchecked,
      ),
    );
    expect([v.addr, v.npages, v.flags, v.__reserved]).toEqual([2n ** 64n - 1n, 7n, 0, 9]);
  });

  it("repositions one cursor, and refuses positions outside the run", () => {
    const vtd = iommufd.iommu_hwpt_vtd_s1_invalidate;
    const values = [1n, 2n, 3n].map((addr) => ({ addr, npages: addr, flags: 0, __reserved: 0 }));
    const views = vtd.viewArray(vtd.encodeArray(values, "s390x"), "s390x");
    const first = views.at(0);
    expect(views.at(2)).toBe(first);
    expect(first.addr).toBe(3n);
    expect(views.at(1).npages).toBe(2n);
    for (const bad of [-1, 3, 1.5, Number.NaN]) expect(() => views.at(bad)).toThrow(RangeError);
    expect(() => vtd.view(new Uint8Array(23), "x86_64")).toThrow(/needs 24 bytes at offset 0/);
    expect(() => vtd.viewArray(new Uint8Array(48), "x86_64", { count: 3 })).toThrow(
      /needs 72 bytes/,
    );
  });

  it("nests views of structs, unions and arrays, each with $offset and $decode", () => {
    const value = NESTED.decode(
      Uint8Array.from({ length: 200 }, (_, i) => i * 7),
      "x86_64",
    );
    const bytes = NESTED.encode(value, "x86_64");
    const v = NESTED.view(bytes, "x86_64");
    const offsets = NESTED.layout("x86_64").fields.map((f) => f.offset);
    expect(v.i.$offset).toBe(offsets[0]);
    expect(v.i.$decode()).toEqual(value.i);
    expect(v.u.y.at(3)).toBe(value.u.y[3]);
    expect(v.inners.at(1).$decode()).toEqual(value.inners[1]);
    expect(v.inners.at(1).$offset).toBe(offsets[7]! + INNER.size("x86_64"));
    expect(v.grid.at(1).at(2)).toBe(value.grid[1]![2]);
    expect(v.long.length).toBe(20);
    expect([v.p, v.q]).toEqual([value.p, value.q]);
    expect(() => v.grid.at(2)).toThrow(/index 2 is outside 0..1/);
  });
});
