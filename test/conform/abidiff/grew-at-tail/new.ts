/** After: a 64-bit field appended at the tail (size 8 -> 16). */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "An extensible ioctl argument.",
  fields: {
    size: { type: "__u32" },
    flags: { type: "__u32" },
    out_value: { type: "__aligned_u64" },
  },
});
