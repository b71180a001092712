/** Every layout rule, by id. Presets and the docs test are generated from this table. */
import type { Rule } from "../types.js";
import alignedU64 from "./aligned-u64.js";
import arrayDescriptorContract from "./array-descriptor-contract.js";
import consistentLayout from "./consistent-layout.js";
import enumExplicitValues from "./enum-explicit-values.js";
import extensibleLeadingSize from "./extensible-leading-size.js";
import fixedWidthTypes from "./fixed-width-types.js";
import flagsDeclareValidBits from "./flags-declare-valid-bits.js";
import hardwareExplicitEndianness from "./hardware-explicit-endianness.js";
import ioctlDirection from "./ioctl-direction.js";
import ioctlSizeLimit from "./ioctl-size-limit.js";
import ioctlUniqueNumber from "./ioctl-unique-number.js";
import noImplicitHole from "./no-implicit-hole.js";
import noImplicitTailPadding from "./no-implicit-tail-padding.js";
import requireDocs from "./require-docs.js";
import reservedMustBeZero from "./reserved-must-be-zero.js";
import sizeMultipleOf8 from "./size-multiple-of-8.js";
import uniqueValues from "./unique-values.js";
import userPointerAlignedU64 from "./user-pointer-aligned-u64.js";

export const RULES = {
  "aligned-u64": alignedU64,
  "array-descriptor-contract": arrayDescriptorContract,
  "consistent-layout": consistentLayout,
  "enum-explicit-values": enumExplicitValues,
  "extensible-leading-size": extensibleLeadingSize,
  "fixed-width-types": fixedWidthTypes,
  "flags-declare-valid-bits": flagsDeclareValidBits,
  "hardware-explicit-endianness": hardwareExplicitEndianness,
  "ioctl-direction": ioctlDirection,
  "ioctl-size-limit": ioctlSizeLimit,
  "ioctl-unique-number": ioctlUniqueNumber,
  "no-implicit-hole": noImplicitHole,
  "no-implicit-tail-padding": noImplicitTailPadding,
  "require-docs": requireDocs,
  "reserved-must-be-zero": reservedMustBeZero,
  "size-multiple-of-8": sizeMultipleOf8,
  "unique-values": uniqueValues,
  "user-pointer-aligned-u64": userPointerAlignedU64,
} as const satisfies Record<string, Rule<string>>;

export type RuleId = keyof typeof RULES;
export const RULE_LIST: readonly Rule<string>[] = Object.values(RULES) as Rule<string>[];
