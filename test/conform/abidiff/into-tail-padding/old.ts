/** Before: 4 bytes of tail padding after `count`. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "A struct with tail padding.",
  fields: {
    addr: { type: "__aligned_u64" },
    count: { type: "__u32" },
  },
});
