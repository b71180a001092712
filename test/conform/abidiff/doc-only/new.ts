/** After: only documentation changed; the ABI is the same. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "New wording.",
  fields: {
    size: { type: "__u32", doc: "New." },
    value: { type: "__u32" },
  },
});
