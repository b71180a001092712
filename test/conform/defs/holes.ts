/**
 * A conformance test module whose layouts differ across ABIs: a plain __u64 after a __u32
 * (a hole on x86_64, none on i386, sh4 and m68k), tail padding, a nested struct, a named union,
 * arrays of structs and endian types, so pahole, abidiff and the round trip have work to do.
 */
import { anonymousUnion, array, header, struct, union } from "uapi-gen/dsl";

export const conform_holes = header({ name: "conform_holes", doc: "Layouts that differ per ABI." });

export const ch_inner = struct({
  doc: "Nested: a hole before b on 8-aligning ABIs.",
  fields: {
    a: { type: "__u32" },
    b: { type: "__u64" },
  },
});

export const ch_word = union({
  doc: "A named union of a 64-bit and a 16-bit view.",
  fields: {
    wide: { type: "__be64" },
    narrow: { type: "__le16" },
  },
});

export const ch_outer = struct({
  doc: "Everything at once.",
  fields: {
    tag: { type: "__u8" },
    inner: { type: ch_inner },
    small: { type: "__s16" },
    words: { type: array(ch_word, 2) },
    choice: anonymousUnion({
      members: {
        as_u32: { type: "__u32" },
        as_bytes: { type: array("__u8", 3) },
      },
    }),
    be: { type: array("__be32", 2) },
    signed_tail: { type: "__s8" },
  },
});
