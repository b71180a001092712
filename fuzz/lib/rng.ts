/**
 * The seeded random numbers of the fuzz run (splitmix64): the same seed gives the same cases
 * on every machine, so a run's figures and findings can be reproduced with its seed.
 */
export class Rng {
  private state: bigint;

  constructor(seed: bigint | number | string) {
    let s = 0n;
    for (const c of String(seed)) s = BigInt.asUintN(64, s * 131n + BigInt(c.charCodeAt(0)));
    this.state = s;
  }

  /** A child generator: case `i` of a family gets the same numbers however many ran before. */
  fork(label: string | number): Rng {
    return new Rng(`${this.state}:${label}`);
  }

  private next(): bigint {
    this.state = BigInt.asUintN(64, this.state + 0x9e3779b97f4a7c15n);
    let z = this.state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Number(this.next() % BigInt(Math.max(1, n)));
  }

  /** An integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.int(1_000_000) < p * 1_000_000;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
}
