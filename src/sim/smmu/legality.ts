/**
 * Checks every command gets before its handler (SPEC 4.1.1, 4.1.5–4.1.7): an undefined or
 * reserved opcode, SSec = 1 on the Non-secure queue, and, when the implementation checks
 * them, non-zero RES0 bits (bits no field of the command covers). Everything a check needs is
 * prepared per opcode once, from the shared `smmuv3_cmd` definition.
 */
import { smmuv3_cmd } from "../../../out/ts/arm_smmuv3_cmdq.js";
import { CMD_U32, OPCODE, storeWords } from "./cmd-words.js";
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

export interface CommandInfo {
  readonly name: string;
  readonly opcode: number;
  /** The bits no field covers, as four halves; undefined when the fields are not modelled. */
  readonly res0: Uint32Array | undefined;
}

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

function res0Of(name: string): Uint32Array | undefined {
  if (FIELDS_NOT_MODELLED.has(name)) return undefined;
  const q = new Uint32Array(CMD_U32);
  storeWords(
    q,
    0,
    definedMasks(name).map((m) => ~m),
  );
  return q;
}

/** Command by opcode (8 bits); undefined for a reserved opcode. */
export const BY_OPCODE: readonly (CommandInfo | undefined)[] = (() => {
  const table: (CommandInfo | undefined)[] = new Array(256).fill(undefined);
  for (const [name, c] of Object.entries(smmuv3_cmd.desc.commands))
    table[c.opcode] = { name, opcode: c.opcode, res0: res0Of(name) };
  return table;
})();

/**
 * The SSec bit per opcode, as a mask of the first 32-bit half (0: the command has no SSec
 * field). SSec is bit 10 wherever the definition has it.
 */
export const SSEC_MASK: Uint32Array = (() => {
  const masks = new Uint32Array(256);
  for (const c of Object.values(smmuv3_cmd.desc.commands)) {
    const b = c.fields.SSEC;
    if (!b) continue;
    if (b.word !== 0 || b.hi !== b.lo || b.lo >= 32) throw new Error("internal: SSec moved");
    masks[c.opcode] = 1 << b.lo;
  }
  return masks;
})();

/** The same per opcode in typed arrays, for the check every command gets. */
const DEFINED = new Uint8Array(256);
const RES0 = new Uint32Array(256 * CMD_U32);
const RES0_CHECKED = new Uint8Array(256);
for (const c of BY_OPCODE) {
  if (!c) continue;
  DEFINED[c.opcode] = 1;
  if (c.res0) {
    RES0_CHECKED[c.opcode] = 1;
    RES0.set(c.res0, c.opcode * CMD_U32);
  }
}

/** Why the command at `q[at]` is CERROR_ILL before its handler runs, or undefined. */
export function commonIllegality(q: Uint32Array, at: number, cfg: SmmuConfig): string | undefined {
  const opcode = OPCODE.read(q, at);
  if (DEFINED[opcode] === 0) return `reserved opcode 0x${opcode.toString(16)}`;
  if ((q[at]! & SSEC_MASK[opcode]!) !== 0) return "SSec=1 on the Non-secure queue";
  if (cfg.checkReserved && RES0_CHECKED[opcode] === 1)
    for (let i = 0; i < CMD_U32; i++)
      if ((q[at + i]! & RES0[opcode * CMD_U32 + i]!) !== 0) return "non-zero RES0 field";
  return undefined;
}
