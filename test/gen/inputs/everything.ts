/**
 * A definitions module that uses every construct of the language once, for the golden tests
 * of every generator.
 */
import {
  anonymousUnion,
  array,
  bits,
  char,
  commandSet,
  constant,
  enumeration,
  flagSet,
  header,
  ioctl,
  struct,
  union,
} from "uapi-gen/dsl";

export const everything = header({
  name: "everything",
  doc: "Every construct of the definitions language.",
  spdx: "GPL-2.0 WITH Linux-syscall-note",
});

export const EV_TYPE = constant({ value: char("E"), doc: "The ioctl type." });
export const EV_QUOTE = constant({ value: char("'"), doc: "A quote, escaped in C." });
export const EV_LIMIT = constant({ value: 0x1000, doc: "A limit." });

export const ev_cmd = enumeration({
  anonymous: true,
  doc: "Command numbers.",
  members: { EV_CMD_NONE: 0, EV_CMD_READ: 1, EV_CMD_WRITE: 2, EV_CMD_BOTH: 3 },
});

export const ev_kind = enumeration({
  doc: "Kinds, one of them negative.",
  members: {
    EV_KIND_NEGATIVE: { value: -1, doc: "Below zero." },
    EV_KIND_A: { value: 0, doc: "The first kind." },
    EV_KIND_BIG: { value: 0xfffffff0, doc: "Above INT_MAX." },
  },
});

export const ev_flags = flagSet({
  doc: "Flags, with high bits.",
  bits: {
    EV_FLAG_LOW: { bit: 0, doc: "Bit 0." },
    EV_FLAG_31: { bit: 31, doc: "Bit 31." },
    EV_FLAG_7: 7,
  },
});

export const ev_inner = struct({
  doc: "A nested struct. Its second sentence goes into the description.",
  fields: {
    a: { type: "__u8", doc: "A byte." },
    b: { type: "__s16", doc: "A signed half-word." },
    c: { type: "__be32", doc: "Big-endian." },
  },
});

export const ev_value = union({
  doc: "A named union.",
  fields: {
    word: { type: "__u32", doc: "As a word." },
    bytes: { type: array("__u8", 4), doc: "As bytes." },
  },
});

export const ev_arg = struct({
  doc: "An argument struct with every field kind.",
  extensible: { size: "size", lastMandatory: "flags" },
  arrays: [
    {
      pointer: "data_uptr",
      entryLen: "entry_len",
      count: "entry_num",
      selector: "kind",
      entries: { EV_KIND_A: ev_inner },
      onError: { blame: "entry-at-count", count: "handled" },
    },
  ],
  fields: {
    size: { type: "__u32", doc: "sizeof(struct ev_arg)" },
    flags: { type: "__u32", flags: ev_flags, doc: "ev_flags." },
    data_uptr: { type: "__aligned_u64", userPtr: true, doc: "Entries." },
    kind: { type: "__u32", values: ev_kind, doc: "ev_kind." },
    entry_len: { type: "__u32", doc: "Entry length." },
    entry_num: { type: "__u32", dir: "inout", doc: "Entry count in, handled out." },
    __reserved: { type: "__u32", reserved: true, doc: "Must be 0." },
    inner: { type: ev_inner, doc: "Nested." },
    value: { type: ev_value, doc: "A named union." },
    either: anonymousUnion({
      doc: "An anonymous union.",
      members: {
        le: { type: "__aligned_le64", doc: "Little-endian view." },
        be: { type: "__aligned_be64", doc: "Big-endian view." },
      },
    }),
    grid: { type: array(array("__le16", 3), 2), doc: "A 2x3 grid." },
    sval: { type: "__s64", dir: "out", doc: "Signed, written by the kernel." },
    tail: { type: "__u64", doc: "A plain u64: 4-aligned on i386." },
    last: { type: "__u8", doc: "Leaves tail padding." },
  },
});

export const EV_IO = ioctl({ type: EV_TYPE, nr: "EV_CMD_NONE", dir: "none", doc: "No argument." });
export const EV_IOR = ioctl({
  type: EV_TYPE,
  nr: "EV_CMD_READ",
  dir: "read",
  arg: ev_arg,
  doc: "Read.",
});
export const EV_IOW = ioctl({
  type: EV_TYPE,
  nr: "EV_CMD_WRITE",
  dir: "write",
  arg: ev_arg,
  doc: "Write.",
});
export const EV_IOWR = ioctl({
  type: EV_TYPE,
  nr: "EV_CMD_BOTH",
  dir: "readwrite",
  arg: ev_arg,
  doc: "Both.",
});

export const ev_cmdq = commandSet({
  doc: "A 32-bit command format.",
  macroPrefix: "EV_CMDQ",
  wordType: "__le32",
  words: 3,
  opcode: bits(0, 3, 0),
  commands: {
    PING: {
      opcode: 1,
      doc: "Ping.",
      fields: { ID: bits(0, 31, 4, "Identifier."), ALL: bits(2, 31, 0) },
    },
    NOP: { opcode: 0xf },
  },
});
