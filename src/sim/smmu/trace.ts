/** Named trace events of the physical SMMU, one per command it looks at (as QEMU's trace points). */
import type { CerrorName } from "./errors.js";

export type SmmuTraceEvent =
  /** A command was executed and consumed (CMD_SYNC included). */
  | {
      readonly event: "cmdq_exec";
      readonly slot: number;
      readonly op: string;
      readonly words: readonly bigint[];
    }
  /** QEMU leniency: an illegal command consumed without effect. */
  | {
      readonly event: "cmdq_ignored";
      readonly slot: number;
      readonly op: string;
      readonly reason: string;
    }
  /** Consumption stopped on an error; CONS stays on the command. */
  | {
      readonly event: "cmdq_error";
      readonly slot: number;
      readonly op: string;
      readonly cerror: CerrorName;
      readonly reason: string;
    }
  /** A CMD_SYNC that cannot complete yet. */
  | { readonly event: "cmdq_wait"; readonly slot: number; readonly reason: string }
  | { readonly event: "gerror_ack" };

export function hexWord(v: bigint): string {
  return `0x${v.toString(16)}`;
}
