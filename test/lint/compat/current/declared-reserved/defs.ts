/** The same fields declared reserved: `flags` keeps its contract, `mode` loses its meaning. */
import { header, struct } from "uapi-gen/dsl";

export const defs = header({ name: "defs" });

export const d_alloc = struct({
  fields: {
    flags: { type: "__u32", reserved: true, doc: "No flag is defined yet: must be 0." },
    mode: { type: "__u32", reserved: true, doc: "Must be 0." },
  },
});
