/** Every compatibility rule, by id. */
import type { CompatRule } from "../types.js";
import constantStable from "./constant-stable.js";
import entryStructCompatible from "./entry-struct-compatible.js";
import enumValueStable from "./enum-value-stable.js";
import fieldIntoPadding from "./field-into-padding.js";
import fieldMadeReserved from "./field-made-reserved.js";
import fieldNoDelete from "./field-no-delete.js";
import fieldNoRename from "./field-no-rename.js";
import fieldSameOffset from "./field-same-offset.js";
import fieldSameType from "./field-same-type.js";
import flagBitStable from "./flag-bit-stable.js";
import headerNoDelete from "./header-no-delete.js";
import ioctlNumberStable from "./ioctl-number-stable.js";
import itemNoDelete from "./item-no-delete.js";
import reservedFieldUse from "./reserved-field-use.js";
import structSizeChange from "./struct-size-change.js";
import structTailGrowth from "./struct-tail-growth.js";
import tailFieldZeroDefault from "./tail-field-zero-default.js";

export const COMPAT_RULES = {
  "constant-stable": constantStable,
  "entry-struct-compatible": entryStructCompatible,
  "enum-value-stable": enumValueStable,
  "field-into-padding": fieldIntoPadding,
  "field-made-reserved": fieldMadeReserved,
  "field-no-delete": fieldNoDelete,
  "field-no-rename": fieldNoRename,
  "field-same-offset": fieldSameOffset,
  "field-same-type": fieldSameType,
  "flag-bit-stable": flagBitStable,
  "header-no-delete": headerNoDelete,
  "ioctl-number-stable": ioctlNumberStable,
  "item-no-delete": itemNoDelete,
  "reserved-field-use": reservedFieldUse,
  "struct-size-change": structSizeChange,
  "struct-tail-growth": structTailGrowth,
  "tail-field-zero-default": tailFieldZeroDefault,
} as const satisfies Record<string, CompatRule<string>>;

export const COMPAT_RULE_LIST: readonly CompatRule<string>[] = Object.values(
  COMPAT_RULES,
) as CompatRule<string>[];
