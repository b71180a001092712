/** Before: id, then flags. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "A struct whose fields swap places.",
  fields: {
    id: { type: "__u32" },
    flags: { type: "__u32" },
    addr: { type: "__aligned_u64" },
  },
});
