/** Before: an extensible argument with two fields. */
import { header, struct } from "uapi-gen/dsl";

export const compat = header({ name: "compat" });

export const compat_arg = struct({
  doc: "An extensible ioctl argument.",
  fields: {
    size: { type: "__u32" },
    flags: { type: "__u32" },
  },
});
