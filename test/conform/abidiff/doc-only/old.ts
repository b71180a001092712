/** Before. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "Old wording.",
  fields: {
    size: { type: "__u32", doc: "Old." },
    value: { type: "__u32" },
  },
});
