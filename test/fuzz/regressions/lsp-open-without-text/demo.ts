/** A small uAPI for the language server tests. */
import { char, constant, enumeration, flagSet, header, ioctl, struct } from "uapi-gen/dsl";

export const demo = header({ name: "demo", doc: "Demo uAPI." });

export const DEMO_TYPE = constant({ value: char("D"), doc: "The ioctl type character." });

export const demo_cmd = enumeration({
  anonymous: true,
  doc: "Command numbers.",
  members: {
    DEMO_CMD_QUERY: { value: 0x80, doc: "Query." },
  },
});

export const demo_flags = flagSet({
  doc: "Flags of struct demo_query.",
  bits: {
    DEMO_FLAG_FAST: { bit: 0, doc: "Go fast." },
  },
});

export const demo_query = struct({
  doc: "Argument of DEMO_QUERY.",
  extensible: { size: "size", lastMandatory: "flags" },
  fields: {
    size: { type: "__u32", doc: "sizeof(struct demo_query)" },
    flags: { type: "__u32", flags: demo_flags, doc: "Combination of demo_flags." },
    count: { type: "__u32", doc: "Number of things." },
    data_uptr: { type: "__aligned_u64", userPtr: true, doc: "User pointer to the things." },
  },
});

export const DEMO_QUERY = ioctl({
  type: DEMO_TYPE,
  nr: "DEMO_CMD_QUERY",
  dir: "none",
  arg: demo_query,
  doc: "Query the demo device.",
});
