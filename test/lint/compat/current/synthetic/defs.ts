/** One of every other compatible and incompatible change, after. */
import { array, char, constant, enumeration, flagSet, header, ioctl, struct } from "uapi-gen/dsl";

export const defs = header({ name: "defs" });

export const T = constant({ value: char("Z") });
export const Z_VERSION = constant({ value: 2 });
export const Z_ENTRY_MAX = constant({ value: 8 });

export const z_cmd = enumeration({
  anonymous: true,
  members: { Z_CMD_GET: 1, Z_CMD_SET: 4, Z_CMD_OLD: 3 },
});

export const z_kind = enumeration({
  members: { Z_KIND_A: 0, Z_KIND_B: 5, Z_KIND_NEW: 2, Z_KIND_MAX: 5 },
});

export const z_flags = flagSet({ bits: { Z_F_A: 0, Z_F_B: 3, Z_F_D: 2 } });

export const z_entry_a = struct({
  fields: {
    v: { type: "__u32" },
    w: { type: "__u32" },
    x: { type: "__u32" },
    __reserved: { type: "__u32", reserved: true },
  },
});
export const z_entry_c = struct({ fields: { w: { type: "__u32" }, v: { type: "__u32" } } });

export const z_args = struct({
  arrays: [
    {
      pointer: "data_uptr",
      entryLen: "entry_len",
      count: "entry_num",
      selector: "kind",
      entries: { Z_KIND_A: z_entry_c },
      onError: { blame: "entry-at-count", count: "handled" },
    },
  ],
  fields: {
    b: { type: "__u32" },
    a: { type: "__u32" },
    c: { type: "__s16" },
    d2: { type: "__u16" },
    e: { type: "__le32" },
    kind: { type: "__u32", values: z_kind },
    data_uptr: { type: "__aligned_u64", userPtr: true },
    entry_len: { type: "__u32" },
    entry_num: { type: "__u32", dir: "inout" },
    f: { type: "__u64" },
  },
});

export const z_fixed = struct({
  fields: { x: { type: "__u32" }, y: { type: "__u32" }, z: { type: "__u32" } },
});

export const z_res = struct({
  fields: {
    x: { type: "__u32" },
    out_g: { type: "__u16", dir: "out" },
    pad: { type: array("__u8", 2), reserved: true },
  },
});

export const Z_GET = ioctl({ type: T, nr: "Z_CMD_GET", dir: "read", arg: z_fixed });
export const Z_SET = ioctl({ type: T, nr: "Z_CMD_SET", dir: "readwrite", arg: z_fixed });
export const Z_OLD = ioctl({ type: T, nr: "Z_CMD_OLD", dir: "none" });
