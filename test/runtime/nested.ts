// A struct with every kind of field the runtime supports, for the codec and view tests:
// nested structs and unions, an anonymous union, explicit byte orders, arrays of scalars,
// structs and arrays, an array longer than the compiled codecs unroll, and ABI-sized longs.
import { anonUnion, array, defineStruct, field, named, scalar } from "../../src/runtime/index.js";

export interface Inner {
  a: number;
  b: bigint;
  c: bigint;
}
export const INNER = defineStruct<Inner>({
  name: "inner",
  kind: "struct",
  fields: [field("a", scalar("__u8")), field("b", scalar("__u64")), field("c", scalar("__s64"))],
});

export interface Both {
  x: number;
  y: number[];
}
export const BOTH = defineStruct<Both>({
  name: "both",
  kind: "union",
  fields: [field("x", scalar("__s32")), field("y", array(scalar("__u8"), 4))],
});

export interface Nested {
  i: Inner;
  u: Both;
  p?: number;
  q?: number;
  be: bigint;
  le: number;
  l: bigint;
  s: number;
  inners: Inner[];
  grid: number[][];
  long: number[];
  tail: bigint;
}
export const NESTED = defineStruct<Nested>({
  name: "nested",
  kind: "struct",
  fields: [
    field("i", named(INNER)),
    field("u", named(BOTH)),
    field("au", anonUnion([field("p", scalar("__be16")), field("q", scalar("__u16"))])),
    field("be", scalar("__be64")),
    field("le", scalar("__le32")),
    field("l", scalar("long")),
    field("s", scalar("__s16")),
    field("inners", array(named(INNER), 2)),
    field("grid", array(array(scalar("__u16"), 3), 2)),
    field("long", array(scalar("__s8"), 20)),
    field("tail", scalar("__aligned_u64")),
  ],
});
