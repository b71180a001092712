/**
 * How a tree comparison reads headers: in batches, one per version and set of ABIs, through the
 * C front end, which shares its compiler runs within a batch (one preprocessing run per ABI for
 * all of them). The tree is written out in Debian's layout (`<dir>/linux/…`,
 * `<dir>/<multiarch>/asm/…`), so each ABI reads its own architecture's `asm/` headers.
 */
import { findAbi, type Abi } from "../../../abi/abis.js";
import { importHeaders, type ImportResult } from "../../../import/import.js";

export interface BatchRequest {
  /** Headers written out for the compiler (./scratch.ts). */
  readonly files: readonly string[];
  /** The tree's folder: `<dir>/linux/…` and `<dir>/<multiarch>/asm/…`. */
  readonly includeDir: string;
  /** The ABIs to read them for, the reference first. */
  readonly abis: readonly string[];
}

/** Reads a batch of headers into the IR, in the order asked. */
export type BatchReader = (request: BatchRequest) => Promise<readonly ImportResult[]>;

export const readBatchWithClang: BatchReader = (r) =>
  importHeaders(r.files, {
    includeDirs: [r.includeDir],
    abis: r.abis.map((a) => findAbi(a)).filter((a): a is Abi => a !== undefined),
  });
