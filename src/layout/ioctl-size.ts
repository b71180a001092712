/**
 * The size an ioctl number encodes on one ABI: its argument struct's, or its non-record
 * argument type's (`_IOW('x', 1, int)` encodes 4), or 0 for `_IO`. One helper, so every
 * reader of ioctl numbers (generators, rules, hovers) agrees with the engine.
 */
import type { Abi } from "../abi/abis.js";
import { encodeIoctl, IOCTL_FAMILIES } from "../abi/ioctl-families.js";
import type { IoctlItem } from "../model/ir.js";
import type { Layouts } from "./layouts.js";

export function ioctlArgSize(ioctl: IoctlItem, layouts: Layouts, abi: Abi): number {
  if (ioctl.dir === "none") return 0;
  if (ioctl.arg) return layouts.of(ioctl.arg, abi).size;
  if (ioctl.argType) return layouts.engine(abi).typeLayout(ioctl.argType).size;
  return 0;
}

/** The ioctl's number on one ABI. */
export function ioctlNumber(ioctl: IoctlItem, layouts: Layouts, abi: Abi): number {
  return encodeIoctl(
    IOCTL_FAMILIES[abi.ioctl],
    ioctl.dir,
    ioctl.type.value,
    ioctl.nr.value,
    ioctlArgSize(ioctl, layouts, abi),
  );
}
