/**
 * The SMMU's caches, holding real entries so an invalidation can be seen to remove exactly
 * what it covers: the TLB (tagged by stage, VMID, ASID, address, mapping size, granule and
 * level), the configuration caches (STEs by StreamID, CDs by StreamID and SubstreamID) and
 * one ATC per ATS-capable device.
 */
import { overlaps, type InvalidationSpan } from "./range.js";

export type TlbRegime = "s1" | "s2" | "el2";

export interface TlbEntry {
  readonly regime: TlbRegime;
  readonly vmid: number;
  readonly asid: number;
  /** Input address of the mapping (VA, or IPA for stage 2), aligned to its size. */
  readonly addr: bigint;
  readonly sizeLog2: number;
  readonly granuleLog2: number;
  /** Translation table level of the descriptor (3 for a 4 KB page with a 4 KB granule). */
  readonly level: number;
  /** False for a walk-cache (table) entry. */
  readonly leaf: boolean;
}

export interface AtcEntry {
  /** The PASID of the translation, or undefined for a request without one. */
  readonly ssid: number | undefined;
  readonly addr: bigint;
  readonly sizeLog2: number;
}

/** Selects which TLB entries an invalidation removes. */
export interface TlbMatch {
  readonly regimes: readonly TlbRegime[];
  readonly vmid?: number;
  readonly asid?: number;
  readonly span?: InvalidationSpan;
  readonly leafOnly?: boolean;
}

const SIZE_NAMES: Record<number, string> = {
  12: "4K",
  14: "16K",
  16: "64K",
  21: "2M",
  25: "32M",
  29: "512M",
  30: "1G",
};

export function sizeName(log2: number): string {
  return SIZE_NAMES[log2] ?? `2^${log2}`;
}

function hex(v: bigint): string {
  return `0x${v.toString(16)}`;
}

export function describeTlbEntry(e: TlbEntry): string {
  const tag =
    e.regime === "s2"
      ? `vmid=${e.vmid}`
      : e.regime === "el2"
        ? `el2 asid=${e.asid}`
        : `vmid=${e.vmid} asid=${e.asid}`;
  return `${e.regime} ${tag} ${hex(e.addr)} ${sizeName(e.sizeLog2)} L${e.level}${e.leaf ? "" : " table"}`;
}

export function describeAtcEntry(sid: number, e: AtcEntry): string {
  return `sid=${sid}${e.ssid === undefined ? "" : ` ssid=${e.ssid}`} ${hex(e.addr)} ${sizeName(e.sizeLog2)}`;
}

function tlbMatches(e: TlbEntry, m: TlbMatch): boolean {
  if (!m.regimes.includes(e.regime)) return false;
  if (m.vmid !== undefined && e.vmid !== m.vmid) return false;
  if (m.asid !== undefined && e.asid !== m.asid) return false;
  if (m.leafOnly && !e.leaf) return false;
  const s = m.span;
  if (!s) return true;
  if (s.granuleLog2 !== undefined && e.granuleLog2 !== s.granuleLog2) return false;
  if (s.ttl !== 0 && e.level !== s.ttl) return false;
  return overlaps(e.addr, e.addr + (1n << BigInt(e.sizeLog2)), s.start, s.end);
}

export class SmmuCaches {
  tlb: TlbEntry[] = [];
  readonly ste = new Set<number>();
  /** `${sid}:${ssid}` */
  readonly cd = new Set<string>();
  readonly atc = new Map<number, AtcEntry[]>();

  invalidateTlb(m: TlbMatch): number {
    const before = this.tlb.length;
    this.tlb = this.tlb.filter((e) => !tlbMatches(e, m));
    return before - this.tlb.length;
  }

  invalidateSteRange(first: number, count: number): void {
    for (const sid of [...this.ste]) if (sid >= first && sid < first + count) this.ste.delete(sid);
  }

  invalidateCd(sid: number, ssid: number | undefined): void {
    for (const key of [...this.cd]) {
      const [s, ss] = key.split(":").map(Number);
      if (s === sid && (ssid === undefined || ss === ssid)) this.cd.delete(key);
    }
  }

  invalidateAtc(
    sid: number,
    ssid: number | undefined,
    global: boolean,
    start: bigint,
    end: bigint,
  ): void {
    const entries = this.atc.get(sid);
    if (!entries) return;
    const hit = (e: AtcEntry): boolean =>
      (e.ssid === ssid || (global && ssid !== undefined)) &&
      overlaps(e.addr, e.addr + (1n << BigInt(e.sizeLog2)), start, end);
    this.atc.set(
      sid,
      entries.filter((e) => !hit(e)),
    );
  }

  describe(): { tlb: string[]; ste: number[]; cd: string[]; atc: string[] } {
    return {
      tlb: this.tlb.map(describeTlbEntry),
      ste: [...this.ste].sort((a, b) => a - b),
      cd: [...this.cd].sort(),
      atc: [...this.atc.entries()].flatMap(([sid, es]) => es.map((e) => describeAtcEntry(sid, e))),
    };
  }
}
