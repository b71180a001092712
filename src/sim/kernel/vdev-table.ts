/**
 * A vIOMMU's vDEVICEs by virt_id (64 bits), also indexed by number for the IDs a 32-bit
 * command field can name (a vSID), so a driver looks one up per command without a bigint:
 * small IDs (the usual vSIDs) in an array, the others in a map.
 */
import type { Vdevice } from "./objects.js";

const SMALL_IDS = 4096;

export class VdevTable {
  private readonly byId = new Map<bigint, Vdevice>();
  private readonly small: (Vdevice | undefined)[] = [];
  private readonly byU32 = new Map<number, Vdevice>();

  get size(): number {
    return this.byId.size;
  }
  has(id: bigint): boolean {
    return this.byId.has(id);
  }
  get(id: bigint): Vdevice | undefined {
    return this.byId.get(id);
  }
  values(): IterableIterator<Vdevice> {
    return this.byId.values();
  }
  /** The vDEVICE whose virt_id is the 32-bit value `id`. */
  getU32(id: number): Vdevice | undefined {
    return id < SMALL_IDS ? this.small[id] : this.byU32.get(id);
  }
  set(id: bigint, v: Vdevice): void {
    this.byId.set(id, v);
    this.setU32(id, v);
  }
  delete(id: bigint): void {
    this.byId.delete(id);
    this.setU32(id, undefined);
  }

  private setU32(id: bigint, v: Vdevice | undefined): void {
    if (id >> 32n !== 0n) return;
    const n = Number(id);
    if (n >= SMALL_IDS) {
      if (v) this.byU32.set(n, v);
      else this.byU32.delete(n);
      return;
    }
    // Filled up to the index first, so the array stays dense (fast elements).
    while (this.small.length <= n) this.small.push(undefined);
    this.small[n] = v;
  }
}
