/**
 * The reviewed judgement of every error the real history (./comparisons.ts) produces: which
 * class it belongs to and why. A verdict matches a finding by header (installed path, `x86:`
 * for an architecture's `asm/` header; `*` for any), rule and a piece of its message. Errors
 * that only the ABI really breaking, a field landing in old padding, a name or header that
 * upstream removed or renamed, or a definition that stopped compiling in user space may
 * produce; anything else would be a bug of the rules.
 */
import type { RecordedFinding } from "./comparisons.js";
import { VERDICT_LIST } from "./verdict-list.js";

export const CLASSES = {
  abi: {
    title: "The ABI really changed",
    meaning:
      "binaries built against the old header see other offsets, sizes or values: upstream accepted the break (the field was unused, the values are not meant to be stable, the old layout was a bug)",
  },
  padding: {
    title: "A field landed in old padding",
    meaning:
      "a new field took bytes that were implicit padding, which old callers never set: the kernel cannot tell them from the new field (if_xdp's `xdp_umem_reg.tx_metadata_len`, which upstream had to gate behind a new flag)",
  },
  removed: {
    title: "A name or header was removed",
    meaning:
      "source that names it no longer compiles (an API break); upstream removed the feature, the driver or the subsystem, or moved the declaration where user space should not use it",
  },
  renamed: {
    title: "A name or header was renamed",
    meaning: "the ABI is unchanged, but source that names the old spelling no longer compiles",
  },
  uncompilable: {
    title: "A name no longer compiles in user space",
    meaning:
      "the new header still defines it, but its definition needs what user space does not have (a kernel-internal type or macro): source that uses it no longer compiles",
  },
} as const;

export type VerdictClass = keyof typeof CLASSES;

export interface Verdict {
  /** Comparison ids it applies to; empty: every comparison. */
  readonly comparisons?: readonly string[];
  /** Installed path, a prefix ending in `/`, or `*`. */
  readonly header: string;
  /** The rule id, or `*` for any. */
  readonly rule: string;
  /** A piece of the message; empty: every finding of the rule in the header. */
  readonly match: string;
  readonly class: VerdictClass;
  readonly why: string;
}

export const VERDICTS: readonly Verdict[] = VERDICT_LIST;

export function verdictOf(
  comparison: string,
  header: string,
  finding: RecordedFinding,
): Verdict | undefined {
  return VERDICTS.find(
    (v) =>
      (!v.comparisons || v.comparisons.includes(comparison)) &&
      (v.header === "*" ||
        v.header === header ||
        (v.header.endsWith("/") && header.startsWith(v.header))) &&
      (v.rule === "*" || v.rule === finding.rule) &&
      finding.message.includes(v.match),
  );
}
