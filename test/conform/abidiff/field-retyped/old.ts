/** Before: `value` is unsigned. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "A struct whose field changes type, not size.",
  fields: {
    size: { type: "__u32" },
    value: { type: "__u32" },
  },
});

export const compat_other = struct({
  doc: "Untouched.",
  fields: { a: { type: "__u16" }, b: { type: "__u16" } },
});
