/**
 * How a tree comparison reads headers: in batches, one per version and set of ABIs, through the
 * C front end. The default reads each header with clang-19 for its architecture; a batch is the
 * unit the front end can share compiler runs in.
 */
import { importHeader, type ImportResult } from "../../../import/import.js";
import { archOfAbi } from "./arches.js";

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

export const readBatchWithClang: BatchReader = async (r) => {
  const arch = archOfAbi(r.abis[0]!)!;
  const triple = arch.triples[r.abis[0]!]!;
  const args = [
    ...(arch.dir === "x86" ? [] : [`--target=${triple}`]),
    "-I",
    `${r.includeDir}/${triple}`,
    "-I",
    r.includeDir,
  ];
  return r.files.map((file) => importHeader(file, { clangArgs: args }));
};
