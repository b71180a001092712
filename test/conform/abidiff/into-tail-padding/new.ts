/** After: a __u32 placed in the former tail padding: same size, new member. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "A struct with tail padding.",
  fields: {
    addr: { type: "__aligned_u64" },
    count: { type: "__u32" },
    flags: { type: "__u32" },
  },
});
