/** After: a second struct appears; the first is unchanged. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "Stays.",
  fields: { size: { type: "__u32" } },
});

export const compat_new = struct({
  doc: "New.",
  fields: { value: { type: "__aligned_u64" } },
});
