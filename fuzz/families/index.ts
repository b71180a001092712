/** The families of the fuzz run, in the order they run. */
import { defsFamily } from "./defs.js";
import type { FamilyMaker } from "./family.js";
import { headersFamily } from "./headers.js";
import { lspFamily } from "./lsp.js";
import { scenariosFamily } from "./scenarios.js";

export const FAMILY_MAKERS: readonly FamilyMaker[] = [
  defsFamily,
  headersFamily,
  scenariosFamily,
  lspFamily,
];
