/** What a fuzz family provides to the run (the worker side is families/runners.ts). */
import type { Rng } from "../lib/rng.js";
import type { Family, FuzzCase } from "../lib/types.js";

export interface FamilyMaker {
  readonly name: Family;
  /** Reads the seeds; false when there are none here (the corpus was never fetched). */
  load(): boolean;
  /** Case number `i`, from its own generator. */
  make(rng: Rng, i: number): FuzzCase;
  /** The pieces minimisation tries to remove, and the case rebuilt from those kept. */
  pieces(c: FuzzCase): string[];
  rebuild(c: FuzzCase, pieces: readonly string[]): FuzzCase;
  /** The commands that reproduce a case saved as a folder, run in that folder. */
  reproduce(c: FuzzCase): string;
}
