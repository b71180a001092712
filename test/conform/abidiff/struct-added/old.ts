/** Before: one struct. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "Stays.",
  fields: { size: { type: "__u32" } },
});
