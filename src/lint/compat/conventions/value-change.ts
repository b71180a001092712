/**
 * Classes of a changed constant or enumerator value that are not breaks by convention:
 *
 * - a version (`TASKSTATS_VERSION`, `AUTOFS_PROTO_SUBVERSION`, `SOF_ABI_PATCH`): old binaries
 *   keep the value they were built with and the kernel says which version it speaks
 *   (compatible when it went up, needs review when it went down);
 * - a mask of valid bits (`*_MASK`, `*_ALL*`, `*_VALID*`, `*_SUPPORTED`) that only gained bits,
 *   or a mask of reserved bits that only lost some: every old value is still accepted
 *   (compatible);
 * - a limit (`*_MAX*`, `*_LIMIT`) that grew or a minimum that shrank, or a count (`*_CNT`,
 *   `*_COUNT`, `*_NUM`, `*_NR`, `*_END`, `NSIGSEGV`) that grew: old callers stay within it,
 *   new callers may exceed what an old kernel accepts (needs review).
 *
 * Anything else is a break: binaries carry the old value.
 */
import type { Severity } from "../../../diagnostics/diagnostic.js";

export interface ValueClass {
  readonly severity: Severity;
  /** Why it is not a plain break, for the message. */
  readonly why: string;
}

const has = (name: string, re: RegExp) => re.test(name.toUpperCase());

const VERSION = /(^|_)(\w*VERSION|VER|REVISION|REV|MAJOR|MINOR|PATCH|PATCHLEVEL|SUBLEVEL)(_|$)/;
const MASK = /(^|_)(\w*MASK|ALL\w*|VALID\w*|SUPPORTED)(_|$)/;
const RESERVED = /(^|_)(RESERVED|RSVD|RESV)(_|$)/;
const MAX = /(^|_)(MAX|LIMIT)(_|$)|MAX$/;
const MIN = /(^|_)MIN(_|$)/;
const COUNT = /(^|_)(CNT|COUNT|NUM|NR|NBITS|END|TOTAL)(_|$)|^N[A-Z]+$|(^|_)NR_\w*$/;

export function classifyValueChange(
  name: string,
  old: number,
  now: number,
): ValueClass | undefined {
  if (has(name, VERSION))
    return now > old
      ? { severity: "info", why: "a version number that went up" }
      : { severity: "warning", why: "a version number that went down" };
  if (has(name, MASK) && isSuperset(old, now))
    return { severity: "info", why: "a mask that only gained bits" };
  if (has(name, RESERVED) && isSuperset(now, old))
    return { severity: "info", why: "reserved bits taken into use" };
  if (has(name, MAX) && now > old)
    return {
      severity: "warning",
      why: "a maximum that grew: old kernels reject what new callers may pass",
    };
  if (has(name, MIN) && now < old)
    return {
      severity: "warning",
      why: "a minimum that shrank: old kernels reject what new callers may pass",
    };
  if (has(name, COUNT) && now > old)
    return {
      severity: "warning",
      why: "a count that grew: old binaries size their tables by the old count",
    };
  return undefined;
}

function isSuperset(old: number, now: number): boolean {
  const a = BigInt.asUintN(64, BigInt(old));
  const b = BigInt.asUintN(64, BigInt(now));
  return (a & ~b) === 0n;
}
