/**
 * Checks every command gets before its handler (SPEC 4.1.1, 4.1.5–4.1.7): an undefined or
 * reserved opcode, SSec = 1 on the Non-secure queue, and, when the implementation checks
 * them, non-zero RES0 bits (bits no field of the command covers).
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import type { DecodedCommand } from "../../runtime/command-set.js";
import type { SmmuConfig } from "./config.js";

/** Commands the shared definition declares by opcode only: their fields are unknown, so their bits are not RES0-checked. */
const FIELDS_NOT_MODELLED = new Set([
  "CFGI_VMS_PIDM",
  "TLBI_EL3_VA",
  "TLBI_S_EL2_VA",
  "TLBI_S_EL2_VAA",
  "TLBI_S_S2_IPA",
  "DPTI_PA",
]);

function definedMasks(name: string): bigint[] {
  const desc = smmuv3_cmd.desc;
  const masks = Array.from({ length: desc.words }, () => 0n);
  const add = (b: { word: number; hi: number; lo: number }): void => {
    masks[b.word] = masks[b.word]! | (((1n << BigInt(b.hi - b.lo + 1)) - 1n) << BigInt(b.lo));
  };
  add(desc.opcode);
  for (const b of Object.values(desc.commands[name]?.fields ?? {})) add(b);
  return masks;
}

const MASKS = new Map(
  Object.keys(smmuv3_cmd.desc.commands).map((name) => [name, definedMasks(name)]),
);

/** Why the command is CERROR_ILL before its handler runs, or undefined. */
export function commonIllegality(
  cmd: DecodedCommand,
  words: readonly bigint[],
  cfg: SmmuConfig,
): string | undefined {
  if (cmd.name === undefined) return `reserved opcode 0x${cmd.opcode.toString(16)}`;
  if (cmd.fields.SSEC === 1n) return "SSec=1 on the Non-secure queue";
  if (cfg.checkReserved && !FIELDS_NOT_MODELLED.has(cmd.name)) {
    const masks = MASKS.get(cmd.name)!;
    if (words.some((w, i) => (w & ~masks[i]!) !== 0n)) return "non-zero RES0 field";
  }
  return undefined;
}
