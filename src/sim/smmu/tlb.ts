/**
 * The SMMU's TLB: entries tagged by stage, VMID, ASID, address, mapping size, granule and
 * level, kept in buckets by regime and VMID, then ASID, so an invalidation looks only at the
 * entries it could remove and not at every other context's. The 64-bit span of a range is
 * only computed when such an entry exists.
 */
import { checkOperand, overlaps, spanOf, type PageOperand } from "./range.js";
import type { SmmuConfig } from "./config.js";

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

/** Regimes as bits of `TlbMatch.regimes`. */
export const REGIME: Readonly<Record<TlbRegime, number>> = { s1: 1, s2: 2, el2: 4 };
const REGIME_BITS = [1, 2, 4];

/**
 * Selects which TLB entries an invalidation removes: regimes (bits of REGIME), VMID and ASID
 * (-1: any), leaf entries only, and an address operand when `ranged`. A handler fills one and
 * reuses it, so matching allocates nothing.
 */
export class TlbMatch {
  regimes = 0;
  vmid = -1;
  asid = -1;
  leafOnly = false;
  ranged = false;
  readonly op: PageOperand = { addrPage: 0, num: 0, scale: 0, tg: 0, ttl: 0, ttl128: 0 };

  reset(regimes: number): this {
    this.regimes = regimes;
    this.vmid = this.asid = -1;
    this.leafOnly = this.ranged = false;
    return this;
  }

  /** Takes the address operand; says why it is CERROR_ILL, or undefined. */
  setRange(
    cfg: SmmuConfig,
    addrPage: number,
    num: number,
    scale: number,
    tg: number,
    ttl: number,
    ttl128: number,
  ): string | undefined {
    const op = this.op;
    op.addrPage = addrPage;
    op.num = num;
    op.scale = scale;
    op.tg = tg;
    op.ttl = ttl;
    op.ttl128 = ttl128;
    this.ranged = true;
    return checkOperand(op, cfg);
  }
}

interface TlbSlot {
  readonly e: TlbEntry;
  /** One past the mapping's last byte. */
  readonly end: bigint;
  /** Fill order, which `describe` keeps. */
  readonly seq: number;
}

/** The first TLB level: regime and VMID (an ASID map below it). */
const tlbTag = (regime: number, vmid: number): number => regime * 0x1_0000 + vmid;

/** Removes the entries `hit` selects, in place, keeping the others in order; returns how many. */
function removeWhere<T>(list: T[], hit: (x: T) => boolean): number {
  let kept = 0;
  for (let i = 0; i < list.length; i++) if (!hit(list[i]!)) list[kept++] = list[i]!;
  const removed = list.length - kept;
  if (removed !== 0) list.length = kept;
  return removed;
}

export class TlbCache {
  /** regime and VMID → ASID → entries. */
  private readonly tlb = new Map<number, Map<number, TlbSlot[]>>();
  private seq = 0;
  /** A regime and VMID known to have no entries (-1: none known). */
  private emptyTag = -1;

  fill(entries: readonly TlbEntry[]): void {
    this.emptyTag = -1;
    for (const e of entries) {
      if (e.vmid >>> 16 !== 0 || e.asid >>> 16 !== 0)
        throw new RangeError("TLB tags are 16-bit VMIDs and ASIDs");
      const tag = tlbTag(REGIME_BITS.indexOf(REGIME[e.regime]), e.vmid);
      const slot = { e, end: e.addr + (1n << BigInt(e.sizeLog2)), seq: this.seq++ };
      let byAsid = this.tlb.get(tag);
      if (!byAsid) this.tlb.set(tag, (byAsid = new Map()));
      const bucket = byAsid.get(e.asid);
      if (bucket) bucket.push(slot);
      else byAsid.set(e.asid, [slot]);
    }
  }

  /** Removes what `m` selects; returns how many entries went. */
  invalidate(m: TlbMatch): number {
    const r = REGIME_BITS.indexOf(m.regimes);
    if (r >= 0 && m.vmid >= 0) {
      const tag = tlbTag(r, m.vmid);
      // Invalidations come in runs for one context; one with nothing cached stays empty
      // until the next fill.
      if (tag === this.emptyTag) return 0;
      const byAsid = this.tlb.get(tag);
      if (!byAsid) this.emptyTag = tag;
      return byAsid ? this.invalidateTag(tag, byAsid, m) : 0;
    }
    let removed = 0;
    for (const [tag, byAsid] of this.tlb) {
      if ((m.regimes & REGIME_BITS[Math.floor(tag / 0x1_0000)]!) === 0) continue;
      if (m.vmid >= 0 && tag % 0x1_0000 !== m.vmid) continue;
      removed += this.invalidateTag(tag, byAsid, m);
    }
    return removed;
  }

  private invalidateTag(tag: number, byAsid: Map<number, TlbSlot[]>, m: TlbMatch): number {
    let removed = 0;
    if (m.asid >= 0) {
      const bucket = byAsid.get(m.asid);
      if (bucket) removed = this.invalidateBucket(bucket, m);
      if (bucket?.length === 0) byAsid.delete(m.asid);
    } else
      for (const [asid, bucket] of byAsid) {
        removed += this.invalidateBucket(bucket, m);
        if (bucket.length === 0) byAsid.delete(asid);
      }
    // Emptied maps go (deleting during a Map iteration is safe), so later lookups miss early.
    if (byAsid.size === 0) this.tlb.delete(tag);
    return removed;
  }

  private invalidateBucket(bucket: TlbSlot[], m: TlbMatch): number {
    const op = m.op;
    const granule = op.tg === 0 ? undefined : op.tg * 2 + 10;
    const ttl = op.tg === 0 ? 0 : op.ttl;
    let span: { start: bigint; end: bigint } | undefined;
    return removeWhere(bucket, (s) => {
      if (m.leafOnly && !s.e.leaf) return false;
      if (!m.ranged) return true;
      if (granule !== undefined && s.e.granuleLog2 !== granule) return false;
      if (ttl !== 0 && s.e.level !== ttl) return false;
      span ??= spanOf(op);
      return overlaps(s.e.addr, s.end, span.start, span.end);
    });
  }

  /** Every entry, in fill order. */
  entries(): TlbEntry[] {
    return [...this.tlb.values()]
      .flatMap((byAsid) => [...byAsid.values()].flat())
      .sort((a, b) => a.seq - b.seq)
      .map((s) => s.e);
  }
}
