/** What SMMU command handlers see and answer (handlers.ts, tlbi.ts). */
import type { SmmuCaches } from "./caches.js";
import type { SmmuConfig } from "./config.js";

export type Outcome =
  | { readonly kind: "done" }
  /** CERROR_ILL. `lenient`: QEMU consumes this command silently instead (§3.1). */
  | { readonly kind: "ill"; readonly reason: string; readonly lenient?: boolean }
  /** A CMD_SYNC that cannot complete yet: the queue stalls on it. */
  | { readonly kind: "wait"; readonly reason: "sync_timeout" | "atc_timeout" };

/** What a handler may touch: the configuration, the caches, the devices and armed faults. */
export interface ExecContext {
  readonly cfg: SmmuConfig;
  readonly caches: SmmuCaches;
  /** ATS-capable devices by physical StreamID. */
  readonly atsDevices: ReadonlySet<number>;
  /** 2^SIDSIZE and 2^SSIDSIZE: the first StreamID and SubstreamID out of range. */
  readonly sidLimit: number;
  readonly ssidLimit: number;
  /** Invalidates one device's ATC (Addr as a page number); false when the device does not answer (an armed ATC timeout). */
  sendAtcInvalidation(
    sid: number,
    ssid: number | undefined,
    global: boolean,
    addrPage: number,
    size: number,
  ): boolean;
  /** Whether an ATC invalidation is still unanswered, which the next CMD_SYNC waits for. */
  atcOutstanding(): boolean;
  /** Takes an armed CMD_SYNC timeout, if any. */
  takeSyncTimeout(): boolean;
}

export type Handler = (ctx: ExecContext, q: Uint32Array, at: number) => Outcome;

export const DONE: Outcome = { kind: "done" };
export const ill = (reason: string, lenient = false): Outcome => ({ kind: "ill", reason, lenient });
