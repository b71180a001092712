/** After: flags, then id: same size and types, different offsets. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "A struct whose fields swap places.",
  fields: {
    flags: { type: "__u32" },
    id: { type: "__u32" },
    addr: { type: "__aligned_u64" },
  },
});
