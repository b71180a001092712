/**
 * Reserved space by the kernel's conventions: a field declared reserved (`reserved: true`), named
 * like reserved space (`__reserved*`, `resv*`, `rsv*`, `pad*`, `__spare*`, `unused*`, and the
 * suffix forms check-uapi.sh knows, such as `flags_pad` or `x_reserved2`; `__align`), an unnamed
 * bitfield (`int :32;`, padding by definition), or documented as
 * reserved or must-be-zero. Callers of a released kernel had to leave such bytes zero (the kernel
 * checks them, or at least promised nothing for other values), so a later version may carve new
 * fields out of them.
 */
import type { Field } from "../../../model/ir.js";

/** `__reserved`, `reserved_1`, `resv2`, `rsvd`, `pad`, `__pad3`, `padding`, `__spare`, `unused2`. */
const PREFIX =
  /^_*(reserved|resv|rsv|pad|spare|unused)([0-9_]|d[0-9_]*$|ding[0-9_]*$|$)|^__align\d*$/i;
/** `flags_pad`, `x_reserved2`, `hdr_rsvd`, as check-uapi.sh's padding names. */
const SUFFIX = /_(reserved|resv|rsvd|res|pad|padding|unused|spare)_?\d*$/i;
/** Documentation that promises nothing but zero. */
const DOC =
  /^\s*(reserved|padding|unused)\b|\b(must|should|shall) be (set to )?(0|zero)\b|\bmbz\b|\breserved (for future|and must)\b/i;

export function reservedByName(name: string): boolean {
  return PREFIX.test(name) || SUFFIX.test(name);
}

export function reservedByDoc(doc: string | undefined): boolean {
  return doc !== undefined && DOC.test(doc);
}

/** Why a field is reserved space, or undefined when it has a meaning. */
export function reservedWhy(field: Field): "declared" | "name" | "doc" | undefined {
  if (field.reserved) return "declared";
  if (field.type.kind === "anonUnion") return undefined;
  // An unnamed member that is no record (`(bitfield after mode)`): padding C code cannot name.
  if (/\((anonymous|unnamed|bitfield)\b/.test(field.name) && field.type.kind !== "named")
    return "name";
  if (reservedByName(field.name)) return "name";
  if (reservedByDoc(field.doc)) return "doc";
  return undefined;
}

export function isReserved(field: Field): boolean {
  return reservedWhy(field) !== undefined;
}
