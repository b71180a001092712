/** Flags fields that must be zero, before the declaration said so. */
import { header, struct } from "uapi-gen/dsl";

export const defs = header({ name: "defs" });

export const d_alloc = struct({
  fields: {
    flags: { type: "__u32", doc: "Must be 0." },
    mode: { type: "__u32", doc: "The mode." },
  },
});
