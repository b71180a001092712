/**
 * Seeded random definitions for differential layout fuzzing: structs and unions built from
 * every field kind (every scalar, kernel and native, endian and `__aligned_*` ones; arrays,
 * multi-dimensional ones and arrays of structs; named structs and unions nested two deep;
 * anonymous unions, nested too). Each top-level struct comes as a self-contained group (its
 * nested types first) so batches and minimised fixtures can be cut anywhere.
 */
import { SCALAR_NAMES, SCALARS } from "../../abi/kernel-types.js";
import type { Field, Model, ModuleIR, StructItem, TypeRef } from "../../model/ir.js";
import { SplitMix64 } from "../roundtrip/values.js";

/**
 * The scalars every ABI's compiler accepts: one random model is compiled on all of them, and
 * `__int128` exists on the 64-bit ABIs (and x32) only.
 */
const EVERY_ABI_SCALARS = SCALAR_NAMES.filter((n) => SCALARS[n].alignClass !== "i128");

export class Rng {
  private readonly mix: SplitMix64;

  constructor(seed: bigint) {
    this.mix = new SplitMix64(seed);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Number(this.mix.next() % BigInt(n));
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  chance(p: number): boolean {
    return this.int(1000) < p * 1000;
  }
}

export const FUZZ_MODULE = "uapi_gen_fuzz";

export function field(name: string, type: TypeRef): Field {
  return {
    name,
    type,
    doc: undefined,
    loc: undefined,
    dir: "in",
    reserved: false,
    userPtr: false,
    flags: undefined,
    values: undefined,
  };
}

export function structItem(
  kind: "struct" | "union",
  name: string,
  fields: readonly Field[],
): StructItem {
  return {
    kind,
    name,
    fields,
    doc: undefined,
    loc: undefined,
    module: FUZZ_MODULE,
    extensible: undefined,
    arrays: [],
    hardware: false,
  };
}

/** A group: the nested types a top-level struct uses, then the struct itself (last). */
export type Group = readonly StructItem[];

class GroupBuilder {
  private fieldNo = 0;
  private nestedNo = 0;
  readonly items: StructItem[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly name: string,
  ) {}

  private scalar(): TypeRef {
    return { kind: "scalar", name: this.rng.pick(EVERY_ABI_SCALARS) };
  }

  /** Weights keep most fields scalar so structs stay realistic, yet every kind shows up. */
  type(depth: number): TypeRef {
    const r = this.rng.int(100);
    if (r < 55 || depth > 2) return this.scalar();
    if (r < 72) {
      // An array of an anonymous union is not C (it would be a member of unnamed type).
      const inner = this.rng.chance(0.25) ? this.type(depth + 1) : this.scalar();
      const element = inner.kind === "anonUnion" ? this.scalar() : inner;
      return { kind: "array", element, length: 1 + this.rng.int(5) };
    }
    if (r < 88) return { kind: "named", name: this.nested(depth + 1) };
    return { kind: "anonUnion", members: this.fields(depth + 1, 2 + this.rng.int(2)) };
  }

  fields(depth: number, n: number): Field[] {
    return Array.from({ length: n }, () => field(`f${this.fieldNo++}`, this.type(depth)));
  }

  nested(depth: number): string {
    const name = `${this.name}_n${this.nestedNo++}`;
    const kind = this.rng.chance(0.3) ? "union" : "struct";
    const fields = this.fields(depth, 1 + this.rng.int(4));
    this.items.push(structItem(kind, name, fields));
    return name;
  }
}

export function randomGroup(rng: Rng, name: string): Group {
  const b = new GroupBuilder(rng, name);
  const top = structItem(rng.chance(0.1) ? "union" : "struct", name, b.fields(0, 1 + rng.int(8)));
  return [...b.items, top];
}

export function randomGroups(seed: bigint, count: number): Group[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => randomGroup(rng, `fz${i}`));
}

export function modelOf(groups: readonly Group[]): Model {
  const items = groups.flat();
  const module: ModuleIR = {
    file: `${FUZZ_MODULE}.ts`,
    name: FUZZ_MODULE,
    doc: undefined,
    spdx: "GPL-2.0",
    includes: [],
    loc: undefined,
    items,
  };
  return { modules: [module], items: new Map(items.map((i) => [i.name, i])) };
}
