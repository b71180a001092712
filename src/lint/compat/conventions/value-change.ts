/**
 * Classes of a changed constant or enumerator value that are not breaks by convention:
 *
 * - a version (`TASKSTATS_VERSION`, `AUTOFS_PROTO_SUBVERSION`, `SOF_ABI_PATCH`): old binaries
 *   keep the value they were built with and the kernel says which version it speaks
 *   (compatible when it went up, needs review when it went down);
 * - a mask of valid bits (`*_MASK`, `*_ALL*`, `*_VALID*`, `*_SUPPORTED`, `*_SUPP`, a set of
 *   `*_FLAGS`, `*_FEATURES` or `*_IOCTLS`) that only gained bits, or a mask of reserved bits that only lost some: every old
 *   value is still accepted (compatible); a mask that lost bits needs review (a mask is what
 *   code tests values against, not a value passed to the kernel: `FUTEX_CMD_MASK` lost bits
 *   when new flags were carved out of the command);
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
const MASK =
  /(^|_)(\w*MASK|ALL(?:FLAGS|BITS)?|VALID\w*|SUPPORTED|SUPP)(_|$)|_(FLAGS|FEATURES|IOCTLS)(_BASIC)?$/;
const RESERVED = /(^|_)(RESERVED|RSVD|RESV)(_|$)/;
const MAX = /(^|_)(MAX|LIMIT)(_|$)|MAX$/;
const MIN = /(^|_)MIN(_|$)/;
const COUNT = /(^|_)(CNT|COUNT|NUM|NR|NBITS|END|TOTAL)(_|$)|^N[A-Z]+$|(^|_)NR_\w*$/;

export function classifyValueChange(
  name: string,
  oldValue: number | bigint,
  nowValue: number | bigint,
): ValueClass | undefined {
  const [old, now] = [BigInt(oldValue), BigInt(nowValue)];
  if (has(name, VERSION))
    return now > old
      ? { severity: "info", why: "a version number that went up" }
      : { severity: "warning", why: "a version number that went down" };
  if (has(name, RESERVED) && isSuperset(now, old))
    return { severity: "info", why: "reserved bits taken into use" };
  if (has(name, MASK))
    return isSuperset(old, now)
      ? { severity: "info", why: "a mask that only gained bits" }
      : {
          severity: "warning",
          why: "a mask that lost bits: code that tests values against it now treats some differently",
        };
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

function isSuperset(old: bigint, now: bigint): boolean {
  const a = BigInt.asUintN(64, old);
  const b = BigInt.asUintN(64, now);
  return (a & ~b) === 0n;
}
