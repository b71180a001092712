/**
 * The SMMU's caches, holding real entries so an invalidation can be seen to remove exactly
 * what it covers: the TLB (tagged by stage, VMID, ASID, address, mapping size, granule and
 * level), the configuration caches (STEs by StreamID, CDs by StreamID and SubstreamID) and
 * one ATC per ATS-capable device.
 *
 * Entries are kept in buckets by their tags (the TLB's in tlb.ts; ATC and CD by StreamID), so
 * an invalidation looks at the entries it could remove and not at every other context's.
 */
import { TlbCache, type TlbEntry, type TlbMatch } from "./tlb.js";

export { REGIME, TlbMatch, type TlbEntry, type TlbRegime } from "./tlb.js";

export interface AtcEntry {
  /** The PASID of the translation, or undefined for a request without one. */
  readonly ssid: number | undefined;
  readonly addr: bigint;
  readonly sizeLog2: number;
}

/**
 * An ATC entry with its bytes as 4 KB page numbers, first and one past the last, rounded
 * outwards. ATC_INV spans are whole pages, so comparing pages gives the same overlaps as
 * comparing bytes, without 64-bit arithmetic (page numbers are below 2^52).
 */
interface AtcSlot {
  readonly e: AtcEntry;
  readonly firstPage: number;
  readonly endPage: number;
}

/** 2^n for n ≤ 52, looked up rather than computed per command. */
const POW2 = Array.from({ length: 53 }, (_, n) => 2 ** n);

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

export class SmmuCaches {
  readonly ste = new Set<number>();
  private readonly tlb = new TlbCache();
  /** StreamID → SubstreamIDs with a cached CD. */
  private readonly cd = new Map<number, Set<number>>();
  /** StreamID → that device's ATC; a StreamID keeps its place once seen, as reports list it. */
  private readonly atc = new Map<number, AtcSlot[]>();

  fillTlb(entries: readonly TlbEntry[]): void {
    this.tlb.fill(entries);
  }

  /** Removes the TLB entries `m` selects; returns how many went. */
  invalidateTlb(m: TlbMatch): number {
    return this.tlb.invalidate(m);
  }

  tlbEntries(): TlbEntry[] {
    return this.tlb.entries();
  }

  fillAtc(sid: number, e: AtcEntry): void {
    const end = e.addr + (1n << BigInt(e.sizeLog2));
    const slot = {
      e,
      firstPage: Number(e.addr >> 12n),
      endPage: Number((end + 0xfffn) >> 12n),
    };
    const list = this.atc.get(sid);
    if (list) list.push(slot);
    else this.atc.set(sid, [slot]);
  }

  fillCd(sid: number, ssid: number): void {
    const set = this.cd.get(sid);
    if (set) set.add(ssid);
    else this.cd.set(sid, new Set([ssid]));
  }

  invalidateSteRange(first: number, count: number): void {
    // Deleting the entry being visited is safe in a Set iteration.
    for (const sid of this.ste) if (sid >= first && sid < first + count) this.ste.delete(sid);
  }

  invalidateCd(sid: number, ssid: number | undefined): void {
    const set = this.cd.get(sid);
    if (!set) return;
    if (ssid !== undefined) set.delete(ssid);
    if (ssid === undefined || set.size === 0) this.cd.delete(sid);
  }

  /** ATC_INV on one device: Addr is a page number, the span 2^Size pages aligned down. */
  invalidateAtc(
    sid: number,
    ssid: number | undefined,
    global: boolean,
    addrPage: number,
    size: number,
  ): void {
    const list = this.atc.get(sid);
    if (!list || list.length === 0) return;
    // atcSpan in pages: Size 52 and above is the whole 2^64-byte space.
    const pages = POW2[Math.min(size, 52)]!;
    const first = size >= 52 ? 0 : Math.floor(addrPage / pages) * pages;
    const end = first + pages;
    let kept = 0;
    for (const s of list) {
      const hit =
        (s.e.ssid === ssid || (global && ssid !== undefined)) &&
        s.firstPage < end &&
        first < s.endPage;
      if (!hit) list[kept++] = s;
    }
    if (kept !== list.length) list.length = kept;
  }

  describe(): { tlb: string[]; ste: number[]; cd: string[]; atc: string[] } {
    return {
      tlb: this.tlbEntries().map(describeTlbEntry),
      ste: [...this.ste].sort((a, b) => a - b),
      cd: [...this.cd].flatMap(([sid, set]) => [...set].map((ssid) => `${sid}:${ssid}`)).sort(),
      atc: [...this.atc].flatMap(([sid, l]) => l.map((s) => describeAtcEntry(sid, s.e))),
    };
  }
}
