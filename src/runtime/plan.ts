/**
 * A struct descriptor resolved for one ABI into a tree of byte positions: every scalar knows
 * its offset, width, signedness and byte order. The compiled codecs and the views are written
 * from a plan, so the layout engine runs once per struct and ABI, never per value.
 *
 * Offsets are relative to a frame: the start of the outermost struct, or of one element of an
 * array (whose element plan is laid out once and repeated by the stride).
 */
import type { Abi } from "../abi/abis.js";
import type { ScalarName } from "../abi/kernel-types.js";
import {
  scalarLayout,
  scalarSigned,
  type FieldLayout,
  type LayoutEngine,
} from "../layout/layout.js";
import type { FieldDesc, StructDesc, TypeDesc } from "./descriptors.js";
import { shift } from "./reference.js";
import { CodecError, isBigScalar, littleEndian } from "./scalar-io.js";

export interface ScalarPlan {
  readonly kind: "scalar";
  readonly offset: number;
  readonly name: ScalarName;
  readonly size: number;
  readonly signed: boolean;
  readonly le: boolean;
  /** Whether the TypeScript value is a bigint (64-bit, or ABI-sized like long). */
  readonly big: boolean;
}

export interface ArrayPlan {
  readonly kind: "array";
  readonly offset: number;
  readonly length: number;
  readonly stride: number;
  /** The element, in a frame of its own that starts at the element. */
  readonly element: Plan;
}

export interface StructPlan {
  readonly kind: "struct";
  readonly offset: number;
  readonly desc: StructDesc;
  readonly size: number;
  readonly fields: readonly MemberPlan[];
  /** The layouts of the fields in this frame, for the union writer of the reference codec. */
  readonly layouts: readonly FieldLayout[];
}

/** An anonymous union: its members belong to the enclosing struct's value. */
export interface AnonPlan {
  readonly kind: "anon";
  /** An anonymous struct member (its members follow one another), not a union. */
  readonly struct: boolean;
  readonly offset: number;
  readonly members: readonly MemberPlan[];
  readonly descs: readonly FieldDesc[];
  readonly layouts: readonly FieldLayout[];
}

export type Plan = ScalarPlan | ArrayPlan | StructPlan | AnonPlan;

export interface MemberPlan {
  readonly name: string;
  readonly plan: Plan;
}

type KindPlanner<K extends TypeDesc["kind"]> = (
  engine: LayoutEngine,
  type: Extract<TypeDesc, { kind: K }>,
  at: FieldLayout,
) => Plan;

const PLANNERS: { [K in TypeDesc["kind"]]: KindPlanner<K> } = {
  scalar: (engine, t, at) => scalarPlan(engine.scalarName(t), engine.abi, at.offset),
  array: (engine, t, at) => {
    const { size } = engine.typeLayout(t.element);
    const element = planType(engine, t.element, { name: "", offset: 0, size, align: 1 });
    return { kind: "array", offset: at.offset, length: t.length, stride: size, element };
  },
  named: (engine, t, at) => planStruct(engine, t.struct, at.offset),
  anonUnion: (engine, t, at) => {
    const layouts = at.members ?? [];
    return {
      kind: "anon",
      struct: t.struct === true,
      offset: at.offset,
      members: t.members.map((m, i) => ({
        name: m.name,
        plan: planType(engine, m.type, layouts[i]!),
      })),
      descs: t.members,
      layouts,
    };
  },
};

function planType(engine: LayoutEngine, type: TypeDesc, at: FieldLayout): Plan {
  return (PLANNERS[type.kind] as KindPlanner<TypeDesc["kind"]>)(engine, type as never, at);
}

export function scalarPlan(name: ScalarName, abi: Abi, offset: number): ScalarPlan {
  if (scalarLayout(name, abi).size > 8)
    throw new CodecError(name, "128-bit integers are not encoded by the codecs");
  return {
    kind: "scalar",
    offset,
    name,
    size: scalarLayout(name, abi).size,
    signed: scalarSigned(name, abi),
    le: littleEndian(name, abi),
    big: isBigScalar(name),
  };
}

/** The plan of `desc` placed at `offset` in the current frame. */
export function planStruct(engine: LayoutEngine, desc: StructDesc, offset = 0): StructPlan {
  refuseBitfields(desc.name, desc.fields);
  const layout = engine.structLayout(desc.name);
  const layouts = layout.fields.map((f) => shift(f, offset));
  return {
    kind: "struct",
    offset,
    desc,
    size: layout.size,
    fields: desc.fields.map((f, i) => ({
      name: f.name,
      plan: planType(engine, f.type, layouts[i]!),
    })),
    layouts,
  };
}

/**
 * Bitfields are laid out exactly (src/layout), but the codecs read and write whole scalars:
 * a struct with a bitfield member is refused rather than encoded wrong.
 */
function refuseBitfields(struct: string, fields: readonly FieldDesc[]): void {
  for (const f of fields) {
    if (f.bitWidth !== undefined)
      throw new CodecError(
        struct,
        `member \`${f.name}\` is a C bitfield, which the codecs do not encode`,
      );
    if (f.type.kind === "anonUnion") refuseBitfields(struct, f.type.members);
  }
}
